package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.Facts.cluster;
import static io.netspec.engine.connectivity.Facts.namespace;
import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.pods;
import static io.netspec.engine.connectivity.Facts.policy;
import static io.netspec.engine.connectivity.Facts.tcp;
import static io.netspec.engine.connectivity.LoadedClusters.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The diff that compares only the rows and columns a change can affect ({@link ChangeScope}) gives
 * exactly the full comparison's result, on random clusters with random edits: policies added,
 * deleted, a rule or a selector changed, namespace and pod labels changed, workloads added and
 * removed, admin policies added and removed; and for Calico and Cilium clusters, documents dropped,
 * replaced and added.
 */
class ScopedReachDiffTest {

    /** Scoped whatever the scope's size: the property is about the scoped path. */
    private static final double ALWAYS = 2.0;

    @Property(tries = 300)
    void scopedEqualsFullUnderRandomEdits(@ForAll long seed) {
        Random random = new Random(seed);
        RandomClusters clusters = new RandomClusters(seed);
        Cluster older = clusters.next();
        Cluster newer = older;
        List<String> edits = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            newer = edit(newer, clusters.next(), random, edits);
        }
        assertSame(ConnectivityAnalysis.of(older), ConnectivityAnalysis.of(newer), seed + " " + edits);
    }

    @Property(tries = 100)
    void scopedEqualsFullOnCalicoClusters(@ForAll long seed) {
        Random random = new Random(seed);
        String older = RandomCalicoClusters.cluster(random);
        String newer = editDocuments(older, RandomCalicoClusters.cluster(random), random);
        assertSame(
                ConnectivityAnalysis.of(load(older)),
                ConnectivityAnalysis.of(load(newer)),
                seed + "\n" + older + "\n=== new\n" + newer);
    }

    @Property(tries = 100)
    void scopedEqualsFullOnCiliumClusters(@ForAll long seed) {
        Random random = new Random(seed);
        RandomCiliumClusters clusters = new RandomCiliumClusters(seed);
        String older = clusters.next();
        String newer = editDocuments(older, clusters.next(), random);
        assertSame(
                ConnectivityAnalysis.of(load(older), ConnectivityAnalysis.CILIUM_COMPILERS),
                ConnectivityAnalysis.of(load(newer), ConnectivityAnalysis.CILIUM_COMPILERS),
                seed + "\n" + older + "\n=== new\n" + newer);
    }

    @Test
    void aChangedPolicyScopesOnlyTheWorkloadsItSelects() {
        NamespaceFact shop = namespace("shop", "team=shop");
        NamespaceFact blog = namespace("blog", "team=blog");
        List<Workload> workloads = List.of(
                pod("shop", "web", "app=web"),
                pod("shop", "db", "app=db"),
                pod("blog", "web", "app=web"),
                pod("blog", "db", "app=db"));
        PolicyFact blogDb = policy("blog", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        PolicyFact before = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        PolicyFact after = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432), tcp(5433))
                .build();
        ConnectivityAnalysis older =
                ConnectivityAnalysis.of(cluster(List.of(shop, blog), workloads, List.of(blogDb, before)));
        ConnectivityAnalysis newer =
                ConnectivityAnalysis.of(cluster(List.of(shop, blog), workloads, List.of(blogDb, after)));

        ChangeScope scope = ChangeScope.of(older, newer, ALWAYS).orElseThrow();

        assertThat(scope.rows()).isEmpty();
        assertThat(scope.columns()).containsExactly("shop/db[Pod]");
        assertThat(ReachDiff.of(older, newer).lines())
                .map(Object::toString)
                .containsExactly("+ shop/web[Pod] => shop/db[Pod] : TCP 5433");
        assertSame(older, newer, "one rule");
    }

    @Test
    void aNamespaceLabelChangeScopesItsWorkloadsBothWays() {
        List<Workload> workloads = List.of(pod("shop", "web", "app=web"), pod("blog", "web", "app=web"));
        List<PolicyFact> policies = List.of(policy("blog", "in", "")
                .ingress(List.of(Facts.namespaces("team=shop")), tcp(80))
                .build());
        ConnectivityAnalysis older = ConnectivityAnalysis.of(
                cluster(List.of(namespace("shop", "team=shop"), namespace("blog", "team=blog")), workloads, policies));
        ConnectivityAnalysis newer = ConnectivityAnalysis.of(
                cluster(List.of(namespace("shop", "team=other"), namespace("blog", "team=blog")), workloads, policies));

        ChangeScope scope = ChangeScope.of(older, newer, ALWAYS).orElseThrow();

        assertThat(scope.rows()).containsExactly("shop/web[Pod]");
        assertThat(scope.columns()).containsExactly("shop/web[Pod]");
        assertThat(ReachDiff.of(older, newer).lines())
                .map(Object::toString)
                .containsExactly("- shop/web[Pod] => blog/web[Pod] : TCP 80");
    }

    @Test
    void anotherPluginIsNotScoped() {
        Cluster a = cluster(List.of(namespace("shop", "team=shop")), List.of(pod("shop", "web", "app=web")), List.of());
        ConnectivityAnalysis older = ConnectivityAnalysis.of(a);
        ConnectivityAnalysis newer =
                ConnectivityAnalysis.of(a.withPlugin(io.netspec.engine.model.NetworkPlugin.CALICO));
        assertThat(ChangeScope.of(older, newer, ALWAYS)).isEmpty();
    }

    /** Four pods, a/web a/db b/web b/db, then {@code policies}. */
    private static String fourPods(String policies) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---\n");
        y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n---\n");
        for (String ns : List.of("a", "b")) {
            for (String app : List.of("web", "db")) {
                y.append("apiVersion: v1\nkind: Pod\nmetadata: {name: ")
                        .append(app)
                        .append(", namespace: ")
                        .append(ns)
                        .append(", labels: {app: ")
                        .append(app)
                        .append("}}\nspec:\n  serviceAccountName: ")
                        .append(app.equals("web") ? "sa1" : "default")
                        .append("\n  containers:\n  - name: c\n    ports: [{name: http, containerPort: 80}]\n---\n");
            }
        }
        return y + policies;
    }

    /**
     * A Calico GlobalNetworkPolicy selecting every pod, with value selectors in its rules' peers: db pods may
     * not send, namespace b may send anything, trusted service accounts may not reach web pods, port 80 is open.
     */
    private static final String CALICO_BASELINE = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: baseline}
            spec:
              order: 10
              selector: all()
              types: [Ingress, Egress]
              ingress:
              - action: Deny
                source:
                  selector: app == 'db'
                  notSelector: has(role)
              - action: Allow
                source:
                  namespaceSelector: team == 'b'
              - action: Deny
                source:
                  serviceAccounts: {selector: "trusted == 'yes'"}
                destination:
                  selector: app == 'web'
              - action: Allow
                protocol: TCP
                destination:
                  ports: [80]
              egress:
              - action: Allow
                destination:
                  namespaceSelector: all()
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa1, namespace: a, labels: {trusted: 'yes'}}
            ---
            """;

    private static String kubernetesDbPolicy(String ports) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-in, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                  - from:
                    - podSelector: {matchLabels: {app: web}}
                    ports: [%s]
                ---
                """.formatted(ports);
    }

    @Test
    void underAClusterWideCalicoPolicyAChangedPolicyScopesOnlyTheWorkloadsItSelects() {
        ConnectivityAnalysis older =
                ConnectivityAnalysis.of(load(fourPods(CALICO_BASELINE + kubernetesDbPolicy("{port: 5432}"))));
        ConnectivityAnalysis newer = ConnectivityAnalysis.of(
                load(fourPods(CALICO_BASELINE + kubernetesDbPolicy("{port: 5432}, {port: 5433}"))));

        // the baseline's selectors compiled twice compare equal: only a/db's ingress is in scope
        ChangeScope scope = ChangeScope.of(older, newer, ALWAYS).orElseThrow();

        assertThat(scope.rows()).isEmpty();
        assertThat(scope.columns()).containsExactly("a/db[Pod]");
        assertThat(ReachDiff.of(older, newer).lines()).isNotEmpty();
        assertSame(older, newer, "one Kubernetes rule under a GlobalNetworkPolicy");
    }

    /** Each of the baseline's selector fields, changed alone: the rules that read it are in scope, and the diff exact. */
    @Test
    void aChangedCalicoSelectorFieldIsInScope() {
        String older = fourPods(CALICO_BASELINE + kubernetesDbPolicy("{port: 5432}"));
        List<String[]> edits = List.of(
                new String[] {"notSelector: has(role)", "notSelector: app == 'db'"},
                new String[] {"selector: app == 'db'", "selector: app == 'web'"},
                new String[] {"namespaceSelector: team == 'b'", "namespaceSelector: team == 'a'"},
                new String[] {"{selector: \"trusted == 'yes'\"}", "{selector: \"trusted == 'no'\"}"},
                new String[] {"labels: {trusted: 'yes'}", "labels: {trusted: 'no'}"},
                new String[] {"selector: all()", "selector: app == 'web'"},
                new String[] {"namespaceSelector: all()", "namespaceSelector: team == 'b'"});
        for (String[] edit : edits) {
            assertThat(older).contains(edit[0]);
            String newer = older.replace(edit[0], edit[1]);
            ConnectivityAnalysis a = ConnectivityAnalysis.of(load(older));
            ConnectivityAnalysis b = ConnectivityAnalysis.of(load(newer));
            assertThat(ReachDiff.full(a, b).lines()).as(edit[1]).isNotEmpty();
            assertSame(a, b, edit[0] + " -> " + edit[1]);
        }
    }

    private static final String CILIUM_BASELINE = """
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: baseline}
            spec:
              endpointSelector: {}
              ingress:
              - fromEndpoints:
                - matchLabels: {app: db}
                - matchExpressions: [{key: 'k8s:io.kubernetes.pod.namespace', operator: NotIn, values: [a]}]
              egress:
              - toEndpoints:
                - matchExpressions: [{key: app, operator: In, values: [web, db]}]
            ---
            """;

    private static String ciliumDbPolicy(String ports) {
        return """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: db-in, namespace: a}
                spec:
                  endpointSelector: {matchLabels: {app: db}}
                  ingress:
                  - fromEndpoints:
                    - matchLabels: {app: web}
                    toPorts:
                    - ports: [%s]
                ---
                """.formatted(ports);
    }

    @Test
    void underAClusterWideCiliumPolicyAChangedPolicyScopesOnlyTheWorkloadsItSelects() {
        ConnectivityAnalysis older = ConnectivityAnalysis.of(
                load(fourPods(CILIUM_BASELINE + ciliumDbPolicy("{port: '5432', protocol: TCP}"))),
                ConnectivityAnalysis.CILIUM_COMPILERS);
        ConnectivityAnalysis newer = ConnectivityAnalysis.of(
                load(fourPods(CILIUM_BASELINE
                        + ciliumDbPolicy("{port: '5432', protocol: TCP}, {port: '5433', protocol: TCP}"))),
                ConnectivityAnalysis.CILIUM_COMPILERS);

        ChangeScope scope = ChangeScope.of(older, newer, ALWAYS).orElseThrow();

        assertThat(scope.rows()).isEmpty();
        assertThat(scope.columns()).containsExactly("a/db[Pod]");
        assertThat(ReachDiff.of(older, newer).lines()).isNotEmpty();
        assertSame(older, newer, "one Cilium rule under a clusterwide policy");
    }

    @Test
    void aChangedCiliumSelectorIsInScope() {
        String older = fourPods(CILIUM_BASELINE + ciliumDbPolicy("{port: '5432', protocol: TCP}"));
        List<String[]> edits = List.of(
                new String[] {
                    "matchLabels: {app: db}\n    - matchExpressions", "matchLabels: {app: web}\n    - matchExpressions"
                },
                // a NotIn namespace does not narrow the selector's necessary condition: only the selector tells
                new String[] {"NotIn, values: [a]", "NotIn, values: [b]"},
                new String[] {"values: [web, db]", "values: [web]"});
        for (String[] edit : edits) {
            assertThat(older).contains(edit[0]);
            String newer = older.replace(edit[0], edit[1]);
            ConnectivityAnalysis a = ConnectivityAnalysis.of(load(older), ConnectivityAnalysis.CILIUM_COMPILERS);
            ConnectivityAnalysis b = ConnectivityAnalysis.of(load(newer), ConnectivityAnalysis.CILIUM_COMPILERS);
            assertThat(ReachDiff.full(a, b).lines()).as(edit[1]).isNotEmpty();
            assertSame(a, b, edit[0] + " -> " + edit[1]);
        }
    }

    private static void assertSame(ConnectivityAnalysis older, ConnectivityAnalysis newer, String what) {
        Optional<ChangeScope> scope = ChangeScope.of(older, newer, ALWAYS);
        // a CNI's policies added or all dropped changes the plugin inferred: the full path, on purpose
        boolean samePlugin = older.cluster().plugin() == newer.cluster().plugin();
        assertThat(scope.isPresent()).as("a bounded scope: %s", what).isEqualTo(samePlugin);
        ReachDiff.Result full = ReachDiff.full(older, newer);
        ReachDiff.Result scoped = ReachDiff.of(older, newer, ALWAYS);
        assertThat(scoped.lines())
                .map(Object::toString)
                .as(what)
                .containsExactlyElementsOf(
                        full.lines().stream().map(Object::toString).toList());
        assertThat(scoped).as(what).isEqualTo(full);
    }

    /** One random edit of {@code c}, drawing new material from {@code other}. */
    private static Cluster edit(Cluster c, Cluster other, Random random, List<String> edits) {
        List<NamespaceFact> namespaces = new ArrayList<>(c.namespaces());
        List<Workload> workloads = new ArrayList<>(c.workloads());
        List<PolicyFact> policies = new ArrayList<>(c.policies());
        List<ClusterNetworkPolicyFact> admin = new ArrayList<>(c.adminPolicies());
        switch (random.nextInt(9)) {
            case 0 -> {
                if (!other.policies().isEmpty()) {
                    PolicyFact p = pick(other.policies(), random);
                    policies.add(random.nextInt(policies.size() + 1), renamed(p, p.name() + "-added"));
                    edits.add("add policy");
                }
            }
            case 1 -> {
                if (!policies.isEmpty()) {
                    policies.remove(random.nextInt(policies.size()));
                    edits.add("delete policy");
                }
            }
            case 2 ->
                replacePolicy(
                        policies,
                        other,
                        random,
                        edits,
                        "change rules",
                        (p, q) -> new PolicyFact(
                                p.namespace(),
                                p.name(),
                                p.podSelector(),
                                p.isolatesIngress(),
                                p.isolatesEgress(),
                                q.ingress(),
                                random.nextBoolean() ? q.egress() : p.egress(),
                                p.annotations(),
                                p.source()));
            case 3 ->
                replacePolicy(
                        policies,
                        other,
                        random,
                        edits,
                        "change selector",
                        (p, q) -> new PolicyFact(
                                p.namespace(),
                                p.name(),
                                q.podSelector(),
                                p.isolatesIngress(),
                                p.isolatesEgress(),
                                p.ingress(),
                                p.egress(),
                                p.annotations(),
                                p.source()));
            case 4 -> {
                if (!namespaces.isEmpty() && !other.namespaces().isEmpty()) {
                    int i = random.nextInt(namespaces.size());
                    NamespaceFact n = namespaces.get(i);
                    NamespaceFact labels = pick(other.namespaces(), random);
                    namespaces.set(
                            i, new NamespaceFact(n.name(), labels.labels(), n.annotations(), n.declared(), n.source()));
                    edits.add("namespace labels");
                }
            }
            case 5 -> {
                if (!workloads.isEmpty() && !other.workloads().isEmpty()) {
                    int i = random.nextInt(workloads.size());
                    Workload w = workloads.get(i);
                    Workload labels = pick(other.workloads(), random);
                    workloads.set(
                            i,
                            new Workload(
                                    w.kind(),
                                    w.objectKind(),
                                    w.namespace(),
                                    w.name(),
                                    labels.podLabels(),
                                    w.selector(),
                                    random.nextBoolean() ? labels.ports() : w.ports(),
                                    w.hostNetwork(),
                                    w.replicas(),
                                    w.serviceName(),
                                    w.annotations(),
                                    w.configValues(),
                                    w.configMapRefs(),
                                    w.source(),
                                    w.podIps(),
                                    w.nodeName(),
                                    w.serviceAccount(),
                                    w.images()));
                    edits.add("workload labels");
                }
            }
            case 6 -> {
                Workload w = other.workloads().isEmpty() ? null : pick(other.workloads(), random);
                // ids stay unique (a repeated id is not scoped, on purpose)
                if (w != null && workloads.stream().noneMatch(x -> x.id().equals(w.id().replace("[", "-added[")))) {
                    workloads.add(new Workload(
                            w.kind(),
                            w.objectKind(),
                            w.namespace(),
                            w.name() + "-added",
                            w.podLabels(),
                            w.selector(),
                            w.ports(),
                            w.hostNetwork(),
                            w.replicas(),
                            w.serviceName(),
                            w.annotations(),
                            w.configValues(),
                            w.configMapRefs(),
                            w.source(),
                            w.podIps(),
                            w.nodeName(),
                            w.serviceAccount(),
                            w.images()));
                    edits.add("add workload");
                }
                if (workloads.size() > 2 && random.nextBoolean()) {
                    workloads.remove(random.nextInt(workloads.size()));
                    edits.add("delete workload");
                }
            }
            case 7 -> {
                if (!admin.isEmpty() && random.nextBoolean()) {
                    admin.remove(random.nextInt(admin.size()));
                    edits.add("delete admin policy");
                } else if (!other.adminPolicies().isEmpty()) {
                    ClusterNetworkPolicyFact a = pick(other.adminPolicies(), random);
                    if (admin.stream()
                            .noneMatch(
                                    x -> x.name().equals(a.name()) && x.kind().equals(a.kind()))) {
                        admin.add(a);
                        edits.add("add admin policy");
                    }
                }
            }
            default -> {
                if (!policies.isEmpty()) {
                    int i = random.nextInt(policies.size());
                    PolicyFact p = policies.get(i);
                    // same rules, other source: nothing changes
                    policies.set(
                            i,
                            new PolicyFact(
                                    p.namespace(),
                                    p.name(),
                                    p.podSelector(),
                                    p.isolatesIngress(),
                                    p.isolatesEgress(),
                                    p.ingress(),
                                    p.egress(),
                                    p.annotations(),
                                    new SourceRef("moved.yaml", 7)));
                    edits.add("move policy");
                }
            }
        }
        return Cluster.builder()
                .namespaces(namespaces)
                .workloads(workloads)
                .policies(policies)
                .adminPolicies(admin)
                .build();
    }

    private interface Change {
        PolicyFact apply(PolicyFact p, PolicyFact from);
    }

    private static void replacePolicy(
            List<PolicyFact> policies, Cluster other, Random random, List<String> edits, String what, Change change) {
        if (policies.isEmpty() || other.policies().isEmpty()) {
            return;
        }
        int i = random.nextInt(policies.size());
        policies.set(i, change.apply(policies.get(i), pick(other.policies(), random)));
        edits.add(what);
    }

    private static PolicyFact renamed(PolicyFact p, String name) {
        return new PolicyFact(
                p.namespace(),
                name,
                p.podSelector(),
                p.isolatesIngress(),
                p.isolatesEgress(),
                p.ingress(),
                p.egress(),
                p.annotations(),
                p.source());
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    /**
     * NEW as OLD's documents with one to three edits: a document dropped (not a namespace), replaced by
     * the other cluster's document at that place (a changed policy when both are policies of one name),
     * or one of the other cluster's documents added under a new name.
     */
    private static String editDocuments(String older, String other, Random random) {
        List<String> docs = new ArrayList<>(documents(older));
        List<String> material = documents(other);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(docs.size());
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (!docs.get(at).contains("kind: Namespace")) {
                        docs.remove(at);
                    }
                }
                case 1 -> {
                    if (at < material.size()
                            && !material.get(at).contains("kind: Namespace")
                            && !docs.get(at).contains("kind: Namespace")) {
                        docs.set(at, material.get(at));
                    }
                }
                default -> {
                    String doc = pick(material, random);
                    if (!doc.contains("kind: Namespace")
                            && !doc.contains("kind: ServiceAccount")
                            && !doc.contains("kind: Tier")) {
                        docs.add(doc.replaceAll("name: (\\w+)", "name: $1x" + i));
                    }
                }
            }
        }
        // a replaced or added document may repeat a name: keep the first of each
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String d : docs) {
            String key = identity(d);
            if (!names.contains(key)) {
                names.add(key);
                out.add(d);
            }
        }
        return String.join("---\n", out) + "---\n";
    }

    private static String identity(String doc) {
        Function<String, String> line = prefix ->
                doc.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
        return line.apply("kind:") + "|" + line.apply("metadata") + "|" + line.apply("  name:") + "|"
                + line.apply("  namespace:");
    }

    private static List<String> documents(String yaml) {
        List<String> out = new ArrayList<>();
        for (String d : yaml.split("---\n")) {
            if (!d.isBlank()) {
                out.add(d);
            }
        }
        return out;
    }
}
