package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.engine.rules.tooling.FixtureRunner;
import io.netspec.engine.rules.tooling.FixtureRunner.FixtureCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The organisation pack in {@code examples/acme-pack} works the way {@code netspec rules test
 * examples/acme-pack} runs it: it compiles next to the built-in packs (ids do not clash), every rule
 * has both kinds of fixture in the pack's own {@code tests/}, and every fixture holds.
 */
class ExamplePackTest {

    private static final Path ACME = Path.of("../examples/acme-pack");

    private static List<Pack> acme() throws PackException {
        return PackLoader.load(ACME);
    }

    @Test
    void compilesWithTheBuiltInPacksAndHasFixturesForEveryRule() throws Exception {
        List<Pack> all = new ArrayList<>(BuiltInPacks.packs());
        all.addAll(acme());
        RuleEngine engine = RuleEngine.compile(all);
        List<RuleInfo> rules =
                engine.rules().stream().filter(r -> r.pack().equals("acme")).toList();

        assertThat(rules).extracting(RuleInfo::id).containsExactly("exposed-deployment-egress", "namespace-team-label");
        assertThat(FixtureRunner.missingFixtures(rules, ACME.resolve("tests"))).isEmpty();
    }

    @TestFactory
    List<DynamicTest> fixtures() throws IOException, PackException {
        Pack pack = acme().get(0);
        assertThat(pack.testsDir()).isPresent();
        FixtureRunner runner = FixtureRunner.of(RuleEngine.compile(List.of(pack)));
        List<DynamicTest> tests = new ArrayList<>();
        for (FixtureCase c : FixtureRunner.cases(pack.testsDir().get())) {
            tests.add(DynamicTest.dynamicTest(
                    c.displayName(),
                    c.file().toUri(),
                    () -> assertThat(runner.run(c).problems())
                            .as(c.file().toString())
                            .isEmpty()));
        }
        assertThat(tests).hasSize(4);
        return tests;
    }
}
