package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Workload;
import org.junit.jupiter.api.Test;

/** AdminNetworkPolicy and BaselineAdminNetworkPolicy tiers around the NetworkPolicies. */
class AdminPolicyConnectivityTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {team: red}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b, labels: {team: blue}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: a, labels: {app: web}}
            spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080, protocol: UDP}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: b, labels: {app: db}}
            spec: {containers: [{name: c, ports: [{name: http, containerPort: 9090}]}]}
            """;

    private static ConnectivityAnalysis analyse(String policies) {
        LoadResult r = new ManifestLoader().loadString(PODS + "---\n" + policies, "p.yaml");
        assertThat(r.errors()).isEmpty();
        return ConnectivityAnalysis.of(r.cluster());
    }

    private static Endpoint ep(ConnectivityAnalysis a, String ref) {
        return EndpointRef.resolve(a.cluster(), ref);
    }

    private static ConnectionSet allowed(ConnectivityAnalysis a, String from, String to) {
        return a.allowed(ep(a, from), ep(a, to));
    }

    private static String anp(String name, int priority, String subject, String egress) {
        return """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: %s}
                spec:
                  priority: %d
                  subject: %s
                  egress:
                %s
                ---
                """.formatted(name, priority, subject, egress.indent(2).stripTrailing());
    }

    @Test
    void lowerPriorityNumberWinsAndRulesAreFirstMatch() {
        ConnectivityAnalysis a = analyse(anp("deny-all", 20, "{namespaces: {}}", """
                - {action: Deny, to: [{namespaces: {}}]}""")
                + anp("allow-db", 10, "{namespaces: {matchLabels: {team: red}}}", """
                - {action: Allow, to: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}],
                   ports: [{portNumber: {protocol: TCP, port: 5432}}]}
                - {action: Deny, to: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 5432}}]}"""));
        assertThat(allowed(a, "a/web", "b/db")).hasToString("TCP 5432");
        assertThat(allowed(a, "b/db", "a/web").isEmpty()).isTrue();
        // networks are not namespaces: outside addresses stay open
        assertThat(allowed(a, "a/web", "8.8.8.8").isAll()).isTrue();
        assertThat(a.problems()).isEmpty();
    }

    @Test
    void passGoesToTheNetworkPoliciesOrElseToTheBaseline() {
        String np = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-in, namespace: b}
                spec:
                  podSelector: {}
                  ingress: [{ports: [{port: 80}]}]
                ---
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: default}
                spec:
                  subject: {namespaces: {}}
                  ingress:
                  - {action: Deny, from: [{namespaces: {}}], ports: [{portRange: {protocol: TCP, start: 1, end: 1000}}]}
                ---
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: pass}
                spec:
                  priority: 1
                  subject: {namespaces: {}}
                  ingress:
                  - {action: Pass, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 80}}, {portNumber: {protocol: TCP, port: 81}}]}
                  - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 81}}, {portNumber: {protocol: TCP, port: 82}}]}
                """;
        ConnectivityAnalysis a = analyse(np);
        // b/db is isolated by db-in: passed 80 and 81 meet the NetworkPolicy (80 only); 82 is allowed by the ANP
        assertThat(allowed(a, "a/web", "b/db")).hasToString("TCP 80,82");
        // a/web has no NetworkPolicy: passed ports go to the baseline, which denies TCP 1-1000 but not 82 (ANP allows)
        assertThat(allowed(a, "b/db", "a/web"))
                .isEqualTo(ConnectionSet.all()
                        .minus(ConnectionSet.of(TCP, 1, 1000))
                        .union(ConnectionSet.single(TCP, 82)));
        Explanation e = a.explain(ep(a, "b/db"), ep(a, "a/web"));
        assertThat(e.partFor(TCP, 80).orElseThrow().reasons())
                .containsExactly(
                        "ingress: passed to the next tier by AdminNetworkPolicy pass (priority 1) ingress rule 1: Pass (p.yaml:41)",
                        "ingress: denied by BaselineAdminNetworkPolicy default ingress rule 1: Deny (p.yaml:32)");
        assertThat(e.partFor(TCP, 82).orElseThrow().tierRules())
                .extracting(Object::toString)
                .containsExactly("AdminNetworkPolicy pass (priority 1) ingress rule 2: Allow (p.yaml:42)");
        Explanation toDb = a.explain(ep(a, "a/web"), ep(a, "b/db"));
        // passed to the NetworkPolicy tier, whose end denies 81: the tier default names the isolating policy, and
        // only that tier's rules are reasons (the Admin tier's rules were passed, not missed)
        assertThat(toDb.partFor(TCP, 81).orElseThrow().evidence())
                .extracting(Evidence::kind)
                .containsExactly("passed-to-next-tier", "tier-default", "port-not-listed");
        assertThat(toDb.partFor(TCP, 81).orElseThrow().reasons())
                .startsWith("ingress: passed to the next tier by "
                        + "AdminNetworkPolicy pass (priority 1) ingress rule 1: Pass (p.yaml:41)");
        assertThat(a.adminPoliciesSelecting(workload(a, "b/db")))
                .extracting(p -> p.name())
                .containsExactly("pass", "default");
    }

    @Test
    void namedPortsTakeTheProtocolOfTheDestinationsContainerPort() {
        ConnectivityAnalysis a = analyse(anp("named", 5, "{namespaces: {}}", """
                - {action: Allow, to: [{namespaces: {}}], ports: [{namedPort: http}]}
                - {action: Deny, to: [{namespaces: {}}]}"""));
        assertThat(allowed(a, "a/web", "b/db")).hasToString("TCP 9090");
        assertThat(allowed(a, "b/db", "a/web")).hasToString("UDP 8080");
        assertThat(allowed(a, "b/db", "a/web").contains(UDP, 8080)).isTrue();
    }

    @Test
    void networksCutTheDestinationsAndUndecidablePeersAreReported() {
        ConnectivityAnalysis a =
                analyse(anp("nets", 5, "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}", """
                - {action: Deny, to: [{networks: [10.0.0.0/8, "2001:db8::/32"]}, {nodes: {matchLabels: {zone: north}}}]}"""));
        assertThat(a.externalDestinations())
                .extracting(Endpoint::id)
                .containsExactly(
                        "0.0.0.0-9.255.255.255[External]",
                        "10.0.0.0-10.255.255.255[External]",
                        "11.0.0.0-255.255.255.255[External]");
        assertThat(allowed(a, "a/web", "10.1.2.3").isEmpty()).isTrue();
        assertThat(allowed(a, "a/web", "11.1.2.3").isAll()).isTrue();
        assertThat(allowed(a, "b/db", "10.1.2.3").isAll()).isTrue();
        assertThat(allowed(a, "a/web", "b/db").isAll()).isTrue();
        assertThat(a.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "p.yaml:26: warning: AdminNetworkPolicy nets: IPv6 network 2001:db8::/32 is ignored",
                        "p.yaml:26: warning: nets[AdminNetworkPolicy] egress rule 1 (p.yaml:26): peer networks [10.0.0.0/8, "
                                + "2001:db8::/32] cannot be decided for 2 workload(s) whose pod IPs or Node the input does not "
                                + "carry (a/web[Pod], b/db[Pod]): they are treated as not matching; give the cluster's pod"
                                + " ranges (podCIDRs: in .netspec.yaml, or --pod-cidr) to decide it");
    }

    @Test
    void equalPrioritiesAreAnErrorAndInputOrderDecides() {
        ConnectivityAnalysis a =
                analyse(anp("first", 7, "{namespaces: {}}", """
                - {action: Deny, to: [{namespaces: {}}]}""") + anp("second", 7, "{namespaces: {}}", """
                - {action: Allow, to: [{namespaces: {}}]}"""));
        assertThat(allowed(a, "a/web", "b/db").isEmpty()).isTrue();
        assertThat(a.problems()).hasSize(1);
        assertThat(a.problems().get(0).isError()).isTrue();
        assertThat(a.problems().get(0).message()).contains("first", "second", "priority 7");
    }

    private static Workload workload(ConnectivityAnalysis a, String ref) {
        return ((Endpoint.OfWorkload) ep(a, ref)).workload();
    }
}
