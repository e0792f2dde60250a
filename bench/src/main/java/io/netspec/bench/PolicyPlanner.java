package io.netspec.bench;

import io.netspec.bench.ClusterPlan.AppPlan;
import io.netspec.bench.ClusterPlan.GroupPlan;
import io.netspec.bench.ClusterPlan.NamespacePlan;
import io.netspec.bench.ClusterPlan.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies of one application namespace, in the order a team would write them:
 * default-deny ingress, metrics scraping, default-deny egress with DNS (egress-isolated
 * namespaces), one ingress policy per application tier, one egress policy per application, then
 * extra allowances until the namespace's budget is spent. A namespace whose budget is smaller
 * gets a prefix of that list.
 */
final class PolicyPlanner {

    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    record Expr(String key, String operator, List<String> values) {}

    /** A label selector; {@code null} fields are absent, an empty selector selects all. */
    record Sel(Map<String, String> labels, List<Expr> expressions) {
        static final Sel ALL = new Sel(Map.of(), List.of());

        static Sel labels(String... keyValues) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
            return new Sel(m, List.of());
        }

        Sel and(String key, String operator, String... values) {
            List<Expr> e = new ArrayList<>(expressions);
            e.add(new Expr(key, operator, List.of(values)));
            return new Sel(labels, e);
        }
    }

    /** A peer: pods and/or namespaces selected, or an address block ({@code cidr} non-null). */
    record Peer(Sel pods, Sel namespaces, String cidr, List<String> except) {
        static Peer pods(Sel pods) {
            return new Peer(pods, null, null, List.of());
        }

        static Peer in(Sel namespaces, Sel pods) {
            return new Peer(pods, namespaces, null, List.of());
        }

        static Peer block(String cidr, List<String> except) {
            return new Peer(null, null, cidr, except);
        }
    }

    /** A policy port: {@code protocol} and {@code port} may be null (absent); endPort 0 means none. */
    record PortSpec(String protocol, Object port, int endPort) {
        static PortSpec named(String name) {
            return new PortSpec(null, name, 0);
        }

        static PortSpec of(String protocol, int port) {
            return new PortSpec(protocol, port, 0);
        }
    }

    record Rule(List<Peer> peers, List<PortSpec> ports) {}

    /** {@code ingress}/{@code egress} null means "not written"; the policy types are always written. */
    record Policy(String name, Sel podSelector, List<String> types, List<Rule> ingress, List<Rule> egress) {}

    private PolicyPlanner() {}

    static List<Policy> plan(NamespacePlan ns) {
        return plan(ns, ns.policyBudget());
    }

    /** The first {@code budget} NetworkPolicies of the namespace (the rest of its budget goes to other layers). */
    static List<Policy> plan(NamespacePlan ns, int budget) {
        List<Policy> out = new ArrayList<>();
        add(out, budget, new Policy("default-deny-ingress", Sel.ALL, List.of("Ingress"), null, null));
        add(
                out,
                budget,
                new Policy(
                        "allow-prometheus-scrape",
                        Sel.ALL,
                        List.of("Ingress"),
                        List.of(new Rule(
                                List.of(Peer.in(
                                        Sel.labels("kubernetes.io/metadata.name", "monitoring"),
                                        Sel.labels("app", "prometheus"))),
                                List.of(PortSpec.named("metrics")))),
                        null));
        if (ns.egressIsolated()) {
            add(out, budget, new Policy("default-deny-egress", Sel.ALL, List.of("Egress"), null, null));
            add(
                    out,
                    budget,
                    new Policy(
                            "allow-dns",
                            Sel.ALL,
                            List.of("Egress"),
                            null,
                            List.of(new Rule(
                                    List.of(Peer.in(
                                            Sel.labels("kubernetes.io/metadata.name", "kube-system"),
                                            Sel.labels("k8s-app", "kube-dns"))),
                                    List.of(PortSpec.of("UDP", 53), PortSpec.of("TCP", 53))))));
        }
        for (AppPlan app : ns.apps()) {
            for (GroupPlan group : app.groups()) {
                add(out, budget, ingress(ns, app, group.tier()));
            }
            if (ns.egressIsolated()) {
                add(out, budget, egress(ns, app));
            }
        }
        List<GroupPlan> groups = new ArrayList<>();
        List<AppPlan> owners = new ArrayList<>();
        ns.apps()
                .forEach(a -> a.groups().forEach(g -> {
                    groups.add(g);
                    owners.add(a);
                }));
        for (int n = 0; out.size() < budget && !groups.isEmpty(); n++) {
            int i = n % groups.size();
            add(out, budget, extra(owners.get(i), groups.get(i).tier(), n / groups.size() + 1));
        }
        return out;
    }

    private static void add(List<Policy> out, int budget, Policy policy) {
        if (out.size() < budget) {
            out.add(policy);
        }
    }

    private static Policy ingress(NamespacePlan ns, AppPlan app, Tier tier) {
        String name = "allow-" + app.name() + "-" + tier.label();
        Sel target = Sel.labels("app", app.name(), "tier", tier.label());
        Sel sameApp = Sel.labels("app", app.name());
        List<Rule> rules = new ArrayList<>();
        List<String> types = List.of("Ingress");
        switch (tier) {
            case FRONTEND ->
                rules.add(new Rule(List.of(Peer.block("0.0.0.0/0", PRIVATE)), List.of(PortSpec.named("http"))));
            case API -> {
                List<Peer> peers = new ArrayList<>();
                peers.add(Peer.pods(Sel.labels("app", app.name(), "tier", "frontend")));
                if (app.crossNamespaceClients()) {
                    peers.add(Peer.in(
                            Sel.labels("team", ns.team()).and("env", "In", ns.env()),
                            Sel.ALL.and("tier", "In", "frontend", "api")));
                }
                rules.add(new Rule(peers, List.of(PortSpec.named("http"), PortSpec.named("grpc"))));
            }
            case BACKEND ->
                rules.add(new Rule(
                        List.of(Peer.pods(sameApp.and("tier", "In", "api", "worker"))),
                        List.of(PortSpec.named("grpc"), PortSpec.of("UDP", 8125))));
            case WORKER ->
                rules.add(new Rule(
                        List.of(Peer.pods(Sel.labels("app", app.name(), "tier", "api"))),
                        List.of(new PortSpec("TCP", 30000, 30100))));
            case CACHE ->
                rules.add(new Rule(
                        List.of(Peer.pods(sameApp.and("tier", "NotIn", "db", "cache"))),
                        List.of(PortSpec.of(null, 6379))));
            case DB -> {
                rules.add(new Rule(
                        List.of(Peer.pods(sameApp.and("tier", "In", "api", "backend", "worker")
                                .and("version", "Exists"))),
                        List.of(PortSpec.of("TCP", app.postgres() ? 5432 : 3306))));
                types = List.of("Ingress", "Egress");
            }
            case QUEUE -> {
                rules.add(new Rule(List.of(Peer.pods(sameApp)), List.of(PortSpec.named("amqp"))));
                rules.add(new Rule(
                        List.of(Peer.block("10.0.0.0/8", List.of("10.96.0.0/12"))),
                        List.of(PortSpec.of("TCP", 15672))));
            }
            case AGENT ->
                rules.add(new Rule(
                        List.of(Peer.block("10.0.0.0/8", List.of())), List.of(new PortSpec("UDP", "syslog", 0))));
            default -> throw new AssertionError(tier);
        }
        return new Policy(name, target, types, rules, types.contains("Egress") ? List.of() : null);
    }

    private static Policy egress(NamespacePlan ns, AppPlan app) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(List.of(Peer.pods(Sel.labels("app", app.name()))), List.of()));
        rules.add(new Rule(
                List.of(Peer.block("0.0.0.0/0", List.of("10.0.0.0/8", "169.254.169.254/32"))),
                List.of(PortSpec.of("TCP", 443))));
        if (app.has(Tier.API) || app.has(Tier.WORKER)) {
            rules.add(new Rule(
                    List.of(Peer.in(Sel.labels("team", ns.team()), Sel.ALL.and("tier", "In", "api"))),
                    List.of(PortSpec.named("http"), PortSpec.named("grpc"))));
        }
        return new Policy("egress-" + app.name(), Sel.labels("app", app.name()), List.of("Egress"), null, rules);
    }

    private static Policy extra(AppPlan app, Tier tier, int n) {
        String name = "allow-" + app.name() + "-" + tier.label() + "-ops-" + n;
        Rule rule = new Rule(
                List.of(
                        Peer.pods(Sel.labels("app", app.name(), "tier", "worker")),
                        Peer.in(
                                Sel.labels("kubernetes.io/metadata.name", "monitoring")
                                        .and("team", "Exists"),
                                Sel.labels("app", "grafana"))),
                List.of(new PortSpec("TCP", 8000 + 100 * (n % 10), 8099 + 100 * (n % 10))));
        return new Policy(
                name, Sel.labels("app", app.name(), "tier", tier.label()), List.of("Ingress"), List.of(rule), null);
    }
}
