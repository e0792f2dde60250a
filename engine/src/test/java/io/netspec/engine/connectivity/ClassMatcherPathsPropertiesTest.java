package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.LoadedClusters.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ClassMatcher.PodsPath;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.model.Cluster;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The pod matchers over several namespaces matched over every namespace at once (candidates from the
 * label index, then kept to the namespaces) against the plain per-namespace scan, and both against
 * each class's own answer ({@link EndpointMatch#test} on its attributes, also for the predicates tested on
 * their necessary condition's classes only): every node of every subject,
 * peer and selection of the compiled model, on random clusters of every layer with broad peers,
 * Calico and Cilium clusters and the random NetworkPolicy/admin clusters.
 */
class ClassMatcherPathsPropertiesTest {

    @Property(tries = 60)
    void broadPeerClustersMatchAlikeOnEveryPath(@ForAll long seed) {
        for (RandomBroadPeerClusters.Plugin plugin : RandomBroadPeerClusters.Plugin.values()) {
            String yaml = new RandomBroadPeerClusters(seed, plugin).next();
            assertThat(disagreements(load(yaml)))
                    .as("seed %d, %s:%n%s", seed, plugin, yaml)
                    .isEmpty();
        }
    }

    @Property(tries = 60)
    void layerClustersMatchAlikeOnEveryPath(@ForAll long seed) {
        assertThat(disagreements(RandomLayerClusters.cilium(seed)))
                .as("cilium seed %d", seed)
                .isEmpty();
        assertThat(disagreements(RandomLayerClusters.calico(seed)))
                .as("calico seed %d", seed)
                .isEmpty();
    }

    /**
     * Calico clusters whose selectors name the labels felix derives (from the namespace, the service
     * account, its own {@code projectcalico.org/} keys) rather than the pod's: those are no pod label a
     * global selector's necessary condition may require.
     */
    @Property(tries = 60)
    void felixDerivedLabelsMatchAlikeOnEveryPath(@ForAll long seed) {
        Random r = new Random(seed);
        String yaml = RandomCalicoClusters.cluster(r, 1 + r.nextInt(2))
                .replace("app == 'x'", "pcns.team == 'a'")
                .replace("app != 'z' && role == '1'", "pcsa.trusted == 'yes' && role == '1'")
                .replace("app starts with 'x'", "projectcalico.org/namespace == 'b'");
        assertThat(disagreements(load(yaml))).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    @Property(tries = 100)
    void networkPolicyClustersMatchAlikeOnEveryPath(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        assertThat(disagreements(cluster)).as("seed %d, %s", seed, cluster).isEmpty();
    }

    private static List<String> disagreements(Cluster cluster) {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        // fresh matchers, so that each path computes every set itself (no set shared through a cache)
        ClassMatcher plain = analysis.matcher(PodsPath.PER_NAMESPACE);
        ClassMatcher everywhere = analysis.matcher(PodsPath.EVERYWHERE);
        ClassMatcher cheaper = analysis.matcher(PodsPath.CHEAPER);
        List<WorkloadClass> classes = analysis.classes();
        List<String> out = new ArrayList<>();
        for (EndpointMatch m : ModelMatches.everyNode(analysis.model())) {
            BitSet expected = plain.classes(m);
            if (m instanceof EndpointMatch.Pods || m instanceof EndpointMatch.Where) {
                // a predicate tested on its necessary condition's classes only: that condition must hold
                // wherever the predicate does (a Calico global selector's required pod labels)
                BitSet own = new BitSet();
                for (WorkloadClass c : classes) {
                    if (m.test(c.attributes)) {
                        own.set(c.index);
                    }
                }
                if (!own.equals(expected)) {
                    out.add(m + ": per namespace " + expected + ", by each class " + own);
                }
            }
            if (!everywhere.classes(m).equals(expected)) {
                out.add(m + ": per namespace " + expected + ", everywhere " + everywhere.classes(m));
            }
            if (!cheaper.classes(m).equals(expected)) {
                out.add(m + ": per namespace " + expected + ", cheaper " + cheaper.classes(m));
            }
        }
        return out;
    }
}
