package io.netspec.features.check;

import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Workload;
import io.netspec.features.check.ReachCheck.Wanted;
import io.netspec.features.reference.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines a failed expectation prints, taken from the engine's {@link Explanation}: for one
 * port, the part of the verdict that holds it (the allowing egress and ingress rules, or the
 * isolating policies and why no rule matches); the labels selectors were matched against.
 */
final class Evidence {

    private Evidence() {}

    /** The evidence for one protocol and port: the allowing rules, or the denying sides rule by rule. */
    static List<String> forPort(Explanation explanation, Wanted wanted) {
        return explanation
                .partFor(wanted.protocol(), wanted.port())
                .map(part -> part(part))
                .orElseGet(() -> all(explanation));
    }

    /** Why something is allowed: every allowed part with its rules. */
    static List<String> allowing(Explanation explanation) {
        if (!explanation.pieces().isEmpty()) {
            return all(explanation);
        }
        List<String> lines = new ArrayList<>();
        explanation.allowedParts().forEach(p -> lines.addAll(part(p)));
        return lines;
    }

    /** The whole explanation, as the engine renders it. */
    static List<String> all(Explanation explanation) {
        return explanation.render().lines().toList();
    }

    private static List<String> part(Explanation.Part part) {
        List<String> lines = new ArrayList<>();
        lines.add((part.allowed() ? "allowed " : "denied ") + part.connections() + ":");
        part.reasons().forEach(r -> lines.add("  " + r));
        return lines;
    }

    /** The labels the policies' selectors see for the two workloads: pods and their namespaces. */
    static List<String> labels(Cluster cluster, Target source, Target destination) {
        List<String> lines = new ArrayList<>();
        for (Target t : List.of(source, destination)) {
            if (t.workload().isPresent()) {
                Workload w = t.workload().get();
                // one namespace looked up, not a map of every namespace made per failed step
                lines.add("labels of " + w.id() + ": pod " + w.podLabels() + ", namespace "
                        + cluster.namespace(w.namespace())
                                .map(NamespaceFact::labels)
                                .orElse(Map.of()));
            }
        }
        return lines;
    }
}
