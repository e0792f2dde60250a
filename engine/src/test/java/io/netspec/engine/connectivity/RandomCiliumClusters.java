package io.netspec.engine.connectivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random small clusters with Cilium policies (both scopes) and NetworkPolicies, written as manifests so that
 * they go through the reader too. Namespaces a and b; pods with {@code app} labels and named ports; policies
 * drawn from the forms whose meaning differs in Cilium: {@code []}, {@code [{}]}, absent L3, entities, CIDR
 * sets with except, namespace keys, namespace-label keys, ANY, port 0, ranges, named ports, deny sections and
 * {@code enableDefaultDeny}.
 */
public final class RandomCiliumClusters {

    static final int[] PROBE_PORTS = {53, 80, 81, 443, 8080};
    static final String[] PROBE_ADDRESSES = {"10.1.2.3", "10.9.9.9", "192.168.1.5", "8.8.8.8"};
    private static final String[] NAMESPACES = {"a", "b"};
    private static final String[] APPS = {"web", "db", "api"};

    private final Random random;
    private final boolean reservedPodLabels;

    public RandomCiliumClusters(long seed) {
        this(seed, false);
    }

    /**
     * {@code reservedPodLabels}: some pods also carry a label under Cilium's namespace-label prefix
     * ({@code io.cilium.k8s.namespace.labels.tier}), which the identity keeps where the namespace has no such
     * label; for comparing netspec's own paths (the naive reference reads that key from namespaces only).
     */
    public RandomCiliumClusters(long seed, boolean reservedPodLabels) {
        this.random = new Random(seed);
        this.reservedPodLabels = reservedPodLabels;
    }

    private <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    public String next() {
        StringBuilder y = new StringBuilder();
        for (String ns : NAMESPACES) {
            y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
                    .append(ns)
                    .append(", labels: {env: ")
                    .append(ns.equals("a") ? "prod, tier: gold" : "dev")
                    .append("}}\n---\n");
        }
        int pods = 2 + random.nextInt(3);
        for (int i = 0; i < pods; i++) {
            String ns = pick(NAMESPACES);
            y.append("apiVersion: v1\nkind: Pod\nmetadata: {name: p")
                    .append(i)
                    .append(", namespace: ")
                    .append(ns)
                    .append(", labels: {app: ")
                    .append(pick(APPS))
                    .append(
                            reservedPodLabels && random.nextBoolean()
                                    ? ", io.cilium.k8s.namespace.labels.tier: "
                                            + (random.nextBoolean() ? "gold" : "iron")
                                    : "")
                    .append("}}\nspec:\n")
                    .append(random.nextInt(3) == 0 ? "  serviceAccountName: robot\n" : "")
                    .append("  containers:\n  - name: c\n")
                    .append("    image: i\n    ports:\n    - {name: http, containerPort: ")
                    .append(random.nextBoolean() ? 80 : 8080)
                    .append(", protocol: TCP}\n")
                    .append("    - {name: dns, containerPort: 53, protocol: UDP}\n---\n");
        }
        int policies = 1 + random.nextInt(3);
        for (int i = 0; i < policies; i++) {
            switch (random.nextInt(4)) {
                case 0, 1 -> cnp(y, i, false);
                case 2 -> cnp(y, i, true);
                default -> networkPolicy(y, i);
            }
            y.append("---\n");
        }
        return y.toString();
    }

    private void cnp(StringBuilder y, int i, boolean clusterwide) {
        y.append("apiVersion: cilium.io/v2\nkind: ")
                .append(clusterwide ? "CiliumClusterwideNetworkPolicy" : "CiliumNetworkPolicy")
                .append("\nmetadata: {name: c")
                .append(i);
        if (!clusterwide) {
            y.append(", namespace: ").append(pick(NAMESPACES));
        }
        y.append("}\nspec:\n  endpointSelector: ")
                .append(random.nextBoolean() ? "{}" : "{matchLabels: {app: " + pick(APPS) + "}}")
                .append("\n");
        boolean any = false;
        for (String section : new String[] {"ingress", "ingressDeny", "egress", "egressDeny"}) {
            if (random.nextInt(3) == 0 || (!any && section.equals("egressDeny"))) {
                any = true;
                y.append("  ").append(section).append(":\n");
                int rules = 1 + random.nextInt(2);
                for (int r = 0; r < rules; r++) {
                    rule(y, section.startsWith("ingress"), section.endsWith("Deny"));
                }
            }
        }
        if (random.nextInt(5) == 0) {
            y.append("  enableDefaultDeny: {ingress: ")
                    .append(random.nextBoolean())
                    .append(", egress: ")
                    .append(random.nextBoolean())
                    .append("}\n");
        }
    }

