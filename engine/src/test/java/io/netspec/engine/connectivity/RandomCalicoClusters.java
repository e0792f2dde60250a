package io.netspec.engine.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random clusters of Calico tiers, Calico policies (namespaced and global, every selector form,
 * nets, service accounts, named and numbered ports, ICMP, other protocols) and Kubernetes
 * NetworkPolicies, as manifests; for the property tests that compare the engine with a reference.
 */
public final class RandomCalicoClusters {

    private static final String[] SELECTORS = {
        "all()",
        "app == 'x'",
        "app in {'x', 'y'}",
        "has(role)",
        "!has(role)",
        "app != 'z' && role == '1'",
        "app == 'y' || role == '2'",
        "app starts with 'x'"
    };
    private static final String[] NS_SELECTORS = {"team == 'a'", "all()", "projectcalico.org/name == 'b'", "global()"};
    private static final String[] NETS = {"10.0.0.0/24", "10.0.0.1", "10.1.0.0/16", "0.0.0.0/0", "198.51.100.0/24"};
    private static final String[] PORTS = {"80", "'80:9000'", "http", "metrics", "9100"};

    private RandomCalicoClusters() {}

    /** A random Calico cluster as manifests, one pod per drawn pod. */
    public static String cluster(Random r) {
        return cluster(r, 1);
    }

    /**
     * A random Calico cluster whose every drawn pod has {@code replicas} copies: same namespace,
     * labels, service account and ports, addresses {@code 10.X.K.N} for copy K (so that a
     * {@code /24} net tells copies apart and a {@code /16} does not). With 1, what
     * {@link #cluster(Random)} draws.
     */
    public static String cluster(Random r, int replicas) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---\n");
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n---\n");
        y.append(
                "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa1, namespace: a, labels: {trusted: 'yes'}}\n---\n");
        int pods = 3 + r.nextInt(3);
        for (int i = 0; i < pods; i++) {
            String ns = r.nextBoolean() ? "a" : "b";
            String labels = "{app: '" + pick(r, "x", "y", "z") + "'"
                    + (r.nextBoolean() ? ", role: '" + (1 + r.nextInt(2)) + "'" : "") + "}";
            String account = r.nextBoolean() ? "sa1" : "default";
            String ports = "[{name: " + pick(r, "http", "metrics") + ", containerPort: " + pick(r, "80", "9100")
                    + ", protocol: " + pick(r, "TCP", "TCP", "UDP") + "}]";
            int subnet = r.nextInt(2);
            for (int k = 0; k < replicas; k++) {
                y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p")
                        .append(i)
                        .append(k == 0 ? "" : "-" + k)
                        .append("\n  namespace: ")
                        .append(ns)
                        .append("\n  labels: ")
                        .append(labels)
                        .append("\nspec:\n")
                        .append("  serviceAccountName: ")
                        .append(account)
                        .append("\n")
                        .append("  containers:\n  - name: c\n    ports: ")
                        .append(ports)
                        .append("\n")
                        .append("status:\n  podIP: 10.")
                        .append(subnet)
                        .append(".")
                        .append(k)
                        .append(".")
                        .append(i + 1)
                        .append("\n---\n");
            }
        }
        List<String> tiers = new ArrayList<>(List.of("default"));
        for (int t = 0; t < r.nextInt(3); t++) {
            String name = "t" + t;
            tiers.add(name);
            y.append("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ")
                    .append(name)
                    .append("}\nspec:\n")
                    .append(r.nextInt(4) == 0 ? "" : "  order: " + (50 * r.nextInt(4)) + "\n")
                    .append("  defaultAction: ")
                    .append(r.nextBoolean() ? "Pass" : "Deny")
                    .append("\n---\n");
        }
        int policies = 1 + r.nextInt(4);
        for (int p = 0; p < policies; p++) {
            boolean global = r.nextBoolean();
            y.append("apiVersion: projectcalico.org/v3\nkind: ")
                    .append(global ? "GlobalNetworkPolicy" : "NetworkPolicy")
                    .append("\nmetadata: {name: p")
                    .append(p)
                    .append(global ? "" : ", namespace: " + pick(r, "a", "b"))
                    .append("}\nspec:\n  tier: ")
                    .append(tiers.get(r.nextInt(tiers.size())))
                    .append("\n");
            if (r.nextInt(3) > 0) {
                y.append("  order: ").append(r.nextInt(3) * 100).append("\n");
            }
            y.append("  selector: \"").append(pick(r, SELECTORS)).append("\"\n");
            if (global && r.nextInt(3) == 0) {
                y.append("  namespaceSelector: \"")
                        .append(pick(r, NS_SELECTORS))
                        .append("\"\n");
            }
            if (r.nextInt(5) == 0) {
                y.append("  serviceAccountSelector: \"trusted == 'yes'\"\n");
            }
            boolean ingress = r.nextBoolean();
            boolean egress = !ingress || r.nextBoolean();
            types(y, ingress, egress);
            if (ingress) {
                rules(r, y, "ingress");
            }
            if (egress) {
                rules(r, y, "egress");
            }
            y.append("---\n");
        }
        if (r.nextBoolean()) {
            y.append(
                            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k, namespace: a}\nspec:\n")
                    .append("  podSelector: {matchLabels: {app: x}}\n  ingress:\n  - from:\n    - podSelector: {}\n")
                    .append("    - ipBlock: {cidr: 10.1.0.0/16}\n    ports: [{port: 80}]\n---\n");
        }
        return y.toString();
    }

    private static void rules(Random r, StringBuilder y, String key) {
        int n = r.nextInt(4);
        y.append("  ").append(key).append(":").append(n == 0 ? " []" : "").append("\n");
        for (int i = 0; i < n; i++) {
            y.append("  - action: ")
                    .append(pick(r, "Allow", "Allow", "Deny", "Pass", "Log"))
                    .append("\n");
            int proto = r.nextInt(6);
            boolean ports = false;
            switch (proto) {
                case 1 -> {
                    y.append("    protocol: TCP\n");
                    ports = true;
                }
                case 2 -> {
                    y.append("    protocol: UDP\n");
                    ports = true;
                }
                case 3 ->
                    y.append("    protocol: ICMP\n    icmp: {type: 8")
                            .append(r.nextBoolean() ? ", code: 0" : "")
                            .append("}\n");
                case 4 -> y.append("    protocol: 136\n");
                case 5 -> y.append("    notProtocol: UDP\n");
                default -> {}
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
            fields.add(
                    r.nextBoolean()
                            ? "serviceAccounts: {names: [sa1]}"
                            : "serviceAccounts: {selector: \"trusted == 'yes'\"}");
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

    /** A Calico policy's {@code types:} line: the directions its rules are for. */
    static void types(StringBuilder y, boolean ingress, boolean egress) {
        y.append("  types: [")
                .append(ingress ? "Ingress" : "")
                .append(ingress && egress ? ", " : "")
                .append(egress ? "Egress" : "")
                .append("]\n");
    }
}
