package io.netspec.engine.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The built-in rules split in two lanes (two rule bases, two sessions, two threads) find exactly what they find
 * in one session, in the same order: on every fixture of the built-in packs and on the examples.
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
        oneLane = RuleEngine.of(List.of(whole), builtIn);
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
    void bothLanesFindWhatOneSessionFinds() throws Exception {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> f.getFileName().toString().matches("(fail|pass)-.*"))
                    .sorted()
                    .forEach(inputs::add);
        }
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
