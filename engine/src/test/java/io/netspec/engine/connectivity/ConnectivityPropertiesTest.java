package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The class-based engine against a naive per-workload, per-port evaluator on random small clusters (NetworkPolicies, ANPs, BANPs). */
class ConnectivityPropertiesTest {

    @Property(tries = 400)
    void agreesWithTheNaiveEvaluator(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        NaiveReference reference = new NaiveReference(cluster);
        List<String> disagreements = new ArrayList<>();
        List<NaiveReference.Peer> peers = new ArrayList<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            peers.add(NaiveReference.Peer.of(w));
            endpoints.add(new Endpoint.OfWorkload(w));
        }
        for (String address : RandomClusters.PROBE_ADDRESSES) {
            long a = Facts.parseIp(address);
            peers.add(NaiveReference.Peer.ip(a));
            endpoints.add(new Endpoint.External(a, a));
        }
        for (int s = 0; s < peers.size(); s++) {
            for (int d = 0; d < peers.size(); d++) {
                ConnectionSet engine = analysis.allowed(endpoints.get(s), endpoints.get(d));
                for (Protocol protocol : Protocol.values()) {
                    for (int port : RandomClusters.PROBE_PORTS) {
                        boolean expected = reference.allowed(peers.get(s), peers.get(d), protocol, port);
                        if (engine.contains(protocol, port) != expected) {
                            disagreements.add(endpoints.get(s).id() + " -> " + endpoints.get(d).id() + " " + port + "/"
                                    + protocol + ": engine " + engine + ", reference " + (expected ? "allow" : "deny"));
                        }
                    }
                }
            }
        }
        assertThat(disagreements).as("seed %d, cluster %s", seed, cluster).isEmpty();
    }

    /**
     * Classes are an optimisation only: making every workload its own class (a label no selector
     * tests) gives the same reach lines, and reach() agrees with allowed() pair by pair.
     */
    @Property(tries = 200)
    void classesDoNotChangeTheResult(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        List<Workload> unique = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            Map<String, String> labels = new TreeMap<>(w.podLabels());
            labels.put("netspec.test/unique", w.name());
            unique.add(new Workload(w.kind(), w.objectKind(), w.namespace(), w.name(), labels, w.selector(), w.ports(),
                    w.hostNetwork(), w.replicas(), w.serviceName(), w.annotations(), w.configValues(), w.configMapRefs(),
                    w.source()));
        }
        Cluster perWorkload = Cluster.of(cluster.namespaces(), unique, List.of(), List.of(), cluster.policies(),
                cluster.adminPolicies(), List.of(), List.of(), List.of());
        ConnectivityAnalysis grouped = ConnectivityAnalysis.of(cluster);
        ConnectivityAnalysis single = ConnectivityAnalysis.of(perWorkload);
        assertThat(single.workloadClassCount()).isEqualTo(unique.size());
        List<String> a = grouped.reach().map(Object::toString).toList();
        assertThat(single.reach().map(Object::toString).toList()).isEqualTo(a);
        for (ConnectivityAnalysis.Reach r : grouped.reach().toList()) {
            assertThat(grouped.allowed(r.source(), r.destination())).isEqualTo(r.connections());
        }
    }
}
