package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.engine.rules.tooling.FixtureRunner;
import io.netspec.engine.rules.tooling.FixtureRunner.FixtureResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example in {@code rules/README.md}, run as the pack it describes. */
class ReadmeExampleTest {

    private static final Pattern FENCE = Pattern.compile("(?ms)^( *)```(drl|yaml)\\n(.*?)^ *```");

    @Test
    void workedExampleFiresOnItsFailFixtureAndNotOnItsPassFixture(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## A worked example"), readme.indexOf("## Fixtures"));
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(section);
        while (m.find()) {
            String indent = m.group(1);
            blocks.add(m.group(3)
                    .lines()
                    .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        assertThat(blocks).as("one DRL and two YAML blocks").hasSize(3);

        Path pack = dir.resolve("acme-pack");
        Path tests = pack.resolve("tests/no-ingress-from-default");
        Files.createDirectories(tests);
        Files.createDirectories(pack.resolve("rules"));
        Files.writeString(pack.resolve("pack.yaml"), "name: acme\nversion: 1.0.0\ndescription: worked example\n");
        Files.writeString(pack.resolve("rules/no-ingress-from-default.drl"), blocks.get(0));
        Files.writeString(tests.resolve("fail-all-namespaces.yaml"), blocks.get(1));
        Files.writeString(tests.resolve("pass-named-namespace.yaml"), blocks.get(2));

        List<Pack> packs = PackLoader.load(pack);
        List<FixtureResult> results = FixtureRunner.of(RuleEngine.compile(packs))
                .runAll(packs.get(0).testsDir().get());

        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r.problems()).isEmpty());
    }
}
