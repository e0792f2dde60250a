package io.netspec.engine.rules.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netspec.engine.version.NetspecVersion;
import io.netspec.engine.version.SemVer;
import io.netspec.engine.version.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pack.yaml} has a schema: every mistake is one {@code file:line} problem; versions are semantic. */
class PackManifestTest {

    static String problem(String yaml) {
        PackException e = catchThrowableOfType(PackException.class, () -> PackManifest.parse(yaml, "p/pack.yaml"));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.getMessage();
    }

    @Test
    void aCompleteManifestParses() throws Exception {
        PackManifest m = PackManifest.parse(
                "name: acme\nversion: 2.3.0-rc.1+build.5\ndescription: ACME rules\n" + "requires: \">=0.2.0 <1.0.0\"\n",
                "p/pack.yaml");
        assertThat(m.name()).isEqualTo("acme");
        assertThat(m.version()).hasToString("2.3.0-rc.1+build.5");
        assertThat(m.requires()).hasValueSatisfying(r -> assertThat(r).hasToString(">=0.2.0 <1.0.0"));
        assertThat(m.requiresLine()).isEqualTo(4);
    }

    @Test
    void mistakesNameTheLine() {
        assertThat(problem("name: acme\nversion: banana\n"))
                .isEqualTo("p/pack.yaml:2: version \"banana\" is not a semantic version such as 1.0.0");
        assertThat(problem("name: acme\nversion: 1.0\n"))
                .isEqualTo("p/pack.yaml:2: version \"1.0\" is not a semantic version such as 1.0.0");
        assertThat(problem("name: acme\nversion: 1.0.0\nrequire: \">=0.2.0\"\n"))
                .isEqualTo("p/pack.yaml:3: unknown key \"require\" (expected name, version, description, requires)");
        assertThat(problem("name: acme\nversion: 1.0.0\nrequires: \"~0.2\"\n"))
                .startsWith("p/pack.yaml:3: requires: \"~0.2\" is not");
        assertThat(problem("name: acme\n"))
                .isEqualTo("p/pack.yaml:1: missing \"version\" (name, version, description, requires)");
        assertThat(problem("version: 1.0.0\n")).startsWith("p/pack.yaml:1: missing \"name\"");
        assertThat(problem("name: acme\nversion: 1.0.0\ndescription: [a, b]\n"))
                .isEqualTo("p/pack.yaml:3: description must be a single value");
        assertThat(problem("- name\n")).startsWith("p/pack.yaml:1: expected a mapping");
        assertThat(problem("name: acme\nname: other\nversion: 1.0.0\n"))
                .isEqualTo("p/pack.yaml:2: duplicate key \"name\"");
    }

    @ParameterizedTest
    @CsvSource({
        "1.0.0, 1.0.1", "1.0.0-alpha, 1.0.0", "1.0.0-alpha, 1.0.0-alpha.1", "1.0.0-alpha.1, 1.0.0-alpha.beta",
        "1.0.0-beta.2, 1.0.0-beta.11", "1.0.0-rc.1, 1.0.0", "1.9.0, 1.10.0", "0.2.0-SNAPSHOT, 0.2.0"
    })
    void semanticVersionPrecedence(String lower, String higher) {
        assertThat(SemVer.parse(lower).orElseThrow())
                .isLessThan(SemVer.parse(higher).orElseThrow());
    }

    @Test
    void rangesAdmitWhatAllTheirComparatorsAdmit() {
        VersionRange r = VersionRange.parse(">=0.2.0 <1.0.0").range().orElseThrow();
        assertThat(r.admits(SemVer.parse("0.2.0").orElseThrow())).isTrue();
        assertThat(r.admits(SemVer.parse("0.9.9").orElseThrow())).isTrue();
        assertThat(r.admits(SemVer.parse("0.1.9").orElseThrow())).isFalse();
        assertThat(r.admits(SemVer.parse("1.0.0").orElseThrow())).isFalse();
        assertThat(VersionRange.parse("=0.3.1")
                        .range()
                        .orElseThrow()
                        .admits(SemVer.parse("0.3.1").orElseThrow()))
                .isTrue();
        assertThat(VersionRange.parse("[0.2,1.0)").range()).isEmpty();
    }

    @Test
    void aPackNeedingANewerNetspecIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pack.yaml"), "name: future\nversion: 1.0.0\nrequires: \">=99.0.0\"\n");
        Files.writeString(dir.resolve("r.drl"), "package future;\nrule \"x\" when then thisDoesNotCompile(); end\n");
        PackException e = catchThrowableOfType(PackException.class, () -> PackLoader.load(dir));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .isEqualTo(dir + "/pack.yaml:3: pack future@1.0.0 requires netspec >=99.0.0, but this is " + "netspec "
                        + NetspecVersion.current().version() + "; upgrade netspec or pin an older version of the pack");
    }

    @Test
    void theBuildStampsTheNetspecVersion() {
        assertThat(NetspecVersion.current().version().major()
                        + NetspecVersion.current().version().minor())
                .isPositive();
        assertThat(NetspecVersion.current().version().preRelease()).isNotEqualTo("unknown");
    }
}
