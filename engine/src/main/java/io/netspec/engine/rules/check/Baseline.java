package io.netspec.engine.rules.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Findings accepted when a repository adopts the gate, so that only new ones fail. Matched on
 * rule id (or alias) and object kind, namespace and name, never on line numbers, so edits that
 * move an object keep it accepted. The file is JSON:
 * <pre>
 * {"netspecBaseline": 1, "findings": [
 *   {"rule": "dangling-service", "kind": "Service", "namespace": "shop", "name": "ghost",
 *    "message": "service ghost selects no workload"}]}
 * </pre>
 * {@code message} is for the reader only.
 */
public record Baseline(List<Entry> entries) {

    public static final Baseline EMPTY = new Baseline(List.of());

    /** Made on first use: {@code EMPTY} alone must not load Jackson at start-up. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public Baseline {
        entries = List.copyOf(entries);
    }

    /** One accepted finding. */
    public record Entry(String rule, String kind, String namespace, String name, String message) {
        boolean matches(Finding f, List<RuleInfo> rules) {
            // The object first: every finding is tried against every entry, and most differ by name.
            if (!f.name().equals(name)
                    || !f.namespace().equals(namespace)
                    || !f.objectKind().equals(kind)) {
                return false;
            }
            return f.ruleId().equals(rule)
                    || rules.stream().anyMatch(r -> r.id().equals(f.ruleId()) && r.answersTo(rule));
        }
    }

    /** The finding waived with reason "baseline" when an entry matches it (annotation waivers win). */
    public Finding apply(Finding f, List<RuleInfo> rules) {
        if (!f.waived() && entries.stream().anyMatch(e -> e.matches(f, rules))) {
            return f.waive("baseline");
        }
        return f;
    }

    /** The baseline accepting every finding not already waived by an annotation. */
    public static Baseline of(List<Finding> findings) {
        Set<String> seen = new TreeSet<>();
        List<Entry> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.waived() && !f.waiverReason().equals("baseline")) {
                continue;
            }
            if (seen.add(f.ruleId() + "\u0000" + f.objectKind() + "\u0000" + f.namespace() + "\u0000" + f.name())) {
                out.add(new Entry(f.ruleId(), f.objectKind(), f.namespace(), f.name(), f.message()));
            }
        }
        return new Baseline(out);
    }

    public static Baseline read(Path file) throws CheckConfig.ConfigException {
        JsonNode root;
        try {
            root = Mapper.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CheckConfig.ConfigException(
                    file + ":" + line + ": not a baseline file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CheckConfig.ConfigException(file + ": cannot read baseline: " + e.getMessage());
        }
        if (root == null || !root.path("findings").isArray()) {
            throw new CheckConfig.ConfigException(
                    file + ": not a baseline file: expected {\"netspecBaseline\": 1, " + "\"findings\": [...]}");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode n : root.get("findings")) {
            if (!n.hasNonNull("rule") || !n.hasNonNull("kind") || !n.hasNonNull("name")) {
                throw new CheckConfig.ConfigException(file + ": baseline entry " + n + " needs rule, kind and name");
            }
            entries.add(new Entry(
                    n.get("rule").asText(),
                    n.get("kind").asText(),
                    n.path("namespace").asText(""),
                    n.get("name").asText(),
                    n.path("message").asText("")));
        }
        return new Baseline(entries);
    }

    public void write(Path file) throws IOException {
        ObjectNode root = Mapper.JSON.createObjectNode();
        root.put("netspecBaseline", 1);
        ArrayNode list = root.putArray("findings");
        for (Entry e : entries) {
            list.addObject()
                    .put("rule", e.rule())
                    .put("kind", e.kind())
                    .put("namespace", e.namespace())
                    .put("name", e.name())
                    .put("message", e.message());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, Mapper.JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
}
