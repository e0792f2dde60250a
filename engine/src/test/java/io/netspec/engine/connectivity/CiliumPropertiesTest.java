package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.cilium.CiliumFlows;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Cilium compiler and flow evaluator against the naive reference on random clusters with Cilium policies. */
class CiliumPropertiesTest {

    @Property(tries = 300)
    void agreesWithTheNaiveCiliumReference(@ForAll long seed) {
        String manifests = new RandomCiliumClusters(seed).next();
        LoadResult loaded = new ManifestLoader().loadString(manifests, "random.yaml");
        assertThat(loaded.errors()).as("seed %d:\n%s", seed, manifests).isEmpty();
        Cluster cluster = loaded.cluster();
        CiliumFlows flows = CiliumFlows.of(cluster);
        NaiveCiliumReference reference = new NaiveCiliumReference(cluster);
        List<CiliumFlows.Peer> peers = new ArrayList<>();
        List<NaiveCiliumReference.Peer> naive = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            peers.add(new CiliumFlows.Pod(w));
            naive.add(NaiveCiliumReference.Peer.of(w));
            names.add(w.id());
        }
        for (String address : RandomCiliumClusters.PROBE_ADDRESSES) {
            long ip = Ipv4.parse(address).orElseThrow();
            peers.add(new CiliumFlows.Address(ip));
            naive.add(NaiveCiliumReference.Peer.ip(ip));
            names.add(address);
        }
        List<String> disagreements = new ArrayList<>();
        for (int s = 0; s < peers.size(); s++) {
            for (int d = 0; d < peers.size(); d++) {
                if (s == d || (!naive.get(s).isPod() && !naive.get(d).isPod())) {
                    continue;
                }
                for (Protocol protocol : Protocol.values()) {
                    for (int port : RandomCiliumClusters.PROBE_PORTS) {
                        boolean engine = flows.allowed(peers.get(s), peers.get(d), port, protocol);
                        boolean expected = reference.allowed(naive.get(s), naive.get(d), protocol, port);
                        if (engine != expected) {
                            disagreements.add(names.get(s) + " -> " + names.get(d) + " " + port + "/" + protocol
                                    + ": engine " + engine + ", reference " + expected);
                        }
                    }
                }
            }
        }
        assertThat(disagreements).as("seed %d:\n%s", seed, manifests).isEmpty();
    }
}
