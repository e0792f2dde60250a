package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.tooling.FixtureRunner;
import io.netspec.engine.rules.tooling.FixtureRunner.FixtureCase;
import io.netspec.engine.rules.tooling.FixtureRunner.FixtureResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture of the built-in packs, through the same {@link FixtureRunner} as
 * {@code netspec rules test}: a {@code fail-*.yaml} must yield a finding of its rule on exactly the
 * lines marked {@code # expect: <rule-id>}, a {@code pass-*.yaml} none. Only the rule under test
 * runs, so fixtures stay minimal: other rules may well fire on them.
 */
class RuleFixturesTest {

    @TestFactory
    List<DynamicNode> fixtures() throws IOException {
        FixtureRunner runner = FixtureRunner.of(BuiltInPacks.engine());
        List<DynamicNode> packs = new ArrayList<>();
        for (Pack pack : BuiltInPacks.packs()) {
            List<DynamicNode> cases = new ArrayList<>();
            for (FixtureCase c : FixtureRunner.cases(BuiltInPacks.fixturesOf(pack))) {
                cases.add(DynamicTest.dynamicTest(c.displayName(), c.file().toUri(), () -> {
                    FixtureResult result = runner.run(c);
                    assertThat(result.problems()).as(c.file().toString()).isEmpty();
                }));
            }
            assertThat(cases).as("fixtures of pack " + pack.name()).isNotEmpty();
            packs.add(DynamicContainer.dynamicContainer(pack.name(), cases));
        }
        return packs;
    }
}
