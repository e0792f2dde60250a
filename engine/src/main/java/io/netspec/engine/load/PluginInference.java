package io.netspec.engine.load;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import java.util.List;
import java.util.Optional;

/**
 * Which CNI plugin enforces policy: as asked ({@code --cni}, {@code .netspec.yaml}), or, for
 * {@code auto}, inferred from the policy kinds present, saying so. Calico policies in a cluster
 * analysed without Calico are named one by one: they are not enforced there, and not analysed.
 */
final class PluginInference {

    private PluginInference() {}

    static NetworkPlugin resolve(NetworkPlugin asked, Cluster cluster, List<LoadProblem> problems) {
        boolean calico = !cluster.calico().policies().isEmpty()
                || !cluster.calico().tiers().isEmpty();
        // Cilium policies are analysed (read into cluster.cilium()); other cilium.io kinds may still be ignored
        Optional<SourceRef> cilium =
                cluster.cilium().policies().stream().map(p -> p.source()).findFirst();
        NetworkPlugin plugin = asked;
        if (asked == NetworkPlugin.AUTO) {
            plugin = calico ? NetworkPlugin.CALICO : cilium.isPresent() ? NetworkPlugin.CILIUM : NetworkPlugin.NONE;
            if (calico) {
                SourceRef at = firstCalicoSource(cluster);
                problems.add(LoadProblem.warning(
                        at,
                        "--cni auto: the input holds Calico objects (projectcalico.org),"
                                + " so connectivity is computed as Calico enforces it (Kubernetes NetworkPolicies in Calico's"
                                + " default tier)"
                                + (cilium.isPresent()
                                        ? "; it holds Cilium policies too, which Calico does not" + " enforce"
                                        : "")
                                + "; set --cni or cni: in .netspec.yaml to choose"));
            }
        }
        if (asked == NetworkPlugin.AUTO && !calico && cilium.isPresent()) {
            problems.add(LoadProblem.warning(
                    cilium.get(),
                    "--cni auto: the input holds Cilium policies (cilium.io),"
                            + " so connectivity is computed as Cilium enforces it (Kubernetes NetworkPolicies in Cilium's"
                            + " policy tier); set --cni or cni: in .netspec.yaml to choose"));
        }
        if (plugin != NetworkPlugin.CILIUM) {
            String chosen = plugin.wireName();
            cluster.cilium()
                    .policies()
                    .forEach(p -> problems.add(LoadProblem.warning(
                            p.source(),
                            "Cilium policy " + p.id() + " is not enforced with --cni " + chosen
                                    + ": it is not part of connectivity")));
        }
        if (plugin != NetworkPlugin.CALICO) {
            for (CalicoPolicyFact p : cluster.calico().policies()) {
                problems.add(LoadProblem.warning(
                        p.source(),
                        "Calico " + p.kind() + " " + p.policyId() + " is not" + " enforced with --cni "
                                + plugin.wireName() + ": it is not part of connectivity"));
            }
        }
        return plugin;
    }

    private static SourceRef firstCalicoSource(Cluster cluster) {
        return cluster.calico().policies().stream()
                .map(CalicoPolicyFact::source)
                .findFirst()
                .orElseGet(() -> cluster.calico().tiers().get(0).source());
    }
}
