package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.Facts.cluster;
import static io.netspec.engine.connectivity.Facts.ipBlock;
import static io.netspec.engine.connectivity.Facts.namespace;
import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.pods;
import static io.netspec.engine.connectivity.Facts.policy;
import static io.netspec.engine.connectivity.Facts.port;
import static io.netspec.engine.connectivity.Facts.tcp;
import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReachDiffTest {

    private final NamespaceFact shop = namespace("shop", "team=shop");
    private final Workload web = pod("shop", "web", "app=web");
    private final Workload db = pod("shop", "db", "app=db", port("pg", 5432, TCP));

    /** Every pod of shop isolated both ways, allowing nothing, plus the given policies. */
    private ConnectivityAnalysis locked(List<Workload> workloads, PolicyFact... policies) {
        List<PolicyFact> all = new ArrayList<>(
                List.of(policy("shop", "deny", "").types(true, true).build()));
        all.addAll(List.of(policies));
        return ConnectivityAnalysis.of(cluster(List.of(shop), workloads, all));
    }

    private ConnectivityAnalysis locked(PolicyFact... policies) {
        return locked(List.of(web, db), policies);
    }

    private static PolicyFact webToDb(int... ports) {
        return policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), tcpPorts(ports))
                .build();
    }

    private static PolicyFact webOut(int... ports) {
        return policy("shop", "web-out", "app=web")
                .egress(List.of(pods("app=db")), tcpPorts(ports))
                .build();
    }

    private static PolicyPort[] tcpPorts(int... numbers) {
        return Arrays.stream(numbers).mapToObj(Facts::tcp).toArray(PolicyPort[]::new);
    }

    private static List<String> diff(ConnectivityAnalysis older, ConnectivityAnalysis newer) {
        return ReachDiff.of(older, newer).lines().stream().map(Object::toString).toList();
    }

    @Test
    void anOpenedConnectionIsAdded() {
        assertThat(diff(locked(), locked(webToDb(5432), webOut(5432))))
                .containsExactly("+ shop/web[Pod] => shop/db[Pod] : TCP 5432");
    }

    @Test
    void aClosedConnectionIsRemoved() {
        ReachDiff.Result result = ReachDiff.of(locked(webToDb(5432), webOut(5432)), locked());
        assertThat(result.lines()).map(Object::toString).containsExactly("- shop/web[Pod] => shop/db[Pod] : TCP 5432");
        assertThat(result.count(ReachDiff.Change.REMOVED)).isEqualTo(1);
        assertThat(result.count(ReachDiff.Change.ADDED)).isZero();
        assertThat(result.workloads()).isEmpty();
    }

    @Test
    void changedPortsAreOneLineEachWayRemovedFirst() {
        assertThat(diff(
                        locked(webToDb(5432, 80), webOut(5432, 80, 443)),
                        locked(webToDb(5433, 80, 443), webOut(5433, 80, 443))))
                .containsExactly(
                        "- shop/web[Pod] => shop/db[Pod] : TCP 5432", "+ shop/web[Pod] => shop/db[Pod] : TCP 443,5433");
    }

    @Test
    void theSameManifestsGiveNoDifference() {
        assertThat(ReachDiff.of(locked(webToDb(5432), webOut(5432)), locked(webToDb(5432), webOut(5432)))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void addressRangesCutDifferentlyButMeaningTheSameGiveNoDifference() {
        PolicyFact inWhole = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/8")), tcp(5432))
                .build();
        PolicyFact inHalves = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/9")), tcp(5432))
                .ingress(List.of(ipBlock("10.128.0.0/9")), tcp(5432))
                .build();
        PolicyFact outWhole = policy("shop", "out", "app=web")
                .egress(List.of(ipBlock("0.0.0.0/0", "10.0.0.0/8")))
                .build();
        PolicyFact outPieces = policy("shop", "out", "app=web")
                .egress(List.of(ipBlock("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16")))
                .egress(List.of(ipBlock("192.168.0.0/17"), ipBlock("192.168.128.0/17")))
                .build();
        ConnectivityAnalysis older = locked(inWhole, outWhole);
        ConnectivityAnalysis newer = locked(inHalves, outPieces);
        // the cuts really differ: the reach lines are not the same text
        assertThat(newer.reach().map(Object::toString).toList())
                .isNotEqualTo(older.reach().map(Object::toString).toList());
        assertThat(diff(older, newer)).isEmpty();
        assertThat(diff(newer, older)).isEmpty();
    }

    /** The two halves of 11/8 come from two rules but add the same, so they are one line; 12/8 adds more. */
    @Test
    void anAddressDifferenceIsReportedOnTheLargestIntervalWhereItHolds() {
        PolicyFact before = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/8")), tcp(5432))
                .build();
        PolicyFact after = policy("shop", "in", "app=db")
                .ingress(List.of(ipBlock("10.0.0.0/8", "10.1.0.0/16")), tcp(5432))
                .ingress(List.of(ipBlock("11.0.0.0/9")), tcp(5432))
                .ingress(List.of(ipBlock("11.128.0.0/9")), tcp(5432))
                .ingress(List.of(ipBlock("12.0.0.0/8")), tcp(5432), Facts.port(UDP, 53))
                .build();
        PolicyFact webEgress = policy("shop", "out", "app=web")
                .egress(List.of(ipBlock("10.0.0.0/8")), tcp(443))
                .build();
        assertThat(diff(locked(before), locked(after, webEgress)))
                .containsExactly(
                        "- 10.1.0.0-10.1.255.255[External] => shop/db[Pod] : TCP 5432",
                        "+ 11.0.0.0-11.255.255.255[External] => shop/db[Pod] : TCP 5432",
                        "+ 12.0.0.0-12.255.255.255[External] => shop/db[Pod] : TCP 5432,UDP 53",
                        "+ shop/web[Pod] => 10.0.0.0-10.255.255.255[External] : TCP 443");
    }

    @Test
    void newAndRemovedWorkloadsAreListedWithTheirConnections() {
        Workload api = pod("shop", "api", "app=web");
        ConnectivityAnalysis older = locked(List.of(web, db), webToDb(5432), webOut(5432));
        ConnectivityAnalysis newer = locked(List.of(api, db), webToDb(5432), webOut(5432));
        ReachDiff.Result result = ReachDiff.of(older, newer);
        assertThat(result.workloads()).map(Object::toString).containsExactly("+ shop/api[Pod]", "- shop/web[Pod]");
        assertThat(result.lines())
                .map(Object::toString)
                .containsExactly(
                        "+ shop/api[Pod] => shop/db[Pod] : TCP 5432", "- shop/web[Pod] => shop/db[Pod] : TCP 5432");
        // an added line carries the NEW side's endpoints
        assertThat(((Endpoint.OfWorkload) result.lines().get(0).destination()).workload())
                .isSameAs(db);
    }

    /**
     * On random pairs of clusters, OLD's connectivity with the removed lines taken out and the added
     * ones put in is NEW's, for every pair of workload ids and for probe addresses both ways.
     */
    @Property(tries = 150)
    void applyingTheDifferenceToOldGivesNew(@ForAll long seed) {
        RandomClusters random = new RandomClusters(seed);
        Cluster a = random.next();
        Cluster b = random.next();
        ConnectivityAnalysis older = ConnectivityAnalysis.of(a);
        ConnectivityAnalysis newer = ConnectivityAnalysis.of(b);
        List<ReachDiff.Line> lines = ReachDiff.of(older, newer).lines();
        Map<String, Endpoint> before = endpoints(a);
        Map<String, Endpoint> after = endpoints(b);
        Map<String, Endpoint> ids = new LinkedHashMap<>(before);
        ids.putAll(after);
        List<String> wrong = new ArrayList<>();
        for (String s : ids.keySet()) {
            for (String d : ids.keySet()) {
                if (!s.equals(d)) {
                    check(older, newer, before, after, lines, s, d, wrong);
                }
            }
            for (String address : RandomClusters.PROBE_ADDRESSES) {
                String x = "@" + address;
                check(older, newer, before, after, lines, s, x, wrong);
                check(older, newer, before, after, lines, x, s, wrong);
            }
        }
        assertThat(wrong).as("seed %d", seed).isEmpty();
    }

    private static Map<String, Endpoint> endpoints(Cluster c) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        c.workloads().forEach(w -> out.put(w.id(), new Endpoint.OfWorkload(w)));
        for (String address : RandomClusters.PROBE_ADDRESSES) {
            long ip = Facts.parseIp(address);
            out.put("@" + address, new Endpoint.External(ip, ip));
        }
        return out;
    }

    private static void check(
            ConnectivityAnalysis older,
            ConnectivityAnalysis newer,
            Map<String, Endpoint> before,
            Map<String, Endpoint> after,
            List<ReachDiff.Line> lines,
            String s,
            String d,
            List<String> wrong) {
        ConnectionSet was = allowed(older, before, s, d);
        ConnectionSet is = allowed(newer, after, s, d);
        ConnectionSet applied = was;
        for (ReachDiff.Line l : lines) {
            if (covers(l.source(), s) && covers(l.destination(), d)) {
                applied = l.change() == ReachDiff.Change.ADDED
                        ? applied.union(l.connections())
                        : applied.minus(l.connections());
            }
        }
        if (!applied.equals(is)) {
            wrong.add(s + " -> " + d + ": old " + was + ", new " + is + ", old with the difference applied " + applied);
        }
    }

    private static ConnectionSet allowed(
            ConnectivityAnalysis analysis, Map<String, Endpoint> endpoints, String s, String d) {
        Endpoint source = endpoints.get(s);
        Endpoint destination = endpoints.get(d);
        return source == null || destination == null ? ConnectionSet.none() : analysis.allowed(source, destination);
    }

    private static boolean covers(Endpoint line, String key) {
        if (key.startsWith("@")) {
            long ip = Facts.parseIp(key.substring(1));
            return line instanceof Endpoint.External e && e.first() <= ip && ip <= e.last();
        }
        return line.id().equals(key);
    }

    @Test
    void protocolsStayApart() {
        PolicyFact tcpOnly = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), Facts.anyPort(TCP))
                .build();
        PolicyFact both = policy("shop", "db-in", "app=db")
                .ingress(List.of(pods("app=web")), Facts.anyPort(TCP), Facts.anyPort(Protocol.UDP))
                .build();
        PolicyFact out = policy("shop", "web-out", "app=web")
                .egress(List.of(pods("app=db")))
                .build();
        assertThat(diff(locked(tcpOnly, out), locked(both, out)))
                .containsExactly("+ shop/web[Pod] => shop/db[Pod] : UDP 1-65535");
    }
}
