package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.LoadedClusters.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

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
                            disagreements.add(endpoints.get(s).id() + " -> "
                                    + endpoints.get(d).id() + " " + port + "/" + protocol + ": engine " + engine
                                    + ", reference " + (expected ? "allow" : "deny"));
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
            unique.add(new Workload(
                            w.kind(),
                            w.objectKind(),
                            w.namespace(),
                            w.name(),
                            labels,
                            w.selector(),
                            w.ports(),
                            w.hostNetwork(),
                            w.replicas(),
                            w.serviceName(),
                            w.annotations(),
                            w.configValues(),
                            w.configMapRefs(),
                            w.source())
                    .withPlacement(w.podIps(), w.nodeName(), w.serviceAccount()));
        }
        Cluster perWorkload = Cluster.builder()
                .namespaces(cluster.namespaces())
                .workloads(unique)
                .policies(cluster.policies())
                .adminPolicies(cluster.adminPolicies())
                .build();
        ConnectivityAnalysis grouped = ConnectivityAnalysis.of(cluster);
        ConnectivityAnalysis single = ConnectivityAnalysis.of(perWorkload);
        assertThat(single.workloadClassCount()).isEqualTo(unique.size());
        List<String> a = grouped.reach().map(Object::toString).toList();
        assertThat(single.reach().map(Object::toString).toList()).isEqualTo(a);
        for (ConnectivityAnalysis.Reach r : grouped.reach().toList()) {
            assertThat(grouped.allowed(r.source(), r.destination())).isEqualTo(r.connections());
        }
    }

    /**
     * The sparse rows (explicit cells where a rule names the peer, default groups elsewhere) and the
     * reach walk over them against the cell-by-cell computation, on clusters with many classes,
     * open (non-isolated) blocks, ANPs and the BANP.
     */
    @Property(tries = 150)
    void rowsEqualTheCellByCellComputation(@ForAll long seed) {
        rowsEqualCells(seed, new RandomClusters(seed).next(60, 14, 4));
    }

    /**
     * The same on random Calico clusters (ordered tiers, deny and pass rules, global policies naming
     * many classes), where a row's explicit cells share their computation per (egress group,
     * ingress profile, named-port signature).
     */
    @Property(tries = 80)
    void calicoRowsEqualTheCellByCellComputation(@ForAll long seed) {
        Random r = new Random(seed);
        rowsEqualCells(seed, load(RandomCalicoClusters.cluster(r, 1 + r.nextInt(3))));
    }

    /** The same on random Cilium clusters (deny rules, entities, cluster-wide policies). */
    @Property(tries = 40)
    void ciliumRowsEqualTheCellByCellComputation(@ForAll long seed) {
        rowsEqualCells(seed, load(new RandomCiliumClusters(seed).next()));
    }

    /**
     * The same on clusters of cluster-wide policies with broad peers (env=dev, env NotIn dev, team=a)
     * in the rules of many classes, allowing, denying and passing on both sides, with NetworkPolicy and
     * ClusterNetworkPolicy alone, with Calico and with Cilium: a row's explicit cells leave out the
     * destinations only deny rules name, so a wrong reading of which rules can add to a side's default
     * shows here.
     */
    @Property(tries = 60)
    void broadPeerRowsEqualTheCellByCellComputation(@ForAll long seed) {
        for (RandomBroadPeerClusters.Plugin plugin : RandomBroadPeerClusters.Plugin.values()) {
            rowsEqualCells(seed, load(new RandomBroadPeerClusters(seed, plugin).next()));
        }
    }

    private static void rowsEqualCells(long seed, Cluster cluster) {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        ClassRows rows = analysis.rows();
        List<Workload> workloads = cluster.workloads();
        List<String> disagreements = new ArrayList<>();
        for (Workload source : workloads) {
            WorkloadClass s = analysis.classOf(source);
            ClassRow row = rows.computeRow(s);
            for (Workload destination : workloads) {
                WorkloadClass d = analysis.classOf(destination);
                ConnectionSet expected = rows.directCell(s, d);
                if (!row.toClass(d.index).equals(expected)) {
                    disagreements.add(source.id() + " -> " + destination.id() + ": row " + row.toClass(d.index)
                            + ", cell " + expected);
                }
                // pair queries: direct cells first, the cached row once the source is asked often
                assertThat(analysis.allowed(source, destination)).isEqualTo(expected);
            }
            for (int p = 0; p < row.pieceCount(); p++) {
                assertThat(row.toPiece(p)).isEqualTo(rows.directPiece(s, p));
            }
        }
        assertThat(disagreements).as("seed %d", seed).isEmpty();
        List<String> expected = cellByCellReach(analysis, rows, cluster);
        assertThat(analysis.reach().map(Object::toString).toList()).isEqualTo(expected);
        assertThat(analysis.reach().parallel().map(Object::toString).toList()).isEqualTo(expected);

        // A tiny row cache evicts all the time: the same answers, and never much more than the budget held.
        ConnectivityAnalysis small = ConnectivityAnalysis.of(cluster, 40);
        long largestRow = 0;
        for (Workload source : workloads) {
            largestRow = Math.max(
                    largestRow, rows.computeRow(analysis.classOf(source)).size());
        }
        for (int round = 0; round < 2; round++) {
            for (Workload source : workloads) {
                for (Workload destination : workloads) {
                    assertThat(small.allowed(source, destination)).isEqualTo(analysis.allowed(source, destination));
                }
            }
            assertThat(small.rows().cachedCells()).isLessThanOrEqualTo(Math.max(40, largestRow));
        }
        assertThat(small.reach().map(Object::toString).toList()).isEqualTo(expected);
    }

    /** The reach lines from every (source, destination) endpoint pair, cell by cell. */
    private static List<String> cellByCellReach(ConnectivityAnalysis analysis, ClassRows rows, Cluster cluster) {
        TreeMap<String, Endpoint> sources = new TreeMap<>();
        TreeMap<String, Endpoint> destinations = new TreeMap<>();
        for (Workload w : cluster.workloads()) {
            sources.put(w.id(), new Endpoint.OfWorkload(w));
            destinations.put(w.id(), new Endpoint.OfWorkload(w));
        }
        analysis.externalSources().forEach(p -> sources.put(p.id(), p));
        List<Endpoint.External> destinationPieces = analysis.externalDestinations();
        destinationPieces.forEach(p -> destinations.put(p.id(), p));
        List<String> out = new ArrayList<>();
        for (Endpoint src : sources.values()) {
            for (Endpoint dst : destinations.values()) {
                ConnectionSet c;
                if (src instanceof Endpoint.OfWorkload s && dst instanceof Endpoint.OfWorkload d) {
                    c = s.workload() == d.workload()
                            ? ConnectionSet.none()
                            : rows.directCell(analysis.classOf(s.workload()), analysis.classOf(d.workload()));
                } else if (src instanceof Endpoint.OfWorkload s) {
                    c = rows.directPiece(analysis.classOf(s.workload()), destinationPieces.indexOf(dst));
                } else if (dst instanceof Endpoint.OfWorkload d) {
                    Endpoint.External piece = (Endpoint.External) src;
                    WorkloadClass dc = analysis.classOf(d.workload());
                    c = ConnectivityAnalysis.side(dc, Direction.INGRESS, -1, piece.first(), piece.last(), dc);
                } else {
                    continue;
                }
                if (!c.isEmpty()) {
                    out.add(new ConnectivityAnalysis.Reach(src, dst, c).toString());
                }
            }
        }
        return out;
    }
}
