package io.netspec.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What a generated cluster holds, before it is written as YAML: namespaces, their applications,
 * and each application's groups of workloads of one tier. Workloads of a group share their pod
 * labels (apart from an occasional canary version), so label classes are fewer than workloads,
 * and their number grows with the number of namespaces and applications.
 */
record ClusterPlan(long seed, ClusterShape shape, List<NamespacePlan> namespaces) {

    private static final String[] TEAMS = {
        "payments",
        "checkout",
        "catalog",
        "search",
        "identity",
        "growth",
        "data",
        "ml",
        "billing",
        "shipping",
        "support",
        "media",
        "ads",
        "risk",
        "mobile",
        "infra"
    };
    private static final String[] ENVS = {"prod", "staging", "dev"};
    private static final String[] APP_WORDS = {
        "orders",
        "cart",
        "users",
        "auth",
        "inventory",
        "pricing",
        "reviews",
        "recommend",
        "notify",
        "ledger",
        "invoices",
        "refunds",
        "profile",
        "sessions",
        "gateway",
        "reports",
        "events",
        "feeds",
        "images",
        "video",
        "coupons",
        "loyalty",
        "tax",
        "fraud",
        "quotes",
        "tracking",
        "labels",
        "returns",
        "tickets",
        "chat",
        "audit",
        "exports",
        "imports",
        "scheduler",
        "geo",
        "maps",
        "ratings",
        "wishlist",
        "bundles",
        "vendors",
        "accounts",
        "tokens",
        "metrics-api",
        "catalogue",
        "stock",
        "offers",
        "banners",
        "emails",
        "sms",
        "push"
    };
    private static final int[] HTTP_PORTS = {8080, 8080, 8000, 3000, 80};

    /** What a group of workloads does; fixes its kind, container ports and the policy that admits it. */
    enum Tier {
        FRONTEND,
        API,
        BACKEND,
        WORKER,
        CACHE,
        DB,
        QUEUE,
        AGENT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String kind() {
            return switch (this) {
                case CACHE, DB, QUEUE -> "StatefulSet";
                case AGENT -> "DaemonSet";
                default -> "Deployment";
            };
        }
    }

    /** A kind of application: its tiers and how many workloads each tier has (min..max). */
    private enum Archetype {
        WEB(40, new Object[][] {
            {Tier.FRONTEND, 2, 4}, {Tier.API, 2, 5}, {Tier.BACKEND, 2, 5}, {Tier.CACHE, 1, 1}, {Tier.DB, 1, 1}
        }),
        SERVICE(35, new Object[][] {{Tier.API, 2, 5}, {Tier.WORKER, 2, 6}, {Tier.DB, 1, 1}}),
        PIPELINE(20, new Object[][] {{Tier.WORKER, 3, 8}, {Tier.QUEUE, 1, 1}}),
        AGENT(5, new Object[][] {{Tier.AGENT, 1, 1}});

        final int weight;
        final Object[][] tiers;

        Archetype(int weight, Object[][] tiers) {
            this.weight = weight;
            this.tiers = tiers;
        }

        static Archetype pick(Random random) {
            int total = 0;
            for (Archetype a : values()) {
                total += a.weight;
            }
            int r = random.nextInt(total);
            for (Archetype a : values()) {
                r -= a.weight;
                if (r < 0) {
                    return a;
                }
            }
            throw new AssertionError("weights");
        }
    }

    record Port(String name, int number, String protocol) {}

    /** One workload object: a Deployment, StatefulSet or DaemonSet. */
    record WorkloadPlan(
            String kind,
            String name,
            Map<String, String> labels,
            Map<String, String> selector,
            List<Port> ports,
            int replicas,
            boolean hostNetwork,
            String serviceName) {}

    /** Workloads of one application and tier; {@code service} is empty when no Service fronts them. */
    record GroupPlan(Tier tier, List<WorkloadPlan> workloads, List<Port> ports, String service) {}

    record AppPlan(String name, int httpPort, boolean postgres, boolean crossNamespaceClients, List<GroupPlan> groups) {

