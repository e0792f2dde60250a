package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomClusters;
import io.netspec.engine.connectivity.RandomLayerClusters;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The rule questions answered once per connectivity class ({@link Network#perClass}) against the same
 * questions asked for every workload: on random clusters with NetworkPolicies and admin policies, with Cilium
 * and with Calico policies, {@link ClusterDns#check} (for the conventional DNS target and for a Service of the
 * cluster taken as DNS), {@link Exposure#datastoreExposure} and {@link PolicyShapes#egressRulesReaching} give every workload the plain answer.
 */
class PerClassAnswersPropertiesTest {

    /** Every workload a datastore, so that every one is asked; its ports are the random clusters' own numbers. */
    private static final Datastores EVERY_WORKLOAD =
            new Datastores(Set.of("web", "db", "api"), Set.of(), List.of("app"), Map.of(80, "HTTP", 9090, "metrics"));

    @Property(tries = 300)
    void perClassAnswersAgreeWithThePlainOnes(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        assertThat(disagreements(cluster))
                .as("seed %d, cluster %s", seed, cluster)
                .isEmpty();
    }

    @Property(tries = 60)
    void perClassAnswersAgreeUnderCilium(@ForAll long seed) {
        Cluster cluster = RandomLayerClusters.cilium(seed);
        assertThat(disagreements(cluster))
                .as("seed %d, cluster %s", seed, cluster)
                .isEmpty();
    }

    @Property(tries = 60)
    void perClassAnswersAgreeUnderCalico(@ForAll long seed) {
        Cluster cluster = RandomLayerClusters.calico(seed);
        assertThat(disagreements(cluster))
                .as("seed %d, cluster %s", seed, cluster)
                .isEmpty();
    }

    private static List<String> disagreements(Cluster cluster) {
        List<ClusterDns.Target> targets = new ArrayList<>(List.of(ClusterDns.Target.DEFAULT));
        // a Service of the cluster as the DNS target: its pods get "itself", the others the Service's pods
        for (ServiceFact s : cluster.services()) {
            if (s.selector().isPresent() && !s.selector().get().isEmpty()) {
                targets.add(new ClusterDns.Target(
                        s.namespace(), s.name(), s.selector().get()));
                break;
            }
        }
        for (Workload w : cluster.workloads()) {
            if (!w.podLabels().isEmpty()) {
                targets.add(new ClusterDns.Target(w.namespace(), "kube-dns", w.podLabels()));
                break;
            }
        }
        Network net = Network.of(cluster);
        List<String> out = new ArrayList<>();
        // all cached answers first, so that later workloads of a class are answered from the cache
        List<Object> cached = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (ClusterDns.Target t : targets) {
                cached.add(ClusterDns.check(net, t, w));
            }
            cached.add(Exposure.datastoreExposure(net, EVERY_WORKLOAD, w));
            cached.add(PolicyShapes.egressRulesReaching(net, w, "169.254.169.254", 80));
        }
        int i = 0;
        for (Workload w : cluster.workloads()) {
            for (ClusterDns.Target t : targets) {
                ClusterDns.Verdict plain = ClusterDns.checkPlain(net, t, w);
                if (!plain.equals(cached.get(i++))) {
                    out.add(w.id() + " dns " + t + ": plain " + plain + ", per class " + cached.get(i - 1));
                }
            }
            String plain = Exposure.datastoreExposurePlain(net, EVERY_WORKLOAD, w);
            if (!plain.equals(cached.get(i++))) {
                out.add(w.id() + " datastore: plain \"" + plain + "\", per class \"" + cached.get(i - 1) + "\"");
            }
            String egress = PolicyShapes.egressRulesReachingPlain(net, w, "169.254.169.254", 80);
            if (!egress.equals(cached.get(i++))) {
                out.add(w.id() + " egress: plain \"" + egress + "\", per class \"" + cached.get(i - 1) + "\"");
            }
        }
        return out;
    }
}
