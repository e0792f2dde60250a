package io.netspec.engine.connectivity;

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
import static io.netspec.engine.connectivity.Facts.tcp;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private final NamespaceFact shop = namespace("shop", "");
    private final Workload web = pod("shop", "web", "app=web");
    private final Workload db = pod("shop", "db", "app=db", Facts.port("pg", 5432, TCP));
    private final Workload batch = pod("shop", "batch", "app=batch");

    private ConnectivityAnalysis analyse(PolicyFact... policies) {
        return ConnectivityAnalysis.of(cluster(List.of(shop), List.of(web, db, batch), List.of(policies)));
    }

    @Test
    void allowedPartNamesTheRulesAndTheOpenSide() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), named(TCP, "pg"))
                .build();
        Explanation e = analyse(p).explain(ep(web), ep(db));
        assertThat(e.allowed()).hasToString("TCP 5432");
        assertThat(e.egress().isolated()).isFalse();
        assertThat(e.ingress().isolated()).isTrue();
        assertThat(e.ingress().isolatingPolicies()).containsExactly(p);
        Explanation.Part allowed = e.partFor(TCP, 5432).orElseThrow();
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.connections()).hasToString("TCP 5432");
        assertThat(allowed.ingressRules())
                .extracting(Object::toString)
                .containsExactly("shop/db-in ingress rule 1 (np.yaml:10)");
        assertThat(allowed.egressRules()).isEmpty();
        Explanation.Part denied = e.partFor(TCP, 80).orElseThrow();
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.deniedBy()).containsExactly(Direction.INGRESS);
        assertThat(denied.connections()).isEqualTo(ConnectionSet.all().minus(ConnectionSet.single(TCP, 5432)));
        assertThat(e.render()).isEqualTo("""
                shop/web[Pod] => shop/db[Pod]: partly allowed (TCP 5432)
                  allowed TCP 5432
                    egress: shop/web[Pod] is not isolated for egress
                    ingress: allowed by shop/db-in ingress rule 1 (np.yaml:10)
                  denied SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535,ICMP,IP
                    ingress: shop/db[Pod] is isolated for ingress by shop/db-in (np.yaml:1)
                      shop/db-in ingress rule 1 (np.yaml:10): ports [pg/TCP] (on this destination: TCP 5432) do not include SCTP 1-65535,TCP 1-5431,5433-65535,UDP 1-65535,ICMP,IP
                """);
    }

    @Test
    void renderForOnePortShowsThatPartOnly() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.explain(ep(web), ep(db)).renderFor(TCP, 5432)).isEqualTo("""
                shop/web[Pod] => shop/db[Pod] on 5432/TCP: allowed
                  egress: shop/web[Pod] is not isolated for egress
                  ingress: allowed by shop/db-in ingress rule 1 (np.yaml:10)
                """);
        assertThat(a.explain(ep(web), ep(db)).renderFor(UDP, 5432))
                .startsWith("shop/web[Pod] => shop/db[Pod] on 5432/UDP: denied\n");
    }

    @Test
    void rulesAreNumberedFromOneInTextAndIndexedFromZeroInTheRecord() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=batch")), tcp(1))
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        Explanation.RuleRef second = analyse(p)
                .explain(ep(web), ep(db))
                .partFor(TCP, 5432)
                .orElseThrow()
                .ingressRules()
                .get(0);
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second).hasToString("shop/db-in ingress rule 2 (np.yaml:11)");
    }

    @Test
    void aFocusedPortIsExplainedInWordsAboutThatPort() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), named(TCP, "dns"))
                .build();
        ConnectivityAnalysis a = analyse(p);
        assertThat(a.explain(ep(web), ep(db)).renderFor(UDP, 53)).contains("do not include All Connections");
        Explanation focused = a.explain(ep(web), ep(db), ConnectionSet.single(UDP, 53));
        assertThat(focused.renderFor(UDP, 53)).isEqualTo("""
                shop/web[Pod] => shop/db[Pod] on 53/UDP: denied
                  ingress: shop/db[Pod] is isolated for ingress by shop/db-in (np.yaml:1)
                    shop/db-in ingress rule 1 (np.yaml:10): ports [dns/TCP] (on this destination: none) do not include UDP 53
                      named port dns/TCP is not a container port of shop/db[Pod]
                """);
        assertThat(focused.allowed()).isEqualTo(a.explain(ep(web), ep(db)).allowed());
    }

    @Test
    void peersSayWhoseNamespaceTheyMean() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(
                        List.of(
                                pods(""),
                                namespaces(""),
                                namespaces("team=x"),
                                podsInNamespaces("app=a", "team=x"),
                                podsInNamespaces("", "team=x"),
                                podsInNamespaces("app=a", "")),
                        tcp(1))
                .build();
        Explanation e = analyse(p).explain(ep(web), ep(db));
        assertThat(e.ingress().rules().get(0).peers())
                .isEqualTo(
                        "[all pods in namespace shop; all namespaces; "
                                + "namespaces team=x; pods app=a in namespaces team=x; namespaces team=x; pods app=a in all namespaces]");
    }

    @Test
    void deniedPeerSaysWhichSelectorDidNotMatch() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcp(5432))
                .build();
        Explanation e = analyse(p).explain(ep(batch), ep(db));
        assertThat(e.allowed().isEmpty()).isTrue();
        assertThat(e.parts()).hasSize(1);
        assertThat(e.parts().get(0).reasons())
                .containsExactly(
                        "ingress: shop/db[Pod] is isolated for ingress by shop/db-in (np.yaml:1)",
                        "  shop/db-in ingress rule 1 (np.yaml:10): peers [pods app=web in namespace shop] do not match shop/batch[Pod]");
        assertThat(e.ingress().rules()).singleElement().satisfies(r -> {
            assertThat(r.peerMatched()).isFalse();
            assertThat(r.matches(ConnectionSet.single(TCP, 5432))).isFalse();
        });
        assertThat(e.render()).startsWith("shop/batch[Pod] => shop/db[Pod]: denied (No Connections)\n");
    }

    @Test
    void bothSidesCanDenyAndPoliciesWithoutRulesSaySo() {
        PolicyFact denyAll = policy("shop", "deny-all", "").types(true, true).build();
        Explanation e = analyse(denyAll).explain(ep(web), ep(db));
        Explanation.Part part = e.parts().get(0);
        assertThat(part.deniedBy()).containsExactly(Direction.EGRESS, Direction.INGRESS);
        assertThat(part.reasons())
                .contains(
                        "  shop/deny-all (np.yaml:1) has no egress rules: it allows no egress traffic",
                        "  shop/deny-all (np.yaml:1) has no ingress rules: it allows no ingress traffic");
    }

    @Test
    void unresolvedNamedPortIsEvidence() {
        PolicyFact p = policy("shop", "web-out", "app=web")
                .egress(List.of(), named(TCP, "pg"), port(UDP, 53))
                .build();
        Explanation e = analyse(p).explain(ep(web), ep(batch));
        assertThat(e.allowed()).hasToString("UDP 53");
        assertThat(e.egress().rules().get(0).unresolvedNamedPorts()).containsExactly("pg/TCP");
        assertThat(e.deniedParts().get(0).reasons())
                .contains("    named port pg/TCP is not a container port of shop/batch[Pod]");
        Explanation toDb = analyse(p).explain(ep(web), ep(db));
        assertThat(toDb.allowed()).hasToString("TCP 5432,UDP 53");
        assertThat(toDb.egress().rules().get(0).unresolvedNamedPorts()).isEmpty();
    }

    @Test
    void overlappingRulesAreAllListed() {
        PolicyFact a = policy("shop", "a", "app=db").ingress(List.of(), tcp(80)).build();
        PolicyFact b =
                policy("shop", "b", "app=db").ingress(List.of(pods("app=web"))).build();
        Explanation e = analyse(a, b).explain(ep(web), ep(db));
        assertThat(e.allowed().isAll()).isTrue();
        assertThat(e.partFor(TCP, 80).orElseThrow().ingressRules())
                .extracting(r -> r.policy().name())
                .containsExactly("a", "b");
        assertThat(e.partFor(TCP, 81).orElseThrow().ingressRules())
                .extracting(r -> r.policy().name())
                .containsExactly("b");
        assertThat(e.deniedParts()).isEmpty();
    }

    @Test
    void externalRangesSpanningPiecesAreExplainedPerPiece() {
        PolicyFact p = policy("shop", "db-in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/8", "10.1.0.0/16")), tcp(443))
                .build();
        ConnectivityAnalysis a = analyse(p);
        Explanation single = a.explain(ext("10.0.0.5", "10.0.0.5"), ep(db));
        assertThat(single.allowed()).hasToString("TCP 443");
        assertThat(single.egress().applies()).isFalse();
        assertThat(single.partFor(TCP, 443).orElseThrow().ingressRules()).hasSize(1);
        Explanation wide = a.explain(ext("10.0.0.0", "10.255.255.255"), ep(db));
        assertThat(wide.allowed().isEmpty()).isTrue();
        assertThat(wide.pieces())
                .extracting(x -> x.source().id() + " " + x.allowed())
                .containsExactly(
                        "10.0.0.0-10.0.255.255[External] TCP 443",
                        "10.1.0.0-10.1.255.255[External] No Connections",
                        "10.2.0.0-10.255.255.255[External] TCP 443");
        assertThat(wide.render())
                .contains("note: policies treat the addresses of 10.0.0.0-10.255.255.255[External] differently");
        Explanation outside = a.explain(Endpoint.External.INTERNET, Endpoint.External.INTERNET);
        assertThat(outside.allowed().isEmpty()).isTrue();
        assertThat(outside.render()).contains("NetworkPolicies do not govern this traffic");
    }

    @Test
    void verdictAlwaysEqualsAllowed() {
        PolicyFact a = policy("shop", "a", "app=db")
                .ingress(List.of(pods("app=web")), tcp(80), named(TCP, "pg"))
                .build();
        PolicyFact b = policy("shop", "b", "")
                .egress(List.of(pods("app=db")), Facts.range(TCP, 1, 1000))
                .build();
        ConnectivityAnalysis an = analyse(a, b);
        for (Endpoint s : an.endpoints()) {
            for (Endpoint d : an.endpoints()) {
                Explanation e = an.explain(s, d);
                assertThat(e.allowed()).isEqualTo(an.allowed(s, d));
                ConnectionSet fromParts = e.allowedParts().stream()
                        .map(Explanation.Part::connections)
                        .reduce(ConnectionSet.none(), ConnectionSet::union);
                if (e.pieces().isEmpty()) {
                    assertThat(fromParts).as(s + " -> " + d).isEqualTo(e.allowed());
                }
            }
        }
    }
}
