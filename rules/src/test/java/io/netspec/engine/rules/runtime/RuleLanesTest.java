package io.netspec.engine.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The built-in rules split in two lanes (two rule bases, two sessions, two threads), each session given only the
 * facts its rules read, find exactly what they find in one session given every fact, in the same order: on every
 * fixture of the built-in packs and on the examples. And each rule alone, given only the facts it reads, finds on
 * its fixtures what it finds given every fact: a rule whose pattern a type is no longer given to fails here.
 */
class RuleLanesTest {

    private static List<Pack> builtIn;
    private static List<KieBase> lanes;
    private static RuleEngine oneLane;
    private static RuleEngine twoLanes;

    @BeforeAll
    static void compile() throws Exception {
        builtIn = PackLoader.builtIn();
        ClassLoader loader = PackLoader.class.getClassLoader();
        KieBase whole = PrecompiledPacks.load(builtIn, loader).orElseThrow();
        lanes = PrecompiledPacks.load(builtIn, loader, RuleEngine.SECOND_LANE::contains)
                .orElseThrow();
        oneLane = RuleEngine.of(List.of(whole), builtIn, false);
        twoLanes = RuleEngine.of(lanes, builtIn);
    }

    @Test
    void theSecondLaneHoldsExactlyTheRulesItNames() {
        assertThat(lanes).hasSize(2);
        assertThat(namesIn(lanes.get(1))).containsExactlyInAnyOrderElementsOf(RuleEngine.SECOND_LANE);
        List<String> all = new ArrayList<>(namesIn(lanes.get(0)));
        all.addAll(namesIn(lanes.get(1)));
        assertThat(all).doesNotHaveDuplicates().hasSameSizeAs(oneLane.rules());
    }

    @Test
    void eachLaneIsGivenOnlyPartOfTheFacts() {
        List<String> first = FactTypes.of(lanes.get(0)).names();
        List<String> second = FactTypes.of(lanes.get(1)).names();
        assertThat(first).contains(Selects.class.getName(), PolicyFact.class.getName());
        assertThat(second)
                .contains(Workload.class.getName(), Isolation.class.getName())
                .doesNotContain(Selects.class.getName(), PolicyFact.class.getName(), "*");
        assertThat(FactTypes.of(lanes.get(1)).reads(new Object())).isFalse();
    }

    @Test
    void eachRuleAloneGivenTheFactsItReadsFindsWhatItFindsGivenEveryFact() throws Exception {
        ClassLoader loader = PackLoader.class.getClassLoader();
        Map<Path, List<Finding>> everyFact = new HashMap<>();
        int rulesWithFindings = 0;
        for (Path ruleDir : ruleFixtureDirs()) {
            String rule = ruleDir.getFileName().toString();
            List<KieBase> alone = PrecompiledPacks.loadLanes(builtIn, loader, List.of(rule::equals))
                    .orElseThrow();
            assertThat(namesIn(alone.get(0))).as(rule).containsExactly(rule);
            RuleEngine engine = RuleEngine.of(alone, builtIn);
            int findings = 0;
            for (Path input : fixtures(ruleDir)) {
                LoadResult loaded = load(input);
                List<Finding> expected = everyFact.computeIfAbsent(input, f -> run(oneLane, loaded)).stream()
                        .filter(f -> f.ruleId().equals(engine.rules().get(0).id()))
                        .toList();
                assertThat(engine.run(loaded.cluster())).as("%s", input).containsExactlyElementsOf(expected);
                findings += expected.size();
            }
            rulesWithFindings += findings > 0 ? 1 : 0;
        }
        assertThat(rulesWithFindings)
                .as("rules with findings on their fixtures")
                .isGreaterThan(20);
    }

    @Test
    void bothLanesFindWhatOneSessionFinds() throws Exception {
        List<Path> inputs = fixtures(Path.of("src/test/resources"));
        assertThat(inputs).hasSizeGreaterThan(50);
        int withFindings = 0;
        for (Path input : inputs) {
            LoadResult loaded = load(input);
            List<Finding> expected = oneLane.run(loaded.cluster());
            assertThat(twoLanes.run(loaded.cluster())).as("%s", input).containsExactlyElementsOf(expected);
            withFindings += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withFindings).as("fixtures with findings").isGreaterThan(20);
        for (String example : List.of("shop", "calico", "cilium")) {
            Path dir = Path.of("../examples", example);
            if (Files.isDirectory(dir)) {
                LoadResult loaded = new ManifestLoader().load(List.of(dir));
                assertThat(twoLanes.run(loaded.cluster()))
                        .as("examples/%s", example)
                        .containsExactlyElementsOf(oneLane.run(loaded.cluster()));
            }
        }
    }

    /** The fixtures under {@code dir}, sorted. */
    private static List<Path> fixtures(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> f.getFileName().toString().matches("(fail|pass)-.*"))
                    .sorted()
                    .toList();
        }
    }

    /** {@code <pack>/<rule>/}: the folders of the built-in rules' fixtures. */
    private static List<Path> ruleFixtureDirs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Pack pack : builtIn) {
            try (Stream<Path> dirs = Files.list(Path.of("src/test/resources", pack.name()))) {
                dirs.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        assertThat(out).hasSizeGreaterThan(25);
        return out;
    }

    private static List<Finding> run(RuleEngine engine, LoadResult loaded) {
        try {
            return engine.run(loaded.cluster());
        } catch (PackException e) {
            throw new AssertionError(e);
        }
    }

    private static LoadResult load(Path file) throws IOException {
        return new ManifestLoader().loadString(Files.readString(file), file.toString());
    }

    private static List<String> namesIn(KieBase base) {
        List<String> out = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                out.add(rule.getName());
            }
        }
        return out;
    }
}
