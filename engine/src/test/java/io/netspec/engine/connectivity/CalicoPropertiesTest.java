package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.calico.NaiveCalico;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Calico compiler plus the class-based evaluator against the naive Calico reference, on random
 * clusters of tiers, Calico policies and Kubernetes NetworkPolicies, probed with TCP, UDP, ICMP
 * and another protocol between every pod pair and outside addresses.
 */
class CalicoPropertiesTest {

    private static final String[] SELECTORS = {"all()", "app == 'x'", "app in {'x', 'y'}", "has(role)", "!has(role)",
            "app != 'z' && role == '1'", "app == 'y' || role == '2'", "app starts with 'x'"};
    private static final String[] NS_SELECTORS = {"team == 'a'", "all()", "projectcalico.org/name == 'b'", "global()"};
    private static final String[] NETS = {"10.0.0.0/24", "10.0.0.1", "10.1.0.0/16", "0.0.0.0/0", "198.51.100.0/24"};
    private static final String[] PORTS = {"80", "'80:9000'", "http", "metrics", "9100"};
    private static final String[] OUTSIDE = {"198.51.100.7", "203.0.113.9"};
    private static final NaiveCalico.Packet[] PACKETS = {new NaiveCalico.L4(Protocol.TCP, 80),
            new NaiveCalico.L4(Protocol.TCP, 9100), new NaiveCalico.L4(Protocol.UDP, 80), new NaiveCalico.Icmp(8, 0),
            new NaiveCalico.Icmp(3, 1), new NaiveCalico.Other(136)};

