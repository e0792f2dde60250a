package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Network global's questions that do not go through the connectivity engine. */
class NetworkTest {

    static Cluster cluster;
    static Network net;

    @BeforeAll
    static void load() {
        cluster = DerivedFactsTest.load();
        net = Network.of(cluster);
    }

    static Workload w(String ns, String name) {
        return cluster.workloads().stream()
                .filter(x -> x.namespace().equals(ns) && x.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static PolicyFact policy(String name) {
        return cluster.policies().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void reachableFromInternetFollowsPublicIpBlocksAndPorts() {
        assertThat(net.reachableFromInternet(w("shop", "web"), 8080))
                .as("ipBlock 0.0.0.0/0 on http")
                .isTrue();
        assertThat(net.reachableFromInternet(w("shop", "web"), 0))
                .as("some port")
                .isTrue();
        assertThat(net.reachableFromInternet(w("shop", "web"), 9090))
                .as("no rule allows 9090")
                .isFalse();
        assertThat(net.reachableFromInternet(w("shop", "web"), 8080, Protocol.UDP))
                .as("http is TCP")
                .isFalse();
        assertThat(net.reachableFromInternet(w("shop", "db"), 5432))
                .as("pod peers only")
                .isFalse();
        assertThat(net.reachableFromInternet(w("ops", "tool"), 80))
                .as("namespace selector only")
                .isFalse();
        assertThat(net.reachableFromInternet(w("shop", "client"), 1234))
                .as("not isolated")
                .isTrue();
    }

    @Test
    void reachableFromOtherNamespacesFollowsNamespaceSelectors() {
        assertThat(net.reachableFromOtherNamespaces(w("ops", "tool"), 80))
                .as("namespaceSelector {}")
                .isTrue();
        assertThat(net.reachableFromOtherNamespaces(w("ops", "tool"), 81)).isFalse();
        assertThat(net.reachableFromOtherNamespaces(w("shop", "db"), 5432))
                .as("podSelector: own namespace")
                .isFalse();
        assertThat(net.reachableFromOtherNamespaces(w("shop", "web"), 8080))
                .as("ipBlock peers are not namespaces; podSelector {} is the own namespace")
                .isFalse();
        assertThat(net.reachableFromOtherNamespaces(w("shop", "client"), 80))
                .as("not isolated")
                .isTrue();
    }

    @Test
    void workloadsMatchingResolvesPodAndNamespaceSelectorsFromThePolicysNamespace() {
        PolicyFact db = policy("db-in");
        PolicyRule toOps = db.egress().get(0);
        PolicyRule toWeb = db.egress().get(1);
        PolicyRule toAddresses = db.egress().get(2);
        assertThat(net.workloadsMatching(db, toOps.peers().get(0)))
                .extracting(Workload::id)
                .containsExactly("ops/tool[Deployment]");
        assertThat(net.workloadsMatching(db, toWeb.peers().get(0)))
                .extracting(Workload::id)
                .containsExactly("shop/web[Deployment]");
        assertThat(net.workloadsMatching(db, toAddresses.peers().get(0))).isEmpty();
        PolicyFact web = policy("web-in");
        assertThat(net.workloadsMatching(web, web.ingress().get(1).peers().get(0)))
                .extracting(Workload::id)
                .containsExactlyInAnyOrder("shop/web[Deployment]", "shop/db[Deployment]", "shop/client[Deployment]");
    }

    @Test
    void aPreparedAnalysisIsComputedOnceAndHandedToEveryCaller() {
        AtomicInteger built = new AtomicInteger();
        Network prepared = new Network(cluster, () -> {
            built.incrementAndGet();
            return ConnectivityAnalysis.of(cluster);
        });
        prepared.prepareAnalysis();
        prepared.prepareAnalysis();
        ConnectivityAnalysis first = prepared.analysis();
        assertThat(prepared.analysis()).isSameAs(first);
        assertThat(built).hasValue(1);
        assertThat(prepared.canReach(w("shop", "client"), w("shop", "web"), 8080))
                .isEqualTo(net.canReach(w("shop", "client"), w("shop", "web"), 8080));
    }

    @Test
    void aPreparedAnalysisThatFailsThrowsItsExceptionToTheCaller() {
        Network failing = new Network(cluster, () -> {
            throw new IllegalArgumentException("bad cluster");
        });
        failing.prepareAnalysis();
        Assertions.assertThatThrownBy(failing::analysis)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad cluster");
    }
}
