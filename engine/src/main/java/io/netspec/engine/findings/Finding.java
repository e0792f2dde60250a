package io.netspec.engine.findings;

import io.netspec.engine.model.SourceRef;
import java.util.Comparator;

/**
 * One problem a rule found on one object. A waived finding is still listed and counted, never
 * hidden; {@code waiverReason} says why (from the object's annotation or the baseline file).
 *
 * @param objectKind the Kubernetes kind of the subject ({@code Deployment}, {@code NetworkPolicy}, ...)
 * @param namespace  empty for cluster-scoped objects
 * @param pack       provenance: {@code name@version} of the pack whose rule found it ({@link RuleInfo#provenance()})
 */
public record Finding(
        String ruleId,
        Severity severity,
        String title,
        String message,
        String remediation,
        String objectKind,
        String namespace,
        String name,
        SourceRef source,
        boolean waived,
        String waiverReason,
        String pack) {

    /** Report order: file, line, rule id, then object. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(
                    (Finding f) -> f.source().file())
            .thenComparingInt(f -> f.source().line())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::objectKind)
            .thenComparing(Finding::namespace)
            .thenComparing(Finding::name)
            .thenComparing(Finding::message);

    public Finding {
        namespace = namespace == null ? "" : namespace;
        waiverReason = waiverReason == null ? "" : waiverReason;
        pack = pack == null ? "" : pack;
    }

    /** A finding whose provenance is not known (code that predates pack versions); renderers leave it out. */
    public Finding(
            String ruleId,
            Severity severity,
            String title,
            String message,
            String remediation,
            String objectKind,
            String namespace,
            String name,
            SourceRef source,
            boolean waived,
            String waiverReason) {
        this(
                ruleId,
                severity,
                title,
                message,
                remediation,
                objectKind,
                namespace,
                name,
                source,
                waived,
                waiverReason,
                "");
    }

    public Finding waive(String reason) {
        return new Finding(
                ruleId, severity, title, message, remediation, objectKind, namespace, name, source, true, reason, pack);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(
                ruleId,
                newSeverity,
                title,
                message,
                remediation,
                objectKind,
                namespace,
                name,
                source,
                waived,
                waiverReason,
                pack);
    }

    /** {@code Kind ns/name}, or {@code Kind name} when cluster-scoped. */
    public String objectRef() {
        return objectKind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
