package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.Facts.anyPort;
import static io.netspec.engine.connectivity.Facts.cluster;
import static io.netspec.engine.connectivity.Facts.ep;
import static io.netspec.engine.connectivity.Facts.ext;
import static io.netspec.engine.connectivity.Facts.ipBlock;
import static io.netspec.engine.connectivity.Facts.named;
import static io.netspec.engine.connectivity.Facts.namespace;
import static io.netspec.engine.connectivity.Facts.namespaces;
import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.pods;
import static io.netspec.engine.connectivity.Facts.podsInNamespaces;
import static io.netspec.engine.connectivity.Facts.policy;
import static io.netspec.engine.connectivity.Facts.port;
import static io.netspec.engine.connectivity.Facts.range;
import static io.netspec.engine.connectivity.Facts.tcp;
import static io.netspec.engine.model.Protocol.SCTP;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ConnectivityAnalysisTest {

    private final NamespaceFact shop = namespace("shop", "team=shop");
    private final NamespaceFact ops = namespace("ops", "team=ops");
    private final Workload web = pod("shop", "web", "app=web", Facts.port("http", 8080, TCP));
    private final Workload db = pod("shop", "db", "app=db", Facts.port("pg", 5432, TCP), Facts.port("dns", 53, UDP));
    private final Workload mon = pod("ops", "mon", "app=mon");

    private ConnectivityAnalysis analyse(PolicyFact... policies) {
        return ConnectivityAnalysis.of(cluster(List.of(shop, ops), List.of(web, db, mon), List.of(policies)));
    }

    @Test
    void noPoliciesAllowsEverything() {
        ConnectivityAnalysis a = analyse();
        assertThat(a.allowed(web, db).isAll()).isTrue();
        assertThat(a.allowed(ep(web), Endpoint.External.INTERNET).isAll()).isTrue();
        assertThat(a.allowed(Endpoint.External.INTERNET, ep(db)).isAll()).isTrue();
        assertThat(a.isIsolated(db, Direction.INGRESS)).isFalse();
        assertThat(a.reach().map(Object::toString))
                .containsExactly(
                        "0.0.0.0-255.255.255.255[External] => ops/mon[Pod] : All Connections",
                        "0.0.0.0-255.255.255.255[External] => shop/db[Pod] : All Connections",
                        "0.0.0.0-255.255.255.255[External] => shop/web[Pod] : All Connections",
                        "ops/mon[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections",
                        "ops/mon[Pod] => shop/db[Pod] : All Connections",
                        "ops/mon[Pod] => shop/web[Pod] : All Connections",
                        "shop/db[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections",
                        "shop/db[Pod] => ops/mon[Pod] : All Connections",
                        "shop/db[Pod] => shop/web[Pod] : All Connections",
                        "shop/web[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections",
                        "shop/web[Pod] => ops/mon[Pod] : All Connections",
                        "shop/web[Pod] => shop/db[Pod] : All Connections");
    }

    @Test
    void isolatingPolicyWithoutRulesAllowsNothing() {
        PolicyFact deny = policy("shop", "deny", "").build();
        ConnectivityAnalysis a = analyse(deny);
        assertThat(a.isIsolated(db, Direction.INGRESS)).isTrue();
        assertThat(a.isIsolated(db, Direction.EGRESS)).isFalse();
        assertThat(a.isIsolated(mon, Direction.INGRESS)).isFalse();
        assertThat(a.policiesSelecting(web, Direction.INGRESS)).containsExactly(deny);
        assertThat(a.policiesSelecting(web, Direction.EGRESS)).isEmpty();
        assertThat(a.allowed(web, db).isEmpty()).isTrue();
        assertThat(a.allowed(mon, db).isEmpty()).isTrue();
        assertThat(a.allowed(db, mon).isAll()).isTrue();
        assertThat(a.allowed(Endpoint.External.INTERNET, ep(db)).isEmpty()).isTrue();
    }

    @Test
    void podSelectorPeerIsThePolicyNamespaceOnly() {
        Workload opsWeb = pod("ops", "web", "app=web");
        PolicyFact p = policy("shop", "db-from-web", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        ConnectivityAnalysis a =
                ConnectivityAnalysis.of(cluster(List.of(shop, ops), List.of(web, db, opsWeb), List.of(p)));
        assertThat(a.allowed(web, db)).hasToString("TCP 5432");
        assertThat(a.allowed(opsWeb, db).isEmpty()).isTrue();
    }

    @Test
    void namespaceSelectorAloneAdmitsAllPodsOfMatchingNamespaces() {
        PolicyFact p = policy("shop", "db-from-ops", "app=db")
                .ingress(List.of(namespaces("team=ops")))
                .build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.allowed(mon, db).isAll()).isTrue();
        assertThat(a.allowed(web, db).isEmpty()).isTrue();
    }

    @Test
    void namespaceAndPodSelectorTogetherAreAnAnd() {
        Workload opsOther = pod("ops", "other", "app=other");
        PolicyFact p = policy("shop", "db", "app=db")
                .ingress(List.of(podsInNamespaces("app=mon", "team=ops")))
                .build();
        ConnectivityAnalysis a =
                ConnectivityAnalysis.of(cluster(List.of(shop, ops), List.of(web, db, mon, opsOther), List.of(p)));
        assertThat(a.allowed(mon, db).isAll()).isTrue();
        assertThat(a.allowed(opsOther, db).isEmpty()).isTrue();
        assertThat(a.allowed(web, db).isEmpty()).isTrue();
    }

    @Test
    void implicitNamespacesCarryTheirNameLabel() {
        Workload stray = pod("undeclared", "x", "app=x");
        PolicyFact p = policy("shop", "db", "app=db")
                .ingress(List.of(namespaces(NamespaceFact.NAME_LABEL + "=undeclared")))
                .build();
        ConnectivityAnalysis a = ConnectivityAnalysis.of(cluster(List.of(shop), List.of(db, stray), List.of(p)));
        assertThat(a.allowed(stray, db).isAll()).isTrue();
    }

    @Test
    void egressAndIngressMustBothAllow() {
        PolicyFact webOut = policy("shop", "web-out", "app=web")
                .egress(List.of(pods("app=db")), tcp(5432), tcp(6000))
                .build();
        PolicyFact dbIn = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), range(TCP, 5000, 5432))
                .build();
        ConnectivityAnalysis a = analyse(webOut, dbIn);
        assertThat(a.allowed(web, db)).hasToString("TCP 5432");
        assertThat(a.allowed(web, mon).isEmpty()).isTrue();
        assertThat(a.allowed(ep(web), Endpoint.External.INTERNET).isEmpty()).isTrue();
        assertThat(a.isIsolated(web, Direction.EGRESS)).isTrue();
        assertThat(a.isIsolated(web, Direction.INGRESS)).isTrue();
    }

    @Test
    void egressOnlyPolicyTypeDoesNotIsolateIngress() {
        PolicyFact p = policy("shop", "egress-only", "").types(false, true).build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.isIsolated(db, Direction.INGRESS)).isFalse();
        assertThat(a.allowed(mon, db).isAll()).isTrue();
        assertThat(a.allowed(db, mon).isEmpty()).isTrue();
    }

    @Test
    void unionOverPoliciesAndRules() {
        PolicyFact a1 = policy("shop", "a1", "app=db")
                .ingress(List.of(pods("app=web")), tcp(1))
                .build();
        PolicyFact a2 = policy("shop", "a2", "")
                .ingress(List.of(pods("app=web")), port(UDP, 53))
                .ingress(List.of(), port(SCTP, 9))
                .build();
        ConnectivityAnalysis a = analyse(a1, a2);
        assertThat(a.allowed(web, db)).hasToString("SCTP 9,TCP 1,UDP 53");
        assertThat(a.allowed(mon, db)).hasToString("SCTP 9");
        assertThat(a.policiesSelecting(db, Direction.INGRESS)).containsExactly(a1, a2);
    }

    @Test
    void ruleWithoutPortsAllowsAllProtocolsAndProtocolOnlyEntryAllPortsOfIt() {
        PolicyFact p = policy("shop", "p", "app=db")
                .ingress(List.of(pods("app=web")))
                .ingress(List.of(namespaces("team=ops")), anyPort(UDP))
                .build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.allowed(web, db).isAll()).isTrue();
        assertThat(a.allowed(mon, db)).hasToString("UDP 1-65535");
    }

    @Test
    void namedPortsResolveOnTheDestinationByNameAndProtocol() {
        PolicyFact in = policy("shop", "in", "app=db")
                .ingress(List.of(), named(TCP, "pg"), named(TCP, "dns"))
                .build();
        PolicyFact out = policy("shop", "out", "app=web")
                .egress(List.of(), named(UDP, "dns"), named(TCP, "http"))
                .build();
        ConnectivityAnalysis a = analyse(in, out);
        // dns is UDP on db, so the TCP entry does not resolve
        assertThat(a.allowed(mon, db)).hasToString("TCP 5432");
        // egress named ports resolve on the destination: db has dns/UDP, not http
        assertThat(a.allowed(web, db).isEmpty()).isTrue();
        assertThat(a.allowed(web, mon).isEmpty()).isTrue();
        assertThat(a.allowed(ep(web), Endpoint.External.INTERNET).isEmpty()).isTrue();
        assertThat(a.unresolvedNamedPorts(in))
                .extracting(Object::toString)
                .containsExactly(
                        "shop/in[NetworkPolicy] ingress rule 1: named port 'dns'/TCP not found on shop/db[Pod]");
        assertThat(a.unresolvedNamedPorts(out))
                .extracting(u -> u.port().port().name() + "@" + u.destination().name())
                .containsExactlyInAnyOrder("dns@mon", "dns@web", "http@db", "http@mon");
    }

    @Test
    void endPortMakesAnInclusiveRange() {
        PolicyFact p = policy("shop", "p", "app=db")
                .ingress(List.of(), range(TCP, 8000, 8080), range(UDP, 53, 0))
                .build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.allowed(web, db)).hasToString("TCP 8000-8080,UDP 53");
        assertThat(a.allowed(web, db).contains(TCP, 8080)).isTrue();
        assertThat(a.allowed(web, db).contains(TCP, 8081)).isFalse();
    }

    @Test
    void ipBlocksNeverMatchWorkloadsAndCutTheAddressSpace() {
        PolicyFact in = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/8", "10.1.0.0/16")), tcp(443))
                .build();
        PolicyFact out = policy("shop", "out", "app=web")
                .egress(List.of(ipBlock("192.168.0.0/24")), port(UDP, 53))
                .build();
        ConnectivityAnalysis a = analyse(in, out);
        assertThat(a.allowed(web, db).isEmpty()).isTrue();
        assertThat(a.externalSources())
                .extracting(Endpoint::id)
                .containsExactly(
                        "0.0.0.0-9.255.255.255[External]",
                        "10.0.0.0-10.0.255.255[External]",
                        "10.1.0.0-10.1.255.255[External]",
                        "10.2.0.0-10.255.255.255[External]",
                        "11.0.0.0-255.255.255.255[External]");
        assertThat(a.externalDestinations())
                .extracting(Endpoint::id)
                .containsExactly(
                        "0.0.0.0-192.167.255.255[External]",
                        "192.168.0.0-192.168.0.255[External]",
                        "192.168.1.0-255.255.255.255[External]");
        assertThat(a.allowed(ext("10.0.0.1", "10.0.0.1"), ep(db))).hasToString("TCP 443");
        assertThat(a.allowed(ext("10.1.0.1", "10.1.0.1"), ep(db)).isEmpty()).isTrue();
        // a range spanning the except gets what every address in it may do
        assertThat(a.allowed(ext("10.0.0.0", "10.255.255.255"), ep(db)).isEmpty())
                .isTrue();
        assertThat(a.allowed(ext("10.2.0.0", "10.255.255.255"), ep(db))).hasToString("TCP 443");
        assertThat(a.allowed(ep(web), ext("192.168.0.7", "192.168.0.7"))).hasToString("UDP 53");
        assertThat(a.allowed(ep(web), ext("8.8.8.8", "8.8.8.8")).isEmpty()).isTrue();
        // external sources are only limited by the destination's ingress
        assertThat(a.allowed(ext("8.8.8.8", "8.8.8.8"), ep(mon)).isAll()).isTrue();
        assertThat(a.allowed(Endpoint.External.INTERNET, Endpoint.External.INTERNET)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void ipv6BlocksAreIgnored() {
        PolicyFact in = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("fd00::/8")), tcp(1))
                .build();
        ConnectivityAnalysis a = analyse(in);
        assertThat(a.externalSources()).containsExactly(Endpoint.External.INTERNET);
        assertThat(a.allowed(Endpoint.External.INTERNET, ep(db)).isEmpty()).isTrue();
    }

    @Test
    void reachIsSortedWithoutSelfLoopsOrExternalPairs() {
        Workload replicaA = pod("shop", "a", "app=a");
        Workload replicaB = pod("shop", "b", "app=a");
        PolicyFact p = policy("shop", "p", "app=a")
                .ingress(List.of(pods("app=a")), tcp(80))
                .egress(List.of(pods("app=a")))
                .build();
        ConnectivityAnalysis a =
                ConnectivityAnalysis.of(cluster(List.of(shop), List.of(replicaB, replicaA), List.of(p)));
        assertThat(a.workloadClassCount()).isEqualTo(1);
        assertThat(a.reach().map(Object::toString))
                .containsExactly("shop/a[Pod] => shop/b[Pod] : TCP 80", "shop/b[Pod] => shop/a[Pod] : TCP 80");
    }

    @Test
    void workloadsOfOneClassShareResults() {
        Workload w1 = pod("shop", "w1", "app=web", Facts.port("http", 80, TCP));
        Workload w2 = pod("shop", "w2", "app=web", Facts.port("http", 80, TCP), Facts.port("", 9, UDP));
        Workload w3 = pod("shop", "w3", "app=web", Facts.port("http", 81, TCP));
        ConnectivityAnalysis a = ConnectivityAnalysis.of(cluster(List.of(shop), List.of(w1, w2, w3), List.of()));
        assertThat(a.workloadClassCount()).isEqualTo(2);
    }

    @Test
    void unknownWorkloadIsAClearError() {
        ConnectivityAnalysis a = analyse();
        Workload other = pod("elsewhere", "x", "");
        Assertions.assertThatThrownBy(() -> a.allowed(other, db))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elsewhere/x[Pod]");
    }

    @Test
    void clusterAccessorAndSelection() {
        PolicyFact p =
                policy("shop", "p", "app=db").ingress(List.of(pods("app=web"))).build();
        Cluster c = cluster(List.of(shop, ops), List.of(web, db, mon), List.of(p));
        ConnectivityAnalysis a = ConnectivityAnalysis.of(c);
        assertThat(a.cluster()).isSameAs(c);
        assertThat(a.selectedWorkloads(p)).containsExactly(db);
        assertThat(a.peerWorkloads(p, p.ingress().get(0))).containsExactly(web);
        assertThat(a.policiesSelecting(db)).containsExactly(p);
        assertThat(a.endpoints())
                .extracting(Endpoint::id)
                .containsExactly("ops/mon[Pod]", "shop/db[Pod]", "shop/web[Pod]", "0.0.0.0-255.255.255.255[External]");
    }
}
