package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.SourceRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Waivers written on the object: the annotation {@code netspec.io/ignore.<rule-id>: "<reason>"}.
 * A waived finding is kept, marked waived with the reason. An empty reason waives nothing and
 * is itself a finding ({@link #WITHOUT_REASON}), so every accepted risk says why.
 */
public final class Waivers {

    public static final String PREFIX = "netspec.io/ignore.";

    /** The engine's own check on waivers; it belongs to no pack. */
    public static final RuleInfo WITHOUT_REASON = new RuleInfo("waiver-without-reason", Severity.WARNING,
            "Waiver annotation without a reason",
            "Write why the finding is accepted as the annotation's value.",
            List.of(), "netspec", "waiver-without-reason", new SourceRef("netspec", 0));

    private Waivers() {
    }

    /** The finding, waived when the object carries a waiver with a reason for the rule (or an alias). */
    static Finding apply(Finding finding, ObjectRef object, RuleInfo rule) {
        for (Map.Entry<String, String> a : object.annotations().entrySet()) {
            if (a.getKey().startsWith(PREFIX) && rule.answersTo(a.getKey().substring(PREFIX.length()))
                    && !a.getValue().isBlank()) {
                return finding.waive(a.getValue().trim());
            }
        }
        return finding;
    }

    /** One {@code waiver-without-reason} finding per waiver annotation with an empty value. */
    static List<Finding> withoutReason(Cluster cluster) {
        List<Finding> out = new ArrayList<>();
        Stream.of(cluster.namespaces(), cluster.workloads(), cluster.services(), cluster.ingresses(),
                        cluster.policies(), cluster.adminPolicies(), cluster.configMaps())
                .flatMap(List::stream).map(ObjectRef::of).forEach(o -> o.annotations().entrySet().stream()
                        .filter(a -> a.getKey().startsWith(PREFIX) && a.getValue().isBlank())
                        .map(Map.Entry::getKey).sorted()
                        .forEach(key -> out.add(new Finding(WITHOUT_REASON.id(), WITHOUT_REASON.severity(),
                                WITHOUT_REASON.title(), "annotation " + key + " on " + o.kind() + " "
                                + (o.namespace().isEmpty() ? "" : o.namespace() + "/") + o.name()
                                + " waives nothing: it has no reason", WITHOUT_REASON.remediation(), o.kind(),
                                o.namespace(), o.name(), o.source(), false, ""))));
        return out;
    }
}
