package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The Cilium compiler and the one evaluator ({@link ConnectivityAnalysis}) against the naive reference on random clusters with Cilium policies. */
class CiliumPropertiesTest {

    @Property(tries = 300)
    void agreesWithTheNaiveCiliumReference(@ForAll long seed) {
        String manifests = new RandomCiliumClusters(seed).next();
        LoadResult loaded = new ManifestLoader().loadString(manifests, "random.yaml");
        assertThat(loaded.errors()).as("seed %d:\n%s", seed, manifests).isEmpty();
        Cluster cluster = loaded.cluster();
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, ConnectivityAnalysis.CILIUM_COMPILERS);
        NaiveCiliumReference reference = new NaiveCiliumReference(cluster);
        List<Endpoint> peers = new ArrayList<>();
        List<NaiveCiliumReference.Peer> naive = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            peers.add(new Endpoint.OfWorkload(w));
            naive.add(NaiveCiliumReference.Peer.of(w));
            names.add(w.id());
        }
        for (String address : RandomCiliumClusters.PROBE_ADDRESSES) {
            long ip = Ipv4.parse(address).orElseThrow();
            peers.add(new Endpoint.External(ip, ip));
            naive.add(NaiveCiliumReference.Peer.ip(ip));
            names.add(address);
        }
        List<String> disagreements = new ArrayList<>();
        for (int s = 0; s < peers.size(); s++) {
            for (int d = 0; d < peers.size(); d++) {
                if (s == d || (!naive.get(s).isPod() && !naive.get(d).isPod())) {
                    continue;
                }
                ConnectionSet allowed = analysis.allowed(peers.get(s), peers.get(d));
                for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP)) {
                    for (int port : RandomCiliumClusters.PROBE_PORTS) {
                        boolean engine = allowed.contains(protocol, port);
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
