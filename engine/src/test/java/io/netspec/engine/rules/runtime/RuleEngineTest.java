package io.netspec.engine.rules.runtime;

import static io.netspec.engine.rules.TestFacts.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Selector;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.packs.PackLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    static RuleEngine engine;

    @BeforeAll
    static void compile() throws Exception {
        engine = RuleEngine.compile(PackLoader.load(Path.of("src/test/resources/rules/demo")));
    }

    @Test
    void readsMetadataOfEveryCheckButInternalRules() {
        assertThat(engine.rules())
                .extracting(RuleInfo::id)
                .containsExactly("dangling-service", "host-network", "workload-not-isolated");
        RuleInfo host = engine.rules().get(1);
        assertThat(host.severity()).isEqualTo(Severity.WARNING);
        assertThat(host.title()).isEqualTo("Workload uses the host network");
        assertThat(host.remediation()).isEqualTo("Remove hostNetwork: true from the pod template.");
        assertThat(host.pack()).isEqualTo("demo");
        assertThat(host.source().toString()).isEqualTo("src/test/resources/rules/demo/demo.drl:10");
    }

    @Test
    void findingsCarryMetadataSubjectAndMessage() throws Exception {
        Cluster cluster = cluster(
                List.of(
                        deployment("shop", "web", Map.of("app", "web"), true, Map.of(), 7),
                        deployment("shop", "db", Map.of("app", "db"), 30)),
                List.of(service("shop", "ghost", Map.of("app", "nope"), 3, servicePort(80, PortRef.number(8080)))),
                List.of(policy("shop", "db-only", Selector.of(Map.of("app", "db")), List.of(), 12)));
        List<Finding> findings = engine.run(cluster);
        assertThat(findings)
                .extracting(f -> f.source() + " " + f.severity() + " [" + f.ruleId() + "] " + f.message())
                .containsExactly(
                        "k8s/app.yaml:7 warning [host-network] workload shop/web[Deployment] uses the host network",
                        "k8s/app.yaml:7 error [workload-not-isolated] workload shop/web[Deployment] is not isolated for ingress",
                        "k8s/svc.yaml:3 info [dangling-service] service ghost selects no workload");
        Finding host = findings.get(0);
        assertThat(host.objectKind()).isEqualTo("Deployment");
        assertThat(host.namespace()).isEqualTo("shop");
        assertThat(host.name()).isEqualTo("web");
        assertThat(host.title()).isEqualTo("Workload uses the host network");
        assertThat(host.remediation()).isEqualTo("Remove hostNetwork: true from the pod template.");
    }

    @Test
    void disabledRulesDoNotFire() throws Exception {
        Cluster cluster = cluster(
                List.of(deployment("shop", "web", Map.of("app", "web"), true, Map.of(), 7)), List.of(), List.of());
        assertThat(engine.run(cluster, Network.of(cluster), r -> !r.id().equals("workload-not-isolated")))
                .extracting(Finding::ruleId)
                .containsExactly("host-network");
    }
}
