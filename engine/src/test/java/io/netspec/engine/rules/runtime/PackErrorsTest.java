package io.netspec.engine.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netspec.engine.rules.TestFacts;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.packs.PackProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Broken packs fail with {@code file:line: message}, never a stack trace. */
class PackErrorsTest {

    static final String ROOT = "src/test/resources/rules/";

    static List<String> problems(String pack) {
        PackException e = catchThrowableOfType(
                PackException.class, () -> RuleEngine.compile(PackLoader.load(Path.of(ROOT + pack))));
        assertThat(e).as("compiling " + pack).isNotNull();
        return e.problems().stream().map(PackProblem::toString).toList();
    }

    @Test
    void drlErrorsNameFileAndLine() {
        assertThat(problems("bad-syntax"))
                .singleElement()
                .asString()
                .startsWith(ROOT + "bad-syntax/broken.drl:8: ")
                .contains("noSuchField");
    }

    @Test
    void metadataProblemsNameTheRuleLine() {
        assertThat(problems("bad-meta"))
                .containsExactly(
                        ROOT
                                + "bad-meta/meta.drl:11: rule \"bad id\": id \"Bad_Id\" is not kebab-case (e.g. missing-default-deny)",
                        ROOT + "bad-meta/meta.drl:5: rule \"no metadata\" lacks @id, @severity, @title, @remediation "
                                + "(or mark a helper rule @internal)",
                        ROOT
                                + "bad-meta/meta.drl:25: rule \"second\": duplicate id \"same-id\", also used by rule \"first\" at "
                                + ROOT + "bad-meta/meta.drl:18",
                        ROOT
                                + "bad-meta/meta.drl:25: rule \"second\": @severity(\"high\") must be error, warning or info",
                        ROOT
                                + "bad-meta/meta.drl:25: rule \"second\": @remediation must be one imperative sentence ending in a period");
    }

    @Test
    void unknownGlobalsAreRejected() {
        assertThat(problems("bad-global"))
                .singleElement()
                .asString()
                .startsWith(ROOT + "bad-global/g.drl:5: global results of type java.util.List is not provided");
    }

    @Test
    void aPlaceholderWithoutValueFailsTheRun() throws Exception {
        RuleEngine engine = RuleEngine.compile(PackLoader.load(Path.of(ROOT + "bad-placeholder")));
        PackException e = catchThrowableOfType(
                PackException.class,
                () -> engine.run(TestFacts.cluster(
                        List.of(TestFacts.deployment("shop", "web", Map.of(), 1)), List.of(), List.of())));
        assertThat(e.getMessage())
                .isEqualTo(ROOT + "bad-placeholder/p.drl:6: rule \"typo in message\" (bad-placeholder): "
                        + "message placeholder {wl} has no value in \"workload {wl} is bad\"");
    }

    @Test
    void missingPacksAndManifestsAreClear(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(dir.resolve("nope"))))
                .hasMessage(dir.resolve("nope") + ": no such folder or jar");
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(dir)))
                .hasMessage(dir + ": no pack.yaml here or in a sub-folder");
        Files.writeString(dir.resolve("pack.yaml"), "name: Not Kebab\nversion: 1.0.0\n");
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(dir)))
                .hasMessage(dir + "/pack.yaml:1: pack name \"Not Kebab\" is not kebab-case (e.g. acme-network)");
        Files.writeString(dir.resolve("pack.yaml"), "name: [unclosed\n");
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(dir))
                        .getMessage())
                .startsWith(dir + "/pack.yaml:2: ");
    }

    @Test
    void aJarPackLoadsLikeAFolder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path jar = dir.resolve("org.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("pack.yaml", "demo.drl")) {
                out.putNextEntry(new JarEntry("netspec/packs/demo/" + name));
                out.write(Files.readAllBytes(Path.of(ROOT + "demo/" + name)));
                out.closeEntry();
            }
        }
        List<Pack> packs = PackLoader.load(jar);
        assertThat(packs)
                .extracting(Pack::name, Pack::location)
                .containsExactly(Tuple.tuple("demo", jar + "!/netspec/packs/demo"));
        assertThat(RuleEngine.compile(packs).rules()).hasSize(3);
    }

    @Test
    void theSamePackFromTwoSourcesIsOneError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("demo-copy"));
        Files.writeString(copy.resolve("pack.yaml"), "name: demo\nversion: 1.1.0\n");
        Files.copy(Path.of(ROOT + "demo/demo.drl"), copy.resolve("demo.drl"));
        List<Pack> both = new ArrayList<>(PackLoader.load(Path.of(ROOT + "demo")));
        both.addAll(PackLoader.load(copy));
        PackException e = catchThrowableOfType(PackException.class, () -> RuleEngine.compile(both));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .isEqualTo(copy + ": pack demo is loaded twice: demo@1.0.0 from " + ROOT + "demo and "
                        + "demo@1.1.0 from " + copy + "; keep one of them (--rules, or packs: in .netspec.yaml)");
    }

    @Test
    void aPackFolderThatIsAMavenProjectIgnoresItsBuildOutput(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.copy(Path.of(ROOT + "demo/pack.yaml"), dir.resolve("pack.yaml"));
        Files.copy(Path.of(ROOT + "demo/demo.drl"), dir.resolve("demo.drl"));
        Files.createDirectories(dir.resolve("target/classes"));
        Files.copy(Path.of(ROOT + "demo/demo.drl"), dir.resolve("target/classes/demo.drl"));
        Files.createDirectories(dir.resolve(".git"));
        Files.copy(Path.of(ROOT + "demo/demo.drl"), dir.resolve(".git/demo.drl"));
        assertThat(catchThrowableOfType(PackException.class, () -> RuleEngine.compile(PackLoader.load(dir))))
                .as("without a pom, target/ is the pack's own folder")
                .isNotNull();
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThat(PackLoader.load(dir).get(0).drlFiles())
                .extracting(Pack.DrlFile::path)
                .containsExactly("demo.drl");
        assertThat(RuleEngine.compile(PackLoader.load(dir)).rules()).hasSize(3);
    }
}
