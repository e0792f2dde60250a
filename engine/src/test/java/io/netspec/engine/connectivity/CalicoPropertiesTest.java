package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.calico.NaiveCalico;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The Calico compiler plus the class-based evaluator against the naive Calico reference, on random
 * clusters of tiers, Calico policies and Kubernetes NetworkPolicies, probed with TCP, UDP, ICMP
 * and another protocol between every pod pair and outside addresses.
 */
class CalicoPropertiesTest {

    private static final String[] OUTSIDE = {"198.51.100.7", "203.0.113.9"};
    private static final NaiveCalico.Packet[] PACKETS = {
        new NaiveCalico.L4(Protocol.TCP, 80),
        new NaiveCalico.L4(Protocol.TCP, 9100),
        new NaiveCalico.L4(Protocol.UDP, 80),
        new NaiveCalico.Icmp(8, 0),
        new NaiveCalico.Icmp(3, 1),
        new NaiveCalico.Other(136)
    };

    @Property(tries = 150)
    void agreesWithTheNaiveReference(@ForAll long seed) {
        check(seed, RandomCalicoClusters.cluster(new Random(seed)));
    }

    /**
     * With two or three copies of every pod (same labels, other addresses): workloads share classes,
     * which the analysis splits only where a policy tells the copies apart (a net, a service account).
     */
    @Property(tries = 60)
    void agreesWithTheNaiveReferenceOnReplicas(@ForAll long seed) {
        Random r = new Random(seed);
        check(seed, RandomCalicoClusters.cluster(r, 2 + r.nextInt(2)));
    }

    /**
     * Rule entities written alike in policies of two namespaces: each keeps its policy's namespace
     * (the compiler makes one match per distinct entity and namespace, never one across namespaces).
     */
    @Example
    void entitiesWrittenAlikeInTwoNamespacesStayInTheirOwn() {
        StringBuilder y = new StringBuilder();
        for (String ns : List.of("a", "b")) {
            y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
                    .append(ns)
                    .append("}\n---\n");
            for (String app : List.of("web", "db")) {
                y.append("apiVersion: v1\nkind: Pod\nmetadata: {name: ")
                        .append(app)
                        .append(", namespace: ")
                        .append(ns)
                        .append(", labels: {app: ")
                        .append(app)
                        .append("}}\nspec: {containers: [{name: c}]}\n")
                        .append("status: {podIP: 10.0.")
                        .append(ns.equals("a") ? 1 : 2)
                        .append(".")
                        .append(app.equals("web") ? 1 : 2)
                        .append("}\n---\n");
            }
            y.append("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: only-web, namespace: ")
                    .append(ns)
                    .append("}\nspec:\n  selector: app == 'db'\n  types: [Ingress]\n  ingress:\n")
                    .append("  - action: Allow\n    source: {selector: app == 'web'}\n---\n");
        }
        check(0, y.toString());
    }

    private static void check(long seed, String yaml) {
        LoadResult loaded = new ManifestLoader().loadString(yaml, "random.yaml");
        assertThat(loaded.errors()).as(yaml).isEmpty();
        Cluster cluster = loaded.cluster();
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        NaiveCalico naive = new NaiveCalico(cluster);
        List<Endpoint> endpoints = new ArrayList<>();
        List<NaiveCalico.End> ends = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            endpoints.add(new Endpoint.OfWorkload(w));
            ends.add(new NaiveCalico.PodEnd(CalicoEndpoints.pod(w)));
        }
        for (String ip : OUTSIDE) {
            long a = Facts.parseIp(ip);
            endpoints.add(new Endpoint.External(a, a));
            ends.add(new NaiveCalico.Outside(a));
        }
        List<String> disagreements = new ArrayList<>();
        for (int s = 0; s < ends.size(); s++) {
            for (int d = 0; d < ends.size(); d++) {
                if (s == d
                        || ends.get(s) instanceof NaiveCalico.Outside && ends.get(d) instanceof NaiveCalico.Outside) {
                    continue;
                }
                ConnectionSet engine = analysis.allowed(endpoints.get(s), endpoints.get(d));
                for (NaiveCalico.Packet p : PACKETS) {
                    boolean expected = naive.allowed(ends.get(s), ends.get(d), p);
                    boolean actual = p instanceof NaiveCalico.L4 l4
                            ? engine.contains(l4.proto(), l4.port())
                            : p instanceof NaiveCalico.Icmp i
                                    ? engine.containsIcmp(i.type(), i.code())
                                    : engine.containsProtocol(p.protocol());
                    if (actual != expected) {
                        disagreements.add(endpoints.get(s).id() + " -> "
                                + endpoints.get(d).id() + " " + p + ": engine " + engine + ", reference "
                                + (expected ? "allow" : "deny"));
                    }
                }
            }
        }
        assertThat(disagreements).as("seed %d:%n%s", seed, yaml).isEmpty();
    }
}
