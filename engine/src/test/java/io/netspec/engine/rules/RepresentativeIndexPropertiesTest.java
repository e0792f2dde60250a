package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomClusters;
import io.netspec.engine.connectivity.RandomLayerClusters;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The indexed search for representative pods ({@link RepresentativeIndex}) against the plain walk over
 * every representative ({@link Representatives}): on random clusters with NetworkPolicies and admin
 * policies of every API version, with Cilium policies and with Calico policies, both name the same first representative
 * admitted from another namespace (for every probe port, "some port", any pod and labelled pods), and
 * agree on which workloads another tier restricts. The index's limit between narrow rules (looked at
 * representative by representative) and broad ones (splitting the representatives into shared cells) varies,
 * from every rule broad (0) to every rule narrow, so that small random clusters take both paths.
 */
class RepresentativeIndexPropertiesTest {

    private static final int[] PORTS = {0, 53, 80, 443, 8080, 9090};

    @Property(tries = 300)
    void indexedSearchAgreesWithThePlainWalk(@ForAll long seed, @ForAll("narrowLimits") int narrowLimit) {
        Cluster cluster = new RandomClusters(seed).next();
        assertThat(disagreements(cluster, narrowLimit))
                .as("seed %d, narrow limit %d, cluster %s", seed, narrowLimit, cluster)
                .isEmpty();
    }

    @Property(tries = 100)
    void indexedSearchAgreesWithThePlainWalkUnderCilium(@ForAll long seed, @ForAll("narrowLimits") int narrowLimit) {
        Cluster cluster = RandomLayerClusters.cilium(seed);
        assertThat(disagreements(cluster, narrowLimit))
                .as("seed %d, narrow limit %d, cluster %s", seed, narrowLimit, cluster)
                .isEmpty();
    }

    @Property(tries = 100)
    void indexedSearchAgreesWithThePlainWalkUnderCalico(@ForAll long seed, @ForAll("narrowLimits") int narrowLimit) {
        Cluster cluster = RandomLayerClusters.calico(seed);
        assertThat(disagreements(cluster, narrowLimit))
                .as("seed %d, narrow limit %d, cluster %s", seed, narrowLimit, cluster)
                .isEmpty();
    }

    /**
     * The Isolation facts, whose evaluator answers {@link DerivedFacts#isolation} asks once per connectivity class
     * and direction, against the same answers asked of every workload with the plain walk.
     */
    @Property(tries = 100)
    void isolationFactsAgreeWithThePlainAnswersUnderLayers(@ForAll long seed, @ForAll boolean calico) {
        Cluster cluster = calico ? RandomLayerClusters.calico(seed) : RandomLayerClusters.cilium(seed);
        Network net = Network.of(cluster);
        List<Isolation> plain = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (Direction d : Direction.values()) {
                plain.add(new Isolation(
                        w,
                        d,
                        !net.selecting(w, d).isEmpty()
                                || net.isIsolated(w, d)
                                || net.restrictedBeyondNetworkPoliciesPlain(w, d),
                        net.mayDenyBeyondNetworkPolicies(w, d)));
            }
        }
        assertThat(DerivedFacts.isolation(cluster, net))
                .as("seed %d, cluster %s", seed, cluster)
                .isEqualTo(plain);
    }

    /** Every rule broad, a few narrow, or the production limit (every rule of a small cluster narrow). */
    @Provide
    Arbitrary<Integer> narrowLimits() {
        return Arbitraries.of(0, 0, 1, 2, 3, RepresentativeIndex.NARROW);
    }

    private static List<String> disagreements(Cluster cluster, int narrowLimit) {
        Network net = Network.of(cluster, narrowLimit);
        List<String> out = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            for (int port : PORTS) {
                for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
                    for (boolean anyPodOnly : List.of(true, false)) {
                        Optional<EndpointAttributes> plain =
                                net.admittedFromOtherNamespacePlain(w, port, protocol, anyPodOnly);
                        Optional<EndpointAttributes> indexed =
                                net.admittedFromOtherNamespace(w, port, protocol, anyPodOnly);
                        if (!plain.equals(indexed)) {
                            out.add(w + " " + port + "/" + protocol + " anyPodOnly=" + anyPodOnly + ": plain " + plain
                                    + ", indexed " + indexed);
                        }
                    }
                }
            }
            for (Direction d : Direction.values()) {
                boolean plain = net.restrictedBeyondNetworkPoliciesPlain(w, d);
                if (plain != net.restrictedBeyondNetworkPolicies(w, d)) {
                    out.add(w + " " + d + ": restricted plain " + plain);
                }
            }
        }
        return out;
    }
}