    @Property(tries = 150)
    void agreesWithTheNaiveReference(@ForAll long seed) {
        String yaml = cluster(new Random(seed));
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
                if (s == d || ends.get(s) instanceof NaiveCalico.Outside && ends.get(d) instanceof NaiveCalico.Outside) {
                    continue;
                }
                ConnectionSet engine = analysis.allowed(endpoints.get(s), endpoints.get(d));
                for (NaiveCalico.Packet p : PACKETS) {
                    boolean expected = naive.allowed(ends.get(s), ends.get(d), p);
                    boolean actual = p instanceof NaiveCalico.L4 l4 ? engine.contains(l4.proto(), l4.port())
                            : p instanceof NaiveCalico.Icmp i ? engine.containsIcmp(i.type(), i.code())
                            : engine.containsProtocol(p.protocol());
                    if (actual != expected) {
                        disagreements.add(endpoints.get(s).id() + " -> " + endpoints.get(d).id() + " " + p + ": engine "
                                + engine + ", reference " + (expected ? "allow" : "deny"));
                    }
                }
            }
        }
        assertThat(disagreements).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    /** A random Calico cluster as manifests (also drawn by {@code ExplanationAgreementTest}). */
    static String cluster(Random r) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---\n");
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n---\n");
        y.append("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa1, namespace: a, labels: {trusted: 'yes'}}\n---\n");
        int pods = 3 + r.nextInt(3);
        for (int i = 0; i < pods; i++) {
            String ns = r.nextBoolean() ? "a" : "b";
            y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i).append("\n  namespace: ").append(ns)
                    .append("\n  labels: {app: '").append(pick(r, "x", "y", "z")).append("'")
                    .append(r.nextBoolean() ? ", role: '" + (1 + r.nextInt(2)) + "'" : "").append("}\nspec:\n")
                    .append("  serviceAccountName: ").append(r.nextBoolean() ? "sa1" : "default").append("\n")
                    .append("  containers:\n  - name: c\n    ports: [{name: ").append(pick(r, "http", "metrics"))
                    .append(", containerPort: ").append(pick(r, "80", "9100")).append(", protocol: ")
                    .append(pick(r, "TCP", "TCP", "UDP")).append("}]\n")
                    .append("status:\n  podIP: 10.").append(r.nextInt(2)).append(".0.").append(i + 1).append("\n---\n");
        }
        List<String> tiers = new ArrayList<>(List.of("default"));
        for (int t = 0; t < r.nextInt(3); t++) {
            String name = "t" + t;
            tiers.add(name);
            y.append("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ").append(name).append("}\nspec:\n")
                    .append(r.nextInt(4) == 0 ? "" : "  order: " + (50 * r.nextInt(4)) + "\n")
                    .append("  defaultAction: ").append(r.nextBoolean() ? "Pass" : "Deny").append("\n---\n");
        }
        int policies = 1 + r.nextInt(4);
        for (int p = 0; p < policies; p++) {
            boolean global = r.nextBoolean();
            y.append("apiVersion: projectcalico.org/v3\nkind: ").append(global ? "GlobalNetworkPolicy" : "NetworkPolicy")
                    .append("\nmetadata: {name: p").append(p).append(global ? "" : ", namespace: " + pick(r, "a", "b"))
                    .append("}\nspec:\n  tier: ").append(tiers.get(r.nextInt(tiers.size()))).append("\n");
            if (r.nextInt(3) > 0) {
                y.append("  order: ").append(r.nextInt(3) * 100).append("\n");
            }
            y.append("  selector: \"").append(pick(r, SELECTORS)).append("\"\n");
            if (global && r.nextInt(3) == 0) {
                y.append("  namespaceSelector: \"").append(pick(r, NS_SELECTORS)).append("\"\n");
            }
            if (r.nextInt(5) == 0) {
                y.append("  serviceAccountSelector: \"trusted == 'yes'\"\n");
            }
            boolean ingress = r.nextBoolean();
            boolean egress = !ingress || r.nextBoolean();
            y.append("  types: [").append(ingress ? "Ingress" : "").append(ingress && egress ? ", " : "")
                    .append(egress ? "Egress" : "").append("]\n");
            if (ingress) {
                rules(r, y, "ingress");
            }
            if (egress) {
                rules(r, y, "egress");
            }
            y.append("---\n");
        }
        if (r.nextBoolean()) {
            y.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k, namespace: a}\nspec:\n")
                    .append("  podSelector: {matchLabels: {app: x}}\n  ingress:\n  - from:\n    - podSelector: {}\n")
                    .append("    - ipBlock: {cidr: 10.1.0.0/16}\n    ports: [{port: 80}]\n---\n");
        }
        return y.toString();
    }

    private static void rules(Random r, StringBuilder y, String key) {
        int n = r.nextInt(4);
        y.append("  ").append(key).append(":").append(n == 0 ? " []" : "").append("\n");
        for (int i = 0; i < n; i++) {
            y.append("  - action: ").append(pick(r, "Allow", "Allow", "Deny", "Pass", "Log")).append("\n");
            int proto = r.nextInt(6);
            boolean ports = false;
            switch (proto) {
                case 1 -> { y.append("    protocol: TCP\n"); ports = true; }
                case 2 -> { y.append("    protocol: UDP\n"); ports = true; }
                case 3 -> y.append("    protocol: ICMP\n    icmp: {type: 8").append(r.nextBoolean() ? ", code: 0" : "")
                        .append("}\n");
                case 4 -> y.append("    protocol: 136\n");
                case 5 -> y.append("    notProtocol: UDP\n");
                default -> { }
            }
            entity(r, y, "source", false);
            entity(r, y, "destination", ports);
        }
    }

    /** {@code ports}: named ports are allowed without a protocol, numbers need one (only then are they drawn). */
    private static void entity(Random r, StringBuilder y, String key, boolean ports) {
        List<String> fields = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            fields.add("selector: \"" + pick(r, SELECTORS) + "\"");
        }
        if (r.nextInt(5) == 0) {
            fields.add("notSelector: \"" + pick(r, SELECTORS) + "\"");
        }
        if (r.nextInt(5) == 0) {
            fields.add("namespaceSelector: \"" + pick(r, NS_SELECTORS) + "\"");
        }
        if (r.nextInt(4) == 0) {
            fields.add("nets: [" + pick(r, NETS) + "]");
        }
        if (r.nextInt(6) == 0) {
            fields.add("notNets: [" + pick(r, "10.0.0.0/24", "198.51.100.0/24", "10.1.0.1") + "]");
        }
        if (r.nextInt(6) == 0) {
            fields.add(r.nextBoolean() ? "serviceAccounts: {names: [sa1]}" : "serviceAccounts: {selector: \"trusted == 'yes'\"}");
        }
        if (key.equals("destination") && r.nextInt(2) == 0) {
            if (ports) {
                fields.add((r.nextInt(4) == 0 ? "notPorts" : "ports") + ": [" + pick(r, PORTS) + "]");
            } else {
                fields.add("ports: [" + pick(r, "http", "metrics") + "]");
            }
        }
        if (!fields.isEmpty()) {
            y.append("    ").append(key).append(":\n");
            fields.forEach(f -> y.append("      ").append(f).append("\n"));
        }
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
