package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.tooling.FixtureRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hygiene of the built-in packs (kube-linter's TestBuiltInChecksWellFormed): complete metadata,
 * well-formed unique ids, one rule per file named after its id, and both a firing and a non-firing
 * fixture for every rule, with no fixture folder left over.
 */
class RuleCatalogueTest {

    private static final String KEBAB = "[a-z0-9]+(-[a-z0-9]+)*";

    @Test
    void builtInPacksAreTheExpectedOnes() {
        assertThat(BuiltInPacks.packs()).extracting(Pack::name).containsExactly("segmentation", "service-discovery");
    }

    /** The build compiles the packs ahead of time; a DRL construct the executable model rejects slows every start-up. */
    @Test
    void builtInPacksShipCompiledToTheExecutableModel() throws IOException {
        Properties precompiled = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("netspec/packs/precompiled.properties")) {
            assertThat(in)
                    .as("netspec/packs/precompiled.properties (written at process-classes)")
                    .isNotNull();
            precompiled.load(in);
        }
        assertThat(precompiled.getProperty("format"))
                .as("the executable model rejected a built-in pack: see the build's warning")
                .isEqualTo("executable-model");
    }

    @Test
    void everyRuleHasCompleteMetadata() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (RuleInfo r : BuiltInPacks.engine().rules()) {
            String at = r.source() + ": " + r.id() + ": ";
            if (!r.id().matches(KEBAB)) {
                problems.add(at + "id is not kebab-case");
            }
            if (!ids.add(r.id())) {
                problems.add(at + "duplicate id");
            }
            if (r.title().isBlank()
                    || Character.isLowerCase(r.title().charAt(0))
                    || r.title().endsWith(".")) {
                problems.add(at + "title must be a capitalised phrase without a final period");
            }
            String fix = r.remediation();
            if (!fix.endsWith(".")
                    || fix.substring(0, fix.length() - 1).matches(".*[.!?]\\s.*")
                    || !Character.isUpperCase(fix.charAt(0))) {
                problems.add(at + "remediation must be one capitalised imperative sentence ending in a period");
            }
            if (!r.source().file().endsWith("/" + r.id() + ".drl")) {
                problems.add(at + "rule lives in " + r.source().file() + ", expected <pack>/" + r.id() + ".drl");
            }
            if (!r.ruleName().equals(r.id())) {
                problems.add(at + "DRL rule name \"" + r.ruleName() + "\" differs from its id");
            }
        }
        assertThat(problems).as("metadata problems").isEmpty();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyRuleHasFiringAndNonFiringFixtures() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Pack pack : BuiltInPacks.packs()) {
            List<RuleInfo> rules = BuiltInPacks.engine().rules().stream()
                    .filter(r -> r.pack().equals(pack.name()))
                    .toList();
            problems.addAll(FixtureRunner.missingFixtures(rules, BuiltInPacks.fixturesOf(pack)));
            try (Stream<Path> dirs = Files.list(BuiltInPacks.fixturesOf(pack))) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    String id = dir.getFileName().toString();
                    if (rules.stream().noneMatch(r -> r.id().equals(id))) {
                        problems.add(dir + ": no rule of pack " + pack.name() + " has the id " + id);
                    }
                }
            }
        }
        assertThat(problems).as("fixture problems").isEmpty();
    }
}
