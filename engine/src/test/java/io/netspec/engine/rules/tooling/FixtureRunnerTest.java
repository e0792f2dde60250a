package io.netspec.engine.rules.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureRunnerTest {

    static final Path DEMO = Path.of("src/test/resources/rules/demo");
    static Pack pack;
    static FixtureRunner runner;

    @BeforeAll
    static void compile() throws Exception {
        pack = PackLoader.load(DEMO).get(0);
        runner = FixtureRunner.of(RuleEngine.compile(List.of(pack)));
    }

    @Test
    void theDemoPackFixturesPass() throws Exception {
        List<FixtureRunner.FixtureResult> results =
                runner.runAll(pack.testsDir().orElseThrow());
        assertThat(results)
                .extracting(r -> r.fixtureCase().displayName())
                .containsExactly(
                        "dangling-service/fail-wrong-selector.yaml", "dangling-service/pass-selected.yaml",
                        "host-network/fail-host-network.yaml", "host-network/pass-pod-network.yaml");
        assertThat(results)
                .allSatisfy(r -> assertThat(r.problems())
                        .as(r.fixtureCase().displayName())
                        .isEmpty());
    }

    @Test
    void missingAndUnexpectedFindingsBothFail(@TempDir Path dir) throws Exception {
        Path rule = Files.createDirectories(dir.resolve("host-network"));
        String fixture = Files.readString(DEMO.resolve("tests/host-network/fail-host-network.yaml"));
        // marker moved from the offending Deployment to the clean one: one missing, one unexpected
        Files.writeString(
                rule.resolve("fail-moved.yaml"),
                fixture.replace("# expect: host-network\n", "")
                        .replace("  name: waived\n", "  name: waived # expect: host-network\n"));
        Files.writeString(rule.resolve("pass-but-fires.yaml"), fixture.replace("# expect: host-network\n", ""));
        Files.writeString(
                rule.resolve("fail-without-marker.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        List<FixtureRunner.FixtureResult> results = runner.runAll(dir);
        assertThat(results)
                .extracting(r -> r.fixtureCase().file().getFileName().toString() + " " + r.problems())
                .containsExactly(
                        "fail-moved.yaml [" + rule.resolve("fail-moved.yaml") + ":1: unexpected finding [host-network] "
                                + "workload shop/agent[Deployment] uses the host network, "
                                + rule.resolve("fail-moved.yaml")
                                + ":21: expected a finding of host-network, got none]",
                        "fail-without-marker.yaml [" + rule.resolve("fail-without-marker.yaml")
                                + ": a fail-* fixture needs a \"# expect: host-network\" marker]",
                        "pass-but-fires.yaml [" + rule.resolve("pass-but-fires.yaml") + ":1: unexpected finding "
                                + "[host-network] workload shop/agent[Deployment] uses the host network]");
    }

    @Test
    void everyRuleNeedsBothFixtures() throws Exception {
        RuleEngine engine = RuleEngine.compile(List.of(pack));
        assertThat(FixtureRunner.missingFixtures(engine.rules(), pack.testsDir().orElseThrow()))
                .containsExactly(
                        "workload-not-isolated: no fail-*.yaml under "
                                + pack.testsDir().get().resolve("workload-not-isolated"),
                        "workload-not-isolated: no pass-*.yaml under "
                                + pack.testsDir().get().resolve("workload-not-isolated"));
    }
}
