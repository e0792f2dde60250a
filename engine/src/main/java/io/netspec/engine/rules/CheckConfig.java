package io.netspec.engine.rules;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to check and how strictly: from {@code .netspec.yaml}, then the command line on top.
 * <pre>
 * # .netspec.yaml (every key optional)
 * rules:
 *   enable: [missing-default-deny-ingress]   # run only these ids (default: every rule)
 *   disable: [dangling-service]              # never run these
 *   severity:                                # override a rule's severity
 *     unresolved-named-port: error
 * failOn: warning                            # error (default) | warning | info | none
 * baseline: netspec-baseline.json            # accepted findings; relative to this file
 * packs:                                     # extra rule packs (like --rules); paths relative to this file
 *   - policies/org-pack                      #   a folder or jar
 *   - com.acme:netspec-pack:1.1.0            #   Maven coordinates, resolved through ~/.m2/settings.xml
 *   - maven: com.acme:netspec-pack:1.1.0     #   the same, with the jar's SHA-256 checked on every load
 *     sha256: 3f2a...
 *   - {path: vendor/pack.jar, sha256: 9b1c...}
 * dns:                                       # where cluster DNS runs (dns-egress-blocked); each key optional
 *   namespace: dns-system                    #   its namespace (default kube-system)
 *   service: kube-dns                        #   the Service in front of it, NAME or NAMESPACE/NAME (default kube-dns)
 *   podSelector: {app: coredns}              #   its pods' labels, used when the manifests lack that Service
 *                                            #   (default k8s-app: kube-dns)
 * </pre>
 * Ids may be a rule's current id or one of its {@code @aliases}.
 */
