package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec results in both forms {@code netspec test} writes, against golden files: the human report of a
 * run with a passing, a failing and an undefined scenario (the feature file is given by a relative path,
 * so the report is the same on every machine), and the JUnit XML of fixed outcomes (fixed durations: a
 * real run's times differ each run). To accept a deliberate change, run once with
 * {@code -Dnetspec.updateGolden=true} and review the diff.
 */
class SpecResultsGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/spec");

    @Test
    void theHumanReport() throws IOException {
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(GOLDEN.resolve("shop.feature"))));
        assertThat(specs.result().exitCode())
                .as("an undefined step is a spec mistake")
                .isEqualTo(2);
        assertGolden("shop.txt", specs.out());
    }

    @Test
    void theJunitXml() throws IOException {
        SpecReporter.Outcome passed = new SpecReporter.Outcome(SpecReporter.Verdict.PASSED, "", "", List.of());
        SpecReporter.Outcome failed = new SpecReporter.Outcome(
                SpecReporter.Verdict.FAILED,
                "failed",
                "shop/web must not reach shop/db but can <TCP 5432>",
                List.of("allowed by shop/db-from-web ingress rule 1 (shop.yaml:12)", "step at line 44 & more"));
        SpecReporter.Outcome undefined = new SpecReporter.Outcome(
                SpecReporter.Verdict.UNDEFINED,
                "undefined-step",
                "no step matches \"the moon is made of cheese\"",
                List.of());
        SpecReporter.Outcome skipped = new SpecReporter.Outcome(SpecReporter.Verdict.SKIPPED, "", "", List.of());
        String xml = SpecJunit.render(
                List.of(
                        new SpecReporter.Scenario(
                                "specs/shop.feature",
                                "web reaches the database (line 37)",
                                passed,
                                Duration.ofMillis(120)),
                        new SpecReporter.Scenario(
                                "specs/shop.feature", "a spec that fails (line 43)", failed, Duration.ofMillis(35)),
                        new SpecReporter.Scenario(
                                "specs/shop.feature", "a step nobody defined (line 46)", undefined, Duration.ZERO),
                        new SpecReporter.Scenario(
                                "specs/shop.feature", "after an undefined step (line 49)", skipped, Duration.ZERO)),
                List.of(new SpecReporter.FileProblem(
                        "specs/empty.feature", "specs/empty.feature:1: feature has no scenarios")));
        assertGolden("results.xml", xml);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("netspec.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden)
                .as("golden file (run with -Dnetspec.updateGolden=true once)")
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
