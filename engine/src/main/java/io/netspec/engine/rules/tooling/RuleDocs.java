package io.netspec.engine.rules.tooling;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.RuleParam;
import io.netspec.engine.rules.packs.Pack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Markdown catalogue of one rule pack, generated from what the pack already holds: each rule's
 * metadata, the {@code //} comment block written just above it in its DRL file (the rule's
 * documented decisions), and its fixtures ({@code <rule-id>/fail-*.yaml}, {@code pass-*.yaml}: the
 * leading comment of each becomes a line of "fires on" / "does not fire on", the first failing one
 * the example). Deterministic: the same pack gives the same bytes, so a committed page can be
 * checked for staleness.
 */
public final class RuleDocs {

    private RuleDocs() {}

    /**
     * @param rules    the pack's rules (others are ignored), in the order to document them
     * @param fixtures the folder holding {@code <rule-id>/} fixture folders, if the pack has one
     */
    public static String markdown(Pack pack, List<RuleInfo> rules, Optional<Path> fixtures) throws IOException {
        List<RuleInfo> own =
                rules.stream().filter(r -> r.pack().equals(pack.name())).toList();
        StringBuilder out = new StringBuilder();
        out.append("# Rule pack `").append(pack.name()).append("`\n\n");
        if (!pack.description().isBlank()) {
            out.append(pack.description().trim()).append("\n\n");
        }
        out.append("<!-- Generated from the pack's rule metadata, DRL comments and fixtures; do not edit. -->\n\n");
        out.append("| Rule | Severity | Title |\n|---|---|---|\n");
        for (RuleInfo r : own) {
            out.append("| [`")
                    .append(r.id())
                    .append("`](#")
                    .append(r.id())
                    .append(") | ")
                    .append(r.severity().wireName())
                    .append(" | ")
                    .append(cell(r.title()))
                    .append(" |\n");
        }
        for (RuleInfo r : own) {
            out.append("\n## ").append(r.id()).append("\n\n");
            out.append("**")
                    .append(r.title())
                    .append("** (")
                    .append(r.severity().wireName())
                    .append(")\n\n");
            String why = comment(pack, r);
            if (!why.isEmpty()) {
                out.append(why).append("\n\n");
            }
            out.append("Fix: ").append(r.remediation()).append("\n");
            if (!r.aliases().isEmpty()) {
                out.append("\nAlso known as: ")
                        .append(String.join(", ", r.aliases()))
                        .append("\n");
            }
            if (!r.params().isEmpty()) {
                out.append("\nParameters (`.netspec.yaml`: `rules: params: ")
                        .append(r.id())
                        .append(": {NAME: VALUE}`; a fixture: `# param: NAME = VALUE`):\n\n")
                        .append("| Name | Type | Default | Description |\n|---|---|---|---|\n");
                for (RuleParam p : r.params()) {
                    out.append("| `")
                            .append(p.name())
                            .append("` | ")
                            .append(p.type().wireName())
                            .append(" | `")
                            .append(cell(p.defaultText()))
                            .append("` | ")
                            .append(cell(p.description()))
                            .append(" |\n");
                }
            }
            if (fixtures.isPresent()) {
                fixtureSection(out, fixtures.get().resolve(r.id()));
            }
            out.append("\nWaive on an object: `netspec.io/ignore.")
                    .append(r.id())
                    .append(": \"<reason>\"`\n");
        }
        return out.toString();
    }

    private static void fixtureSection(StringBuilder out, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> fail = new ArrayList<>();
        List<Path> pass = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.matches("fail-.*\\.ya?ml")) {
                    fail.add(f);
                } else if (name.matches("pass-.*\\.ya?ml")) {
                    pass.add(f);
                }
            }
        }
        list(out, "Fires on", fail);
        list(out, "Does not fire on", pass);
        if (!fail.isEmpty()) {
            out.append("\n<details><summary>Example: <code>")
                    .append(fail.get(0).getFileName())
                    .append("</code></summary>\n\n```yaml\n")
                    .append(Files.readString(fail.get(0), StandardCharsets.UTF_8)
                            .stripTrailing())
                    .append("\n```\n\n</details>\n");
        }
    }

    private static void list(StringBuilder out, String heading, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        out.append("\n").append(heading).append(":\n");
        for (Path f : files) {
            String what = leadingComment(Files.readString(f, StandardCharsets.UTF_8));
            out.append("- `")
                    .append(f.getFileName())
                    .append("`")
                    .append(what.isEmpty() ? "" : ": " + what)
                    .append("\n");
        }
    }

    /** The comment lines a fixture starts with, joined; {@code # expect:} markers are not prose. */
    static String leadingComment(String yaml) {
        List<String> lines = new ArrayList<>();
        for (String line : yaml.split("\n", -1)) {
            String t = line.trim();
            if (!t.startsWith("#") || t.matches("#\\s*expect:.*")) {
                break;
            }
            if (t.matches("#\\s*param:.*")) {
                continue; // the case's rule parameters: shown in the example, not prose
            }
            lines.add(t.replaceFirst("^#+\\s*", ""));
        }
        return String.join(" ", lines).trim();
    }

    /** The {@code //} comment block directly above the rule's declaration in its DRL file. */
    static String comment(Pack pack, RuleInfo rule) {
        for (Pack.DrlFile f : pack.drlFiles()) {
            if (!pack.display(f.path()).equals(rule.source().file())) {
                continue;
            }
            String[] lines = f.content().split("\n", -1);
            List<String> block = new ArrayList<>();
            for (int i = rule.source().line() - 2; i >= 0 && lines[i].trim().startsWith("//"); i--) {
                block.add(0, lines[i].trim().replaceFirst("^//+\\s?", ""));
            }
            return String.join(" ", block).trim();
        }
        return "";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
