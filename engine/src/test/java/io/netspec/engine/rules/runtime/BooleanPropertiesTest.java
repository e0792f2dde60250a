package io.netspec.engine.rules.runtime;

import static io.netspec.engine.rules.TestFacts.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PolicyFact(isolatesIngress)} works as a property, in the classic build and the executable model. */
class BooleanPropertiesTest {

    static final Cluster CLUSTER = cluster(
            List.of(),
            List.of(),
            List.of(
                    new PolicyFact(
                            "shop",
                            "in",
                            Selector.ALL,
                            true,
                            false,
                            List.of(),
                            List.of(),
                            Map.of(),
                            new SourceRef("p.yaml", 1)),
                    new PolicyFact(
                            "shop",
                            "both",
                            Selector.ALL,
                            true,
                            true,
                            List.of(),
                            List.of(),
                            Map.of(),
                            new SourceRef("p.yaml", 9))));

    static final List<String> EXPECTED = List.of("policy in isolates ingress only", "policy both isolates egress");

    @Test
    void classicBuild() throws Exception {
        RuleEngine engine = RuleEngine.compile(PackLoader.load(Path.of("src/test/resources/rules/boolean-props")));
        assertThat(engine.run(CLUSTER)).extracting(Finding::message).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void executableModel(@TempDir Path classes) throws Exception {
        Path packs = PrecompiledPacksTest.classesWith(classes, "boolean-props");
        assertThat(PrecompiledPacks.compileInto(packs, classes, System.err)).isEqualTo(PrecompiledPacks.FORMAT_MODEL);
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            List<Pack> builtIn = PackLoader.onClasspath(loader);
            RuleEngine engine =
                    RuleEngine.of(List.of(PrecompiledPacks.load(builtIn, loader).orElseThrow()), builtIn);
            assertThat(engine.run(CLUSTER)).extracting(Finding::message).containsExactlyElementsOf(EXPECTED);
        }
    }
}
