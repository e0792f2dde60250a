package io.netspec.features.check;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;
import io.netspec.features.reference.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Why a spec that expected a denial fails, when the policy meant to deny selects nothing: a typo in
 * its podSelector, or the pods' labels changed. Failing specs name such policies of the namespaces
 * involved, so the reader does not hunt for a policy that silently applies to no pod.
 */
final class PoliciesSelectingNothing {

    private PoliciesSelectingNothing() {}

    /** Lines for the policies of the source's and the destination's namespaces that select no workload. */
    static List<String> near(ConnectivityAnalysis analysis, Target source, Target destination) {
        Set<String> namespaces = new LinkedHashSet<>();
        destination.workload().map(Workload::namespace).ifPresent(namespaces::add);
        source.workload().map(Workload::namespace).ifPresent(namespaces::add);
        List<String> out = new ArrayList<>();
        namespaces.forEach(ns -> out.addAll(in(analysis, ns)));
        return out;
    }

    /** Lines for the policies of one namespace whose non-empty podSelector selects no workload. */
    static List<String> in(ConnectivityAnalysis analysis, String namespace) {
        List<String> out = new ArrayList<>();
        for (PolicyFact p : analysis.cluster().policiesIn(namespace)) {
            if (!p.podSelector().isEmpty() && analysis.selectedWorkloads(p).isEmpty()) {
                out.add("note: " + p.id() + " (" + p.source() + ") selects no pod: its podSelector " + p.podSelector()
                        + " matches no workload in namespace " + namespace);
            }
        }
        return out;
    }
}
