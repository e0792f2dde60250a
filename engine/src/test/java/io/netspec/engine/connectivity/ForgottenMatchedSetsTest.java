package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.model.Cluster;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis forgets its matcher's sets once the model is compiled (they stayed live to the end of
 * a run): the rules' peer sets, which the matcher had shared with them, must come through intact,
 * equal to what the matcher computes anew, on random Cilium and Calico clusters with every layer.
 */
class ForgottenMatchedSetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"cilium", "calico"})
    void rulesKeepTheirPeerSetsAfterTheMatcherForgetsItsOwn(String layer) {
        LongFunction<Cluster> clusters =
                layer.equals("cilium") ? RandomLayerClusters::cilium : RandomLayerClusters::calico;
        int compared = 0;
        for (long seed = 1; seed <= 40; seed++) {
            ConnectivityAnalysis analysis = ConnectivityAnalysis.of(clusters.apply(seed));
            for (ClassRule rule : analysis.classRules()) {
                List<Peer> peers = rule.rule.peers();
                if (rule.allEndpoints || peers.isEmpty()) {
                    continue;
                }
                BitSet expected = new BitSet();
                for (Peer peer : peers) {
                    expected.or(analysis.matcher().classes(peer.endpoints()));
                }
                assertThat(rule.peerClasses).as("seed %d, %s", seed, rule.rule).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).as("rules with class peers compared").isGreaterThan(40);
    }
}
