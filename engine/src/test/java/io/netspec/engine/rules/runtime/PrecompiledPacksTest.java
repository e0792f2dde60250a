package io.netspec.engine.rules.runtime;

import static io.netspec.engine.rules.TestFacts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Selector;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/** The build step that compiles built-in packs ahead of time, and loading its output as a classpath would. */
class PrecompiledPacksTest {

    static final Path RULES = Path.of("src/test/resources/rules");

    /** A classes folder laid out like the rules module's: netspec/packs/<pack>/... */
    static Path classesWith(Path classes, String... packs) throws IOException {
        for (String pack : packs) {
            Path from = RULES.resolve(pack);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    Path to = classes.resolve(PackLoader.BUILTIN_ROOT)
                            .resolve(pack)
                            .resolve(from.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
        }
        return classes.resolve(PackLoader.BUILTIN_ROOT);
    }

    static Cluster demoCluster() {
        return cluster(
                List.of(
                        deployment("shop", "web", Map.of("app", "web"), true, Map.of(), 7),
                        deployment("shop", "db", Map.of("app", "db"), 30)),
                List.of(service("shop", "ghost", Map.of("app", "nope"), 3, servicePort(80, PortRef.number(8080)))),
                List.of(policy("shop", "db-only", Selector.of(Map.of("app", "db")), List.of(), 12)));
    }

    static List<String> lines(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.source() + " " + f.severity() + " [" + f.ruleId() + "] " + f.message())
                .toList();
    }

    @Test
    void executableModelOnTheClasspathRunsLikeTheDrl(@TempDir Path classes) throws Exception {
        Path packsDir = classesWith(classes, "demo");
        assertThat(PrecompiledPacks.compileInto(packsDir, classes, System.err))
                .isEqualTo(PrecompiledPacks.FORMAT_MODEL);
        assertThat(Files.readString(classes.resolve(PackLoader.FILE_LIST)))
                .contains("demo/pack.yaml\n", "demo/demo.drl\n")
                .doesNotContain("tests/");
        assertThat(PrecompiledPacks.compileInto(packsDir, classes, System.err))
                .as("a second build of the same packs")
                .isEqualTo(PrecompiledPacks.FORMAT_MODEL + ", up to date");

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            List<Pack> builtIn = PackLoader.onClasspath(loader);
            assertThat(builtIn).extracting(Pack::location).containsExactly("builtin:demo");
            Optional<KieBase> precompiled = PrecompiledPacks.load(builtIn, loader);
            assertThat(precompiled).isPresent();
            RuleEngine engine = RuleEngine.of(List.of(precompiled.get()), builtIn);
            assertThat(engine.rules())
                    .extracting(r -> r.id() + " " + r.source())
                    .containsExactly(
                            "dangling-service builtin:demo/demo.drl:32",
                            "host-network builtin:demo/demo.drl:10",
                            "workload-not-isolated builtin:demo/demo.drl:21");
            assertThat(lines(engine.run(demoCluster())))
                    .isEqualTo(lines(RuleEngine.compile(PackLoader.load(RULES.resolve("demo")))
                            .run(demoCluster())))
                    .hasSize(3);
        }
    }

    @Test
    void editedDrlIsNotShadowedByStaleClasses(@TempDir Path classes) throws Exception {
        Path packsDir = classesWith(classes, "demo");
        PrecompiledPacks.compileInto(packsDir, classes, System.err);
        Path drl = packsDir.resolve("demo/demo.drl");
        Files.writeString(drl, Files.readString(drl).replace("uses the host network\"", "is on the host network\""));
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            List<Pack> edited = PackLoader.onClasspath(loader);
            assertThat(PrecompiledPacks.load(edited, loader)).isEmpty();
            assertThat(lines(RuleEngine.compile(edited).run(demoCluster())))
                    .contains(
                            "k8s/app.yaml:7 warning [host-network] workload shop/web[Deployment] is on the host network");
        }
        assertThat(PrecompiledPacks.compileInto(packsDir, classes, System.err))
                .as("the next build compiles the edited packs again")
                .isEqualTo(PrecompiledPacks.FORMAT_MODEL);
    }

    @Test
    void drlTheExecutableModelRejectsShipsAsSerializedPackages(@TempDir Path classes) throws Exception {
        Path packsDir = classesWith(classes, "exec-model-gap");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        String format = PrecompiledPacks.compileInto(
                packsDir, classes, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat(format).isEqualTo(PrecompiledPacks.FORMAT_PACKAGES);
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("executable model cannot compile");

        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            List<Pack> builtIn = PackLoader.onClasspath(loader);
            Optional<KieBase> precompiled = PrecompiledPacks.load(builtIn, loader);
            assertThat(precompiled).isPresent();
            Cluster cluster = cluster(
                    List.of(
                            deployment("shop", "a", Map.of(), 3),
                            deployment("shop", "b", Map.of(), 9),
                            deployment("solo", "c", Map.of(), 20)),
                    List.of(),
                    List.of());
            assertThat(RuleEngine.of(List.of(precompiled.get()), builtIn).run(cluster))
                    .extracting(Finding::message)
                    .containsExactly("namespace shop holds 2 workloads");
        }
    }

    @Test
    void badMetadataFailsTheBuildNamingFileAndLine(@TempDir Path classes) throws Exception {
        Path packsDir = classesWith(classes, "bad-meta");
        assertThatThrownBy(() -> PrecompiledPacks.compileInto(packsDir, classes, System.err))
                .isInstanceOf(PackException.class)
                .hasMessageContaining(packsDir.resolve("bad-meta") + "/meta.drl:5: rule \"no metadata\" lacks @id");
        assertThat(classes.resolve(PrecompiledPacks.INDEX)).doesNotExist();
    }
}