        boolean has(Tier tier) {
            return groups.stream().anyMatch(g -> g.tier() == tier);
        }
    }

    /**
     * @param policyBudget   NetworkPolicies this namespace gets
     * @param egressIsolated whether it denies egress by default (and allows DNS)
     * @param system         kube-system or monitoring: fixed workloads, no policies
     */
    record NamespacePlan(
            String name,
            Map<String, String> labels,
            String team,
            String env,
            int policyBudget,
            boolean egressIsolated,
            boolean system,
            List<AppPlan> apps,
            List<WorkloadPlan> systemWorkloads) {

        List<WorkloadPlan> workloads() {
            if (system) {
                return systemWorkloads;
            }
            List<WorkloadPlan> out = new ArrayList<>();
            apps.forEach(a -> a.groups().forEach(g -> out.addAll(g.workloads())));
            return out;
        }
    }

    static ClusterPlan build(ClusterShape shape, long seed) {
        List<NamespacePlan> namespaces = new ArrayList<>();
        namespaces.add(kubeSystem());
        namespaces.add(monitoring());
        int appNamespaces = shape.namespaces();
        int appWorkloads = shape.workloads() - ClusterShape.SYSTEM_WORKLOADS;
        int teams = Math.max(2, Math.min(TEAMS.length, (appNamespaces + 8) / 9));
        for (int i = 0; i < appNamespaces; i++) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + i);
            String team = TEAMS[i % teams];
            String env = ENVS[(i / teams) % ENVS.length];
            int round = i / (teams * ENVS.length);
            String name = team + "-" + env + (round == 0 ? "" : "-" + round);
            boolean egressIsolated = env.equals("prod") || random.nextInt(10) < 3;
            int workloads = share(appWorkloads, appNamespaces, i);
            int budget = share(shape.policies(), appNamespaces, i);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("team", team);
            labels.put("env", env);
            namespaces.add(new NamespacePlan(
                    name,
                    labels,
                    team,
                    env,
                    budget,
                    egressIsolated,
                    false,
                    apps(random, i, team, workloads),
                    List.of()));
        }
        return new ClusterPlan(seed, shape, namespaces);
    }

    /** The i-th of {@code parts} near-equal shares of {@code total}. */
    static int share(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    private static List<AppPlan> apps(Random random, int namespaceIndex, String team, int workloads) {
        List<AppPlan> apps = new ArrayList<>();
        int left = workloads;
        for (int a = 0; left > 0; a++) {
            int word = (namespaceIndex * 7 + a) % APP_WORDS.length;
            int lap = a / APP_WORDS.length;
            String appName = APP_WORDS[word] + (lap == 0 ? "" : "-" + lap);
            Archetype archetype = Archetype.pick(random);
            int httpPort = HTTP_PORTS[random.nextInt(HTTP_PORTS.length)];
            boolean postgres = random.nextInt(4) != 0;
            boolean crossNamespace = random.nextInt(4) == 0;
            AppPlan shell = new AppPlan(appName, httpPort, postgres, crossNamespace, List.of());
            List<GroupPlan> groups = new ArrayList<>();
            for (Object[] t : archetype.tiers) {
                if (left == 0) {
                    break;
                }
                Tier tier = (Tier) t[0];
                int min = (Integer) t[1];
                int max = (Integer) t[2];
                int count = Math.min(left, min + random.nextInt(max - min + 1));
                left -= count;
                groups.add(group(random, shell, team, tier, count));
            }
            apps.add(new AppPlan(appName, httpPort, postgres, crossNamespace, groups));
        }
        return apps;
    }

    private static GroupPlan group(Random random, AppPlan app, String team, Tier tier, int count) {
        List<Port> ports = ports(app, tier);
        String groupName = app.name() + "-" + tier.label();
        boolean canary = count >= 3 && random.nextInt(4) == 0;
        boolean fronted = switch (tier) {
            case WORKER, AGENT -> false;
            default -> random.nextInt(10) != 0;
        };
        boolean stateful = tier.kind().equals("StatefulSet");
        String service = fronted || stateful ? groupName : "";
        List<WorkloadPlan> workloads = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String name = count == 1 ? groupName : groupName + "-" + (k + 1);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("app", app.name());
            labels.put("tier", tier.label());
            labels.put("team", team);
            labels.put("version", canary && k == count - 1 ? "v2" : "v1");
            Map<String, String> selector = new LinkedHashMap<>();
            selector.put("app", app.name());
            selector.put("tier", tier.label());
            selector.put("version", labels.get("version"));
            int replicas = switch (tier) {
                case AGENT -> 0;
                case CACHE, DB, QUEUE -> 1 + random.nextInt(3);
                default -> 1 + random.nextInt(5);
            };
            workloads.add(new WorkloadPlan(
                    tier.kind(), name, labels, selector, ports, replicas, false, stateful ? service : ""));
        }
        return new GroupPlan(tier, workloads, ports, service);
    }

    private static List<Port> ports(AppPlan app, Tier tier) {
        Port http = new Port("http", app.httpPort(), "TCP");
        Port metrics = new Port("metrics", 9090, "TCP");
        Port grpc = new Port("grpc", 9000, "TCP");
        return switch (tier) {
            case FRONTEND -> List.of(http, metrics);
            case API -> List.of(http, grpc, metrics);
            case BACKEND -> List.of(grpc, metrics, new Port("statsd", 8125, "UDP"));
            case WORKER -> List.of(metrics, new Port("callback", 30000, "TCP"));
            case CACHE -> List.of(new Port("redis", 6379, "TCP"), new Port("metrics", 9121, "TCP"));
            case DB ->
                app.postgres()
                        ? List.of(new Port("postgres", 5432, "TCP"), new Port("metrics", 9187, "TCP"))
                        : List.of(new Port("mysql", 3306, "TCP"), new Port("metrics", 9104, "TCP"));
            case QUEUE ->
                List.of(
                        new Port("amqp", 5672, "TCP"),
                        new Port("management", 15672, "TCP"),
                        new Port("metrics", 15692, "TCP"));
            case AGENT -> List.of(new Port("syslog", 514, "UDP"), new Port("metrics", 9100, "TCP"));
        };
    }

    private static NamespacePlan kubeSystem() {
        List<WorkloadPlan> workloads = List.of(
                system(
                        "Deployment",
                        "coredns",
                        "k8s-app",
                        "kube-dns",
                        2,
                        false,
                        "",
                        new Port("dns", 53, "UDP"),
                        new Port("dns-tcp", 53, "TCP"),
                        new Port("metrics", 9153, "TCP")),
                system(
                        "DaemonSet",
                        "kube-proxy",
                        "k8s-app",
                        "kube-proxy",
                        0,
                        true,
                        "",
                        new Port("metrics", 10249, "TCP")),
                system(
                        "Deployment",
                        "metrics-server",
                        "k8s-app",
                        "metrics-server",
                        1,
                        false,
                        "",
                        new Port("https", 4443, "TCP")));
        return new NamespacePlan("kube-system", Map.of(), "", "", 0, false, true, List.of(), workloads);
    }

    private static NamespacePlan monitoring() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "platform");
        labels.put("env", "prod");
        List<WorkloadPlan> workloads = List.of(
                system(
                        "StatefulSet",
                        "prometheus",
                        "app",
                        "prometheus",
                        2,
                        false,
                        "prometheus",
                        new Port("web", 9090, "TCP")),
                system(
                        "DaemonSet",
                        "node-exporter",
                        "app",
                        "node-exporter",
                        0,
                        true,
                        "",
                        new Port("metrics", 9100, "TCP")),
                system("Deployment", "grafana", "app", "grafana", 1, false, "", new Port("http", 3000, "TCP")));
        return new NamespacePlan("monitoring", labels, "platform", "prod", 0, false, true, List.of(), workloads);
    }

    private static WorkloadPlan system(
            String kind,
            String name,
            String key,
            String value,
            int replicas,
            boolean hostNetwork,
            String serviceName,
            Port... ports) {
        return new WorkloadPlan(
                kind, name, Map.of(key, value), Map.of(key, value), List.of(ports), replicas, hostNetwork, serviceName);
    }
}
