package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomCiliumClusters;
import io.netspec.engine.connectivity.RandomClusters;
import io.netspec.engine.connectivity.RandomLayerClusters;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link Network#defaultDeniedBeyondNetworkPolicies} (the new pod's rules and selections found once, among the
 * candidates of its namespace: {@link NewPodSubjects}) against
 * the evaluator over the whole model ({@link Network#defaultDeniedBeyondNetworkPoliciesPlain}), for every
 * namespace, a namespace no manifest declares, and both directions, under Cilium, Calico and admin policies.
 */
class DefaultDenyPropertiesTest {

    @Property(tries = 300)
    void agreesWithTheWholeModelUnderCilium(@ForAll long seed) {
        String manifests = new RandomCiliumClusters(seed, seed % 2 == 0).next();
        LoadResult loaded = new ManifestLoader().loadString(manifests, "random.yaml");
        assertThat(loaded.errors()).as("seed %d:\n%s", seed, manifests).isEmpty();
        assertThat(disagreements(loaded.cluster()))
                .as("seed %d:\n%s", seed, manifests)
                .isEmpty();
    }

    @Property(tries = 200)
    void agreesWithTheWholeModelUnderAdminPolicies(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        assertThat(disagreements(cluster))
                .as("seed %d, cluster %s", seed, cluster)
                .isEmpty();
    }

    @Property(tries = 200)
    void agreesWithTheWholeModelUnderCalico(@ForAll long seed) {
        Cluster cluster = RandomLayerClusters.calico(seed);
        assertThat(disagreements(cluster)).as("seed %d", seed).isEmpty();
    }

    private static List<String> disagreements(Cluster cluster) {
        Network net = Network.of(cluster);
        List<String> namespaces = new ArrayList<>(
                cluster.namespaces().stream().map(NamespaceFact::name).toList());
        namespaces.add("undeclared");
        List<String> out = new ArrayList<>();
        for (String ns : namespaces) {
            for (Direction d : Direction.values()) {
                boolean indexed = net.defaultDeniedBeyondNetworkPolicies(ns, d);
                boolean plain = net.defaultDeniedBeyondNetworkPoliciesPlain(ns, d);
                if (indexed != plain) {
                    out.add(ns + " " + d + ": indexed " + indexed + ", plain " + plain);
                }
            }
        }
        return out;
    }
}
