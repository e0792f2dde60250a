package io.netspec.engine.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random clusters in the shape platform teams write cluster-wide policies: namespaces labelled by
 * environment and team, and policies of every layer whose peers are broad ({@code env=dev},
 * {@code env NotIn dev}, {@code team=a}: many classes) and sit in the rules of many classes, with
 * allow, deny and pass actions on both sides. Written as manifests; the plugin's layer is one of
 * none (NetworkPolicy and ClusterNetworkPolicy), Calico or Cilium. For the properties comparing the
 * sparse rows, whose explicit cells skip what broad deny rules name, with the cell-by-cell answer.
 */
public final class RandomBroadPeerClusters {

    /** The CNI layer mixed in beside NetworkPolicy and ClusterNetworkPolicy. */
    public enum Plugin {
        NONE,
        CALICO,
        CILIUM
    }

    private static final String[] ENVS = {"dev", "dev", "prod", "staging"};
    private static final String[] TEAMS = {"a", "b", "c"};
    private static final String[] APPS = {"web", "api", "db"};
    private static final String[] NS_PEERS = {
        "{matchLabels: {env: dev}}",
        "{matchLabels: {env: prod}}",
        "{matchExpressions: [{key: env, operator: NotIn, values: [dev]}]}",
        "{matchLabels: {team: a}}",
        "{matchLabels: {team: b}}",
        "{}"
    };
    private static final String[] CALICO_NS = {"env == 'dev'", "env != 'dev'", "team == 'a'", "env == 'prod'", "all()"};

    private final Random random;
    private final Plugin plugin;
    private final List<String> namespaces = new ArrayList<>();

    public RandomBroadPeerClusters(long seed, Plugin plugin) {
        this.random = new Random(seed);
        this.plugin = plugin;
    }

    private String pick(String... items) {
        return items[random.nextInt(items.length)];
    }