public record CheckConfig(Set<String> enable, Set<String> disable, Map<String, Severity> severity,
                          Optional<FailOn> failOn, Optional<Path> baseline, List<PackRef> packs, ClusterDns.Target dns) {

    public static final String FILE_NAME = ".netspec.yaml";
    public static final CheckConfig DEFAULTS = new CheckConfig(Set.of(), Set.of(), Map.of(), Optional.empty(),
            Optional.empty(), List.of(), ClusterDns.Target.DEFAULT);

    public CheckConfig {
        enable = Set.copyOf(enable);
        disable = Set.copyOf(disable);
        severity = Map.copyOf(severity);
        packs = List.copyOf(packs);
    }

    /** The effective threshold. */
    public FailOn effectiveFailOn() {
        return failOn.orElse(FailOn.ERROR);
    }

    /** True when the rule runs under this config. */
    public boolean runs(RuleInfo rule) {
        boolean enabled = enable.isEmpty() || enable.stream().anyMatch(rule::answersTo);
        return enabled && disable.stream().noneMatch(rule::answersTo);
    }

    /** The rule's severity after overrides. */
    public Severity severityOf(RuleInfo rule) {
        return severity.entrySet().stream().filter(e -> rule.answersTo(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(rule.severity());
    }

    /**
     * This config with the command line's choices on top: {@code --enable} replaces the list,
     * {@code --disable} adds to it, {@code --fail-on} and {@code --baseline} replace.
     */
    public CheckConfig overriddenBy(Set<String> enableIds, Set<String> disableIds, Optional<FailOn> failOnFlag,
                                    Optional<Path> baselineFlag) {
        Set<String> d = new LinkedHashSet<>(disable);
        d.addAll(disableIds);
        return new CheckConfig(enableIds.isEmpty() ? enable : enableIds, d, severity,
                failOnFlag.isPresent() ? failOnFlag : failOn, baselineFlag.isPresent() ? baselineFlag : baseline, packs, dns);
    }

    /** Every id the config names, to check against the loaded rules. */
    public Set<String> namedIds() {
        Set<String> ids = new LinkedHashSet<>(enable);
        ids.addAll(disable);
        ids.addAll(severity.keySet());
        return ids;
    }

    /** Reads a config file; every mistake is a {@link ConfigException} naming file and line. */
    public static CheckConfig load(Path file) throws ConfigException {
        String shown = file.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(shown + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ConfigException(shown + ": " + e.getMessage());
        }
        if (root == null) {
            return DEFAULTS;
        }
        Path base = file.toAbsolutePath().getParent();
        Set<String> enable = new LinkedHashSet<>();
        Set<String> disable = new LinkedHashSet<>();
        Map<String, Severity> severity = new LinkedHashMap<>();
        Optional<FailOn> failOn = Optional.empty();
        Optional<Path> baseline = Optional.empty();
        List<PackRef> packs = new ArrayList<>();
        ClusterDns.Target dns = ClusterDns.Target.DEFAULT;
        for (NodeTuple t : mapping(root, shown, "the config").getValue()) {
            String key = scalar(t.getKeyNode(), shown, "a key");
            Node value = t.getValueNode();
            switch (key) {
                case "rules" -> {
                    for (NodeTuple r : mapping(value, shown, "rules").getValue()) {
                        String rkey = scalar(r.getKeyNode(), shown, "a key");
                        switch (rkey) {
                            case "enable" -> enable.addAll(ids(r.getValueNode(), shown, "rules.enable"));
                            case "disable" -> disable.addAll(ids(r.getValueNode(), shown, "rules.disable"));
                            case "severity" -> {
                                for (NodeTuple s : mapping(r.getValueNode(), shown, "rules.severity").getValue()) {
                                    String id = scalar(s.getKeyNode(), shown, "a rule id");
                                    String level = scalar(s.getValueNode(), shown, "a severity");
                                    severity.put(id, Severity.parse(level).orElseThrow(() -> error(shown,
                                            s.getValueNode(), "severity \"" + level + "\" must be error, warning or info")));
                                }
                            }
                            default -> throw error(shown, r.getKeyNode(), "unknown key rules." + rkey
                                    + " (expected enable, disable, severity)");
                        }
                    }
                }
                case "failOn" -> {
                    String text = scalar(value, shown, "failOn");
                    failOn = Optional.of(FailOn.parse(text).orElseThrow(() -> error(shown, value,
                            "failOn \"" + text + "\" must be error, warning, info or none")));
                }
                case "baseline" -> baseline = Optional.of(base.resolve(scalar(value, shown, "baseline")));
                case "packs" -> packs.addAll(packs(value, shown, base));
                case "dns" -> dns = dns(value, shown);
                default -> throw error(shown, t.getKeyNode(), "unknown key " + key
                        + " (expected rules, failOn, baseline, packs, dns)");
            }
        }
        return new CheckConfig(enable, disable, severity, failOn, baseline, packs, dns);
    }

    /** {@code packs:} entries: a path or coordinates, or a mapping {@code {maven|path: ..., sha256: HEX}}. */
    private static List<PackRef> packs(Node node, String file, Path base) throws ConfigException {
        List<Node> entries = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        List<PackRef> out = new ArrayList<>();
        for (Node entry : entries) {
            String origin = file + ":" + (entry.getStartMark().getLine() + 1);
            if (entry instanceof ScalarNode) {
                for (String p : list(entry, file, "packs")) {
                    out.add(PackRef.of(p, base, Optional.empty(), origin));
                }
                continue;
            }
            String where = null;
            boolean maven = false;
            Optional<String> sha256 = Optional.empty();
            for (NodeTuple t : mapping(entry, file, "a packs entry").getValue()) {
                String key = scalar(t.getKeyNode(), file, "a key");
                String value = scalar(t.getValueNode(), file, "packs." + key);
                switch (key) {
                    case "maven", "path" -> {
                        if (where != null) {
                            throw error(file, t.getKeyNode(), "a packs entry has one of maven or path");
                        }
                        where = value;
                        maven = key.equals("maven");
                        if (maven && !PackRef.COORDINATES.matcher(value).matches()) {
                            throw error(file, t.getValueNode(), "packs.maven \"" + value
                                    + "\" is not GROUP:ARTIFACT:VERSION");
                        }
                    }
                    case "sha256" -> {
                        if (!PackRef.SHA256.matcher(value).matches()) {
                            throw error(file, t.getValueNode(), "packs.sha256 must be 64 hexadecimal digits (sha256sum of the jar)");
                        }
                        sha256 = Optional.of(value.toLowerCase(Locale.ROOT));
                    }
                    default -> throw error(file, t.getKeyNode(), "unknown key packs." + key + " (expected maven or path, and sha256)");
                }
            }
            if (where == null) {
                throw error(file, entry, "a packs entry needs maven: GROUP:ARTIFACT:VERSION or path: DIR|JAR");
            }
            out.add(maven ? PackRef.of(where, base, sha256, origin)
                    : new PackRef.Local(base.resolve(where), sha256, origin));
        }
        return out;
    }

    /** {@code dns: {namespace: NS, service: NAME|NS/NAME, podSelector: {key: value, ...}}}, each key optional. */
    private static ClusterDns.Target dns(Node node, String file) throws ConfigException {
        ClusterDns.Target defaults = ClusterDns.Target.DEFAULT;
        Optional<String> namespace = Optional.empty();
        String service = defaults.service();
        Optional<String> serviceNamespace = Optional.empty();
        Node serviceNode = node;
        Map<String, String> podLabels = defaults.podLabels();
        for (NodeTuple t : mapping(node, file, "dns").getValue()) {
            String key = scalar(t.getKeyNode(), file, "a key");
            Node value = t.getValueNode();
            switch (key) {
                case "namespace" -> namespace = Optional.of(scalar(value, file, "dns.namespace"));
                case "service" -> {
                    String text = scalar(value, file, "dns.service");
                    int slash = text.indexOf('/');
                    service = text.substring(slash + 1);
                    serviceNamespace = slash < 0 ? Optional.empty() : Optional.of(text.substring(0, slash));
                    serviceNode = value;
                }
                case "podSelector" -> {
                    podLabels = new LinkedHashMap<>();
                    for (NodeTuple l : mapping(value, file, "dns.podSelector").getValue()) {
                        podLabels.put(scalar(l.getKeyNode(), file, "a label key"),
                                scalar(l.getValueNode(), file, "a label value"));
                    }
                }
                default -> throw error(file, t.getKeyNode(), "unknown key dns." + key
                        + " (expected namespace, service, podSelector)");
            }
        }
        if (namespace.isPresent() && serviceNamespace.isPresent() && !namespace.equals(serviceNamespace)) {
            throw error(file, serviceNode, "dns.service " + serviceNamespace.get() + "/" + service
                    + " is not in dns.namespace " + namespace.get());
        }
        try {
            String ns = namespace.isPresent() ? namespace.get() : serviceNamespace.orElse(defaults.namespace());
            return new ClusterDns.Target(ns, service, podLabels);
        } catch (IllegalArgumentException e) {
            throw error(file, node, "dns: " + e.getMessage());
        }
    }

    private static MappingNode mapping(Node node, String file, String what) throws ConfigException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(file, node, what + " must be a mapping");
    }

    private static String scalar(Node node, String file, String what) throws ConfigException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(file, node, what + " must be a single value");
    }

    private static List<String> list(Node node, String file, String what) throws ConfigException {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue().split("\\s*,\\s*"));
        }
        if (node instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(scalar(n, file, what + " entries"));
            }
            return out;
        }
        throw error(file, node, what + " must be a list");
    }

    private static List<String> ids(Node node, String file, String what) throws ConfigException {
        List<String> ids = list(node, file, what);
        for (String id : ids) {
            if (!id.matches(RuleMetadata.ID_PATTERN)) {
                throw error(file, node, what + ": \"" + id + "\" is not a rule id");
            }
        }
        return ids;
    }

    private static ConfigException error(String file, Node node, String message) {
        return new ConfigException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
    }

    /** A bad config file or flag: one line naming file and line. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
