package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Gherkin block of the READMEs runs as written and passes: a reader copies them, so a step form the
 * README shows and the step grammar does not take (or a line that fails on the shop) fails here. The blocks
 * are written as specs in the shop's {@code specs/} folder ({@code Given the manifests in ".."}); the shop is
 * copied so that nothing is written into the repository. A block without a {@code Feature:} line is a
 * fragment and gets one.
 */
class ReadmeSpecsTest {

    private static final Pattern GHERKIN = Pattern.compile("```gherkin\\n(.*?)```", Pattern.DOTALL);

    static List<String> blocks(Path markdown) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = GHERKIN.matcher(Files.readString(markdown));
        while (m.find()) {
            String block = m.group(1);
            out.add(block.stripLeading().startsWith("Feature:") ? block : "Feature: README fragment\n" + block);
        }
        return out;
    }

    @Test
    void everyGherkinBlockOfTheReadmesPassesOnTheShop(@TempDir Path dir) throws IOException {
        Path repository = Specs.examples().getParent();
        Path shop = dir.resolve("shop");
        copy(Specs.examples().resolve("shop"), shop);
        List<Path> features = new ArrayList<>();
        for (Path readme : List.of(repository.resolve("README.md"), repository.resolve("features/README.md"))) {
            List<String> blocks = blocks(readme);
            assertThat(blocks).as(readme + " shows specs").isNotEmpty();
            for (String block : blocks) {
                Path feature = shop.resolve("specs/readme-" + features.size() + ".feature");
                Files.writeString(feature, block);
                features.add(feature);
            }
        }
        // README.md: the quick start's and the Specs section's; features/README.md: its opening example
        assertThat(features).hasSizeGreaterThanOrEqualTo(3);

        Specs specs = Specs.run(SpecRunner.Options.of(features));

        assertThat(specs.out()).doesNotContain("FAIL", "ERROR", "UNDEFINED");
        assertThat(specs.result().exitCode()).as(specs.out() + specs.err()).isZero();
        assertThat(specs.result().passed())
                .isEqualTo(specs.result().scenarios())
                .isGreaterThanOrEqualTo(6);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