    public String next() {
        StringBuilder y = new StringBuilder();
        int nsCount = 4 + random.nextInt(4);
        List<String> teamOf = new ArrayList<>();
        for (int i = 0; i < nsCount; i++) {
            String name = "n" + i;
            String team = pick(TEAMS);
            namespaces.add(name);
            teamOf.add(team);
            y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
                    .append(name)
                    .append(", labels: {env: ")
                    .append(pick(ENVS))
                    .append(", team: ")
                    .append(team)
                    .append("}}\n---\n");
        }
        int pods = 10 + random.nextInt(9);
        for (int i = 0; i < pods; i++) {
            int ns = random.nextInt(nsCount);
            String app = pick(APPS);
            y.append("apiVersion: v1\nkind: Pod\nmetadata: {name: p")
                    .append(i)
                    .append(", namespace: ")
                    .append(namespaces.get(ns))
                    .append(", labels: {app: ")
                    .append(app)
                    .append(", team: ")
                    .append(teamOf.get(ns))
                    .append(app.equals("db") || random.nextInt(4) == 0 ? ", tier: db" : ", tier: web")
                    .append("}}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {name: ")
                    .append(pick("http", "metrics"))
                    .append(", containerPort: ")
                    .append(random.nextBoolean() ? 80 : 9090)
                    .append(", protocol: TCP}\n---\n");
        }
        int networkPolicies = random.nextInt(2 * nsCount);
        for (int i = 0; i < networkPolicies; i++) {
            networkPolicy(y, i);
        }
        if (plugin == Plugin.CILIUM) {
            y.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config, namespace: kube-system}\n")
                    .append("data: {enable-k8s-cluster-network-policy: \"true\"}\n---\n");
        }
        int admin = 1 + random.nextInt(4);
        for (int i = 0; i < admin; i++) {
            clusterNetworkPolicy(y, i);
        }
        int layer = plugin == Plugin.NONE ? 0 : 1 + random.nextInt(5);
        if (plugin == Plugin.CALICO && random.nextBoolean()) {
            y.append("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: platform}\nspec:\n")
                    .append("  order: 100\n  defaultAction: ")
                    .append(pick("Pass", "Deny"))
                    .append("\n---\n");
            for (int i = 0; i < layer; i++) {
                calico(y, i, random.nextBoolean() ? "platform" : "default");
            }
        } else {
            for (int i = 0; i < layer; i++) {
                if (plugin == Plugin.CALICO) {
                    calico(y, i, "default");
                } else {
                    cilium(y, i);
                }
            }
        }
        return y.toString();
    }

    private void networkPolicy(StringBuilder y, int i) {
        y.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np")
                .append(i)
                .append(", namespace: ")
                .append(namespaces.get(random.nextInt(namespaces.size())))
                .append("}\nspec:\n  podSelector: ")
                .append(random.nextInt(4) == 0 ? "{}" : "{matchLabels: {app: " + pick(APPS) + "}}")
                .append("\n");
        boolean egress = random.nextInt(3) == 0;
        y.append("  policyTypes: [Ingress").append(egress ? ", Egress]\n" : "]\n");
        y.append("  ingress:\n");
        int rules = random.nextInt(3);
        for (int r = 0; r < rules; r++) {
            y.append("  - {from: [")
                    .append(npPeer())
                    .append("]")
                    .append(npPorts())
                    .append("}\n");
        }
        if (rules == 0) {
            y.setLength(y.length() - 1);
            y.append(" []\n");
        }
        if (egress) {
            y.append("  egress:\n  - {to: [")
                    .append(npPeer())
                    .append("]")
                    .append(npPorts())
                    .append("}\n");
        }
        y.append("---\n");
    }

    private String npPeer() {
        return switch (random.nextInt(4)) {
            case 0 -> "{podSelector: {matchLabels: {app: " + pick(APPS) + "}}}";
            case 1 -> "{namespaceSelector: " + pick(NS_PEERS) + "}";
            case 2 ->
                "{namespaceSelector: " + pick(NS_PEERS) + ", podSelector: {matchLabels: {tier: " + pick("db", "web")
                        + "}}}";
            default -> "{namespaceSelector: {}}";
        };
    }

    private String npPorts() {
        return switch (random.nextInt(4)) {
            case 0 -> ", ports: [{port: 80}]";
            case 1 -> ", ports: [{port: http}]";
            default -> "";
        };
    }

    private void clusterNetworkPolicy(StringBuilder y, int i) {
        boolean baseline = random.nextInt(3) == 0;
        y.append("apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: cnp")
                .append(i)
                .append("}\nspec:\n  tier: ")
                .append(baseline ? "Baseline" : "Admin")
                .append("\n  priority: ")
                .append(random.nextInt(20))
                .append("\n  subject:\n");
        if (random.nextBoolean()) {
            y.append("    namespaces: ").append(pick(NS_PEERS)).append("\n");
        } else {
            y.append("    pods: {namespaceSelector: ")
                    .append(pick(NS_PEERS))
                    .append(", podSelector: {matchLabels: {tier: db}}}\n");
        }
        for (String direction : new String[] {"ingress", "egress"}) {
            int rules = random.nextInt(3);
            if (rules == 0) {
                continue;
            }
            y.append("  ").append(direction).append(":\n");
            for (int r = 0; r < rules; r++) {
                String action = baseline ? pick("Accept", "Deny", "Deny") : pick("Accept", "Deny", "Deny", "Pass");
                y.append("  - name: r")
                        .append(r)
                        .append("\n    action: ")
                        .append(action)
                        .append("\n    ")
                        .append(direction.equals("ingress") ? "from" : "to")
                        .append(":\n    - ")
                        .append(
                                random.nextInt(4) == 0
                                        ? "pods: {namespaceSelector: " + pick(NS_PEERS)
                                                + ", podSelector: {matchLabels: {app: " + pick(APPS) + "}}}"
                                        : "namespaces: " + pick(NS_PEERS))
                        .append("\n");
                switch (random.nextInt(4)) {
                    case 0 -> y.append("    protocols: [{tcp: {destinationPort: {number: 80}}}]\n");
                    case 1 -> y.append("    protocols: [{destinationNamedPort: metrics}]\n");
                    default -> {}
                }
            }
        }
        y.append("---\n");
    }

    private void calico(StringBuilder y, int i, String tier) {
        boolean global = random.nextBoolean();
        y.append("apiVersion: projectcalico.org/v3\nkind: ")
                .append(global ? "GlobalNetworkPolicy" : "NetworkPolicy")
                .append("\nmetadata: {name: ")
                .append(tier.equals("default") ? "" : tier + ".")
                .append("c")
                .append(i)
                .append(global ? "" : ", namespace: " + namespaces.get(random.nextInt(namespaces.size())))
                .append("}\nspec:\n  tier: ")
                .append(tier)
                .append("\n  order: ")
                .append(random.nextInt(3) * 100)
                .append("\n  selector: \"")
                .append(pick("tier == 'db'", "all()", "app == 'web'", "app == 'api'"))
                .append("\"\n");
        if (global && random.nextBoolean()) {
            y.append("  namespaceSelector: \"").append(pick(CALICO_NS)).append("\"\n");
        }
        boolean ingress = random.nextInt(4) > 0;
        boolean egress = !ingress || random.nextInt(3) == 0;
        RandomCalicoClusters.types(y, ingress, egress);
        if (ingress) {
            calicoRules(y, "ingress", "source");
        }
        if (egress) {
            calicoRules(y, "egress", "destination");
        }
        y.append("---\n");
    }

    private void calicoRules(StringBuilder y, String direction, String peer) {
        int n = 1 + random.nextInt(3);
        y.append("  ").append(direction).append(":\n");
        for (int r = 0; r < n; r++) {
            y.append("  - action: ")
                    .append(pick("Allow", "Deny", "Deny", "Pass"))
                    .append("\n");
            boolean ports = random.nextBoolean();
            if (ports) {
                y.append("    protocol: TCP\n");
            }
            List<String> fields = new ArrayList<>();
            if (random.nextInt(5) > 0) {
                fields.add("namespaceSelector: \"" + pick(CALICO_NS) + "\"");
            }
            if (random.nextInt(3) == 0) {
                fields.add("selector: \"" + pick("app == 'web'", "tier == 'db'", "app != 'api'") + "\"");
            }
            String portList = "ports: [" + pick("80", "9090", "http") + "]";
            if (ports && peer.equals("destination")) {
                fields.add(portList);
            }
            if (!fields.isEmpty()) {
                y.append("    ").append(peer).append(":\n");
                fields.forEach(f -> y.append("      ").append(f).append("\n"));
            }
            if (ports && peer.equals("source")) {
                y.append("    destination:\n      ").append(portList).append("\n");
            }
        }
    }

    private void cilium(StringBuilder y, int i) {
        boolean clusterwide = random.nextBoolean();
        y.append("apiVersion: cilium.io/v2\nkind: ")
                .append(clusterwide ? "CiliumClusterwideNetworkPolicy" : "CiliumNetworkPolicy")
                .append("\nmetadata: {name: cc")
                .append(i)
                .append(clusterwide ? "" : ", namespace: " + namespaces.get(random.nextInt(namespaces.size())))
                .append("}\nspec:\n  endpointSelector: ")
                .append(pick(
                        "{}",
                        "{matchLabels: {tier: db}}",
                        "{matchLabels: {team: " + pick(TEAMS) + ", tier: db}}",
                        "{matchLabels: {app: " + pick(APPS) + "}}"))
                .append("\n");
        boolean any = false;
        for (String section : new String[] {"ingress", "ingressDeny", "egress", "egressDeny"}) {
            if (random.nextInt(3) == 0 || (!any && section.equals("ingressDeny"))) {
                any = true;
                String p = section.startsWith("ingress") ? "from" : "to";
                y.append("  ").append(section).append(":\n  - ").append(p).append("Endpoints: [");
                y.append(pick(
                        "{matchLabels: {team: " + pick(TEAMS) + "}}",
                        "{matchLabels: {io.cilium.k8s.namespace.labels.env: " + pick("dev", "prod") + "}}",
                        "{matchExpressions: [{key: io.cilium.k8s.namespace.labels.env, operator: NotIn, values: [dev]}]}",
                        "{matchLabels: {app: " + pick(APPS) + "}}",
                        "{}"));
                y.append("]");
                if (random.nextBoolean()) {
                    y.append("\n    toPorts: [{ports: [{port: \"")
                            .append(pick("80", "9090"))
                            .append("\", protocol: TCP}]}]");
                }
                y.append("\n");
            }
        }
        y.append("---\n");
    }
}