    private void rule(StringBuilder y, boolean ingress, boolean deny) {
        String p = ingress ? "from" : "to";
        List<String> fields = new ArrayList<>();
        switch (random.nextInt(14)) {
            case 0 -> {}
            case 1 -> fields.add(p + "Endpoints: []");
            case 2 -> fields.add(p + "Endpoints: [{}]");
            case 3 -> fields.add(p + "Endpoints: [{matchLabels: {app: " + pick(APPS) + "}}]");
            case 4 ->
                fields.add(p + "Endpoints: [{matchLabels: {\"k8s:io.kubernetes.pod.namespace\": " + pick(NAMESPACES)
                        + ", app: " + pick(APPS) + "}}]");
            case 5 ->
                fields.add(p + "Endpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.env: "
                        + (random.nextBoolean() ? "prod" : "dev") + "}}]");
            case 6 -> fields.add(p + "Entities: [" + pick(new String[] {"world", "all", "cluster", "host"}) + "]");
            case 9 ->
                fields.add(p + "Endpoints: [{matchExpressions: [{key: io.kubernetes.pod.namespace, operator: "
                        + pick(new String[] {"In", "NotIn"}) + ", values: ["
                        + pick(new String[] {"a", "b", "a, b", "c"})
                        + "]}]" + (random.nextBoolean() ? ", matchLabels: {app: " + pick(APPS) + "}" : "") + "}]");
            case 10 ->
                fields.add(p + "Endpoints: [{matchExpressions: [{key: io.cilium.k8s.namespace.labels.tier, "
                        + pick(new String[] {
                            "operator: In, values: [gold]",
                            "operator: NotIn, values: [gold]",
                            "operator: Exists",
                            "operator: DoesNotExist"
                        })
                        + "}]}]");
            case 11 ->
                fields.add(p + "Endpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.tier: "
                        + pick(new String[] {"gold", "iron"}) + (random.nextBoolean() ? ", app: " + pick(APPS) : "")
                        + "}}]");
            case 12 ->
                fields.add(p + "Endpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: "
                        + pick(new String[] {"default", "robot"}) + "}}]");
            case 13 ->
                fields.add(p + "Endpoints: [{matchLabels: {\"k8s:io.cilium.k8s.policy.cluster\": "
                        + pick(new String[] {"default", "other"}) + ", app: " + pick(APPS) + "}}]");
            case 7 ->
                fields.add(p + "CIDRSet: [{cidr: 10.0.0.0/8" + (random.nextBoolean() ? ", except: [10.1.0.0/16]" : "")
                        + "}]");
            default -> fields.add(p + "CIDR: [192.168.1.0/24]");
        }
        switch (random.nextInt(7)) {
            case 0, 1 -> {}
            case 2 -> fields.add("toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]");
            case 3 -> fields.add("toPorts: [{ports: [{port: \"53\", protocol: ANY}]}]");
            case 4 -> fields.add("toPorts: [{ports: [{port: \"0\", protocol: UDP}]}]");
            case 5 -> fields.add("toPorts: [{ports: [{port: \"80\", endPort: 443, protocol: TCP}]}]");
            default -> fields.add("toPorts: [{ports: [{port: http, protocol: TCP}]}]");
        }
        y.append("  - {").append(String.join(", ", fields)).append("}\n");
    }

    private void networkPolicy(StringBuilder y, int i) {
        y.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n")
                .append(i)
                .append(", namespace: ")
                .append(pick(NAMESPACES))
                .append("}\nspec:\n  podSelector: ")
                .append(random.nextBoolean() ? "{}" : "{matchLabels: {app: " + pick(APPS) + "}}")
                .append("\n");
        boolean ingress = random.nextBoolean();
        boolean egress = !ingress || random.nextBoolean();
        List<String> types = new ArrayList<>();
        if (ingress) {
            types.add("Ingress");
        }
        if (egress) {
            types.add("Egress");
        }
        y.append("  policyTypes: [").append(String.join(", ", types)).append("]\n");
        for (String d : new String[] {"ingress", "egress"}) {
            if (random.nextBoolean()) {
                continue;
            }
            String peers = d.equals("ingress") ? "from" : "to";
            y.append("  ").append(d).append(":\n  - ");
            switch (random.nextInt(4)) {
                case 0 -> y.append("{}");
                case 1 ->
                    y.append("{")
                            .append(peers)
                            .append(": [{podSelector: {matchLabels: {app: ")
                            .append(pick(APPS))
                            .append("}}}]}");
                case 2 ->
                    y.append("{")
                            .append(peers)
                            .append(": [{namespaceSelector: {matchLabels: {env: prod}}}],")
                            .append(" ports: [{port: 80}]}");
                default ->
                    y.append("{").append(peers).append(": [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{protocol: UDP}]}");
            }
            y.append("\n");
        }
    }
}
