package io.netspec.engine.findings;

import java.util.List;

/**
 * The outcome of a check: every finding (waived ones included, sorted) and the rules that ran.
 */
public record CheckResult(List<Finding> findings, List<RuleInfo> rules) {

    public CheckResult {
        findings = findings.stream().sorted(Finding.ORDER).toList();
        rules = List.copyOf(rules);
    }

    /** The packs whose rules ran, as {@code name@version}, sorted (the engine's own checks as {@code netspec@...}). */
    public List<String> packs() {
        return rules.stream()
                .map(RuleInfo::provenance)
                .filter(p -> !p.isEmpty())
                .distinct()
                .sorted()
                .toList();
    }

    public List<Finding> active() {
        return findings.stream().filter(f -> !f.waived()).toList();
    }

    public List<Finding> waived() {
        return findings.stream().filter(Finding::waived).toList();
    }

    /** Unwaived findings of that severity. */
    public long count(Severity severity) {
        return findings.stream()
                .filter(f -> !f.waived() && f.severity() == severity)
                .count();
    }

    public long waivedCount() {
        return findings.stream().filter(Finding::waived).count();
    }

    /** True when an unwaived finding reaches the threshold. */
    public boolean fails(FailOn failOn) {
        return findings.stream().anyMatch(f -> !f.waived() && failOn.fails(f.severity()));
    }
}
