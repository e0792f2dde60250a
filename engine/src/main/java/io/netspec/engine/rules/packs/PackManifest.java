package io.netspec.engine.rules.packs;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.version.NetspecVersion;
import io.netspec.engine.version.SemVer;
import io.netspec.engine.version.VersionRange;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A pack's {@code pack.yaml}, checked against its schema:
 * <pre>
 * name: acme                      # required, kebab-case; one pack of a name per run
 * version: 2.3.0                  # required, semantic version (MAJOR.MINOR.PATCH[-pre][+build])
 * description: ACME conventions   # optional, one paragraph
 * requires: "&gt;=0.2.0 &lt;1.0.0"      # optional, the netspec versions the pack works with
 * </pre>
 * Any other key is an error, so a typo ({@code require:}) is never silently ignored. Read from
 * SnakeYAML's node tree (compose only, no object construction) so that errors name the line.
 */
public record PackManifest(
        String name, SemVer version, String description, Optional<VersionRange> requires, int requiresLine) {

    private static final List<String> KEY_LIST = List.of("name", "version", "description", "requires");
    static final String KEYS = String.join(", ", KEY_LIST);

    /** Parses and validates {@code text}; {@code shown} is how errors name the file. */
    public static PackManifest parse(String text, String shown) throws PackException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(64 * 1024); // a manifest is a few lines
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw problem(
                    shown, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, e.getProblem());
        } catch (YAMLException e) {
            throw problem(shown, 0, e.getMessage());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw problem(shown, root == null ? 1 : line(root), "expected a mapping with " + KEYS);
        }
        Map<String, ScalarNode> values = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "";
            if (!KEY_LIST.contains(key)) {
                throw problem(shown, line(t.getKeyNode()), "unknown key \"" + key + "\" (expected " + KEYS + ")");
            }
            if (values.containsKey(key)) { // compose does not see duplicates; only construction would
                throw problem(shown, line(t.getKeyNode()), "duplicate key \"" + key + "\"");
            }
            if (!(t.getValueNode() instanceof ScalarNode v)) {
                throw problem(shown, line(t.getValueNode()), key + " must be a single value");
            }
            values.put(key, v);
        }
        ScalarNode nameNode = required(values, "name", shown, line(mapping));
        String name = nameNode.getValue().trim();
        if (!name.matches(RuleInfo.ID_PATTERN)) {
            throw problem(shown, line(nameNode), "pack name \"" + name + "\" is not kebab-case (e.g. acme-network)");
        }
        ScalarNode versionNode = required(values, "version", shown, line(mapping));
        SemVer version = SemVer.parse(versionNode.getValue())
                .orElseThrow(() -> problem(
                        shown,
                        line(versionNode),
                        "version \"" + versionNode.getValue() + "\" is not a semantic version such as 1.0.0"));
        String description = values.containsKey("description")
                ? values.get("description").getValue().trim()
                : "";
        Optional<VersionRange> requires = Optional.empty();
        int requiresLine = 0;
        if (values.containsKey("requires")) {
            ScalarNode r = values.get("requires");
            requiresLine = line(r);
            VersionRange.Result parsed = VersionRange.parse(r.getValue());
            requires = Optional.of(parsed.range()
                    .orElseThrow(() -> problem(
                            shown,
                            line(r),
                            "requires: " + parsed.error() + "; write e.g. requires: \">=0.2.0 <1.0.0\"")));
        }
        return new PackManifest(name, version, description, requires, requiresLine);
    }

    /**
     * Throws when this pack needs another netspec than {@code running}: one line, before any DRL
     * is compiled, so an old netspec never shows Drools errors about a newer pack's vocabulary.
     */
    public void checkRequires(NetspecVersion running, String shown) throws PackException {
        if (requires.isPresent() && !requires.get().admits(running.compatibility())) {
            throw problem(
                    shown,
                    requiresLine,
                    "pack " + name + "@" + version + " requires netspec "
                            + requires.get() + ", but this is netspec " + running.version()
                            + "; upgrade netspec or pin an older version of the pack");
        }
    }

    private static ScalarNode required(Map<String, ScalarNode> values, String key, String shown, int line)
            throws PackException {
        ScalarNode n = values.get(key);
        if (n == null || n.getValue().isBlank()) {
            throw problem(shown, n == null ? line : line(n), "missing \"" + key + "\" (" + KEYS + ")");
        }
        return n;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static PackException problem(String shown, int line, String message) {
        return new PackException(new PackProblem(shown, line, message));
    }
}
