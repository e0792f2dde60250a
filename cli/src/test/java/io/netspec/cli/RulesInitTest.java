package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.version.NetspecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netspec rules init}: the scaffold is a working pack at once, its docs are current, and it
 * is the project {@code consumer-it/src/it/rules-init} builds with Maven (so the pom, the jar layout
 * and PackTest are proven there, offline, against this reactor's artifacts).
 */
class RulesInitTest {

    static final Path BUILT =
            Path.of("../consumer-it/src/it/rules-init").toAbsolutePath().normalize();

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @Test
    void theScaffoldIsAPackWhoseFixturesPassAndWhoseDocsAreCurrent(@TempDir Path dir) throws Exception {
        assertThat(Main.run("rules", "init", "acme-network", "--group-id", "com.acme", "--dir", dir.toString()))
                .as(console.err())
                .isZero();
        Path pack = dir.resolve("acme-network");
        assertThat(console.out()).startsWith("created " + pack);
        assertThat(Main.run("rules", "test", pack.toString())).isZero();
        assertThat(console.out())
                .contains("ok   acme-network/no-host-network/fail-host-network.yaml")
                .contains("2 passed, 0 failed");
        assertThat(pack.resolve("docs/acme-network.md")).content().contains("no-host-network");
        assertThat(Files.readString(pack.resolve("pack.yaml")))
                .contains("requires: \">=" + NetspecVersion.current().compatibility());
    }

    @Test
    void itRefusesBadNamesAndNonEmptyFolders(@TempDir Path dir) throws Exception {
        assertThat(Main.run("rules", "init", "Acme_Pack", "--dir", dir.toString()))
                .isEqualTo(2);
        assertThat(console.err()).contains("pack name \"Acme_Pack\" is not kebab-case");
        Files.createDirectories(dir.resolve("taken"));
        Files.writeString(dir.resolve("taken/x"), "");
        assertThat(Main.run("rules", "init", "taken", "--dir", dir.toString())).isEqualTo(2);
        assertThat(console.err()).contains("exists and is not empty");
    }

    /** Regenerate with -Dnetspec.updateScaffold=true after changing PackScaffold. */
    @Test
    void theMavenBuiltCopyIsWhatInitWrites(@TempDir Path dir) throws Exception {
        assertThat(Main.run("rules", "init", "acme-network", "--group-id", "com.acme", "--dir", dir.toString()))
                .isZero();
        Path fresh = dir.resolve("acme-network");
        String version = NetspecVersion.current().version().toString();
        if (Boolean.getBoolean("netspec.updateScaffold")) {
            try (Stream<Path> walk = Files.walk(fresh)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    Path target = BUILT.resolve(fresh.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.writeString(
                            target,
                            Files.readString(f)
                                    .replace(
                                            "<netspec.version>" + version + "</netspec.version>",
                                            "<netspec.version>@project.version@</netspec.version>"));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(fresh)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                expected.put(fresh.relativize(f).toString(), Files.readString(f));
            }
        }
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(BUILT)) {
            for (Path f : walk.filter(Files::isRegularFile)
                    .filter(f -> !List.of("verify.groovy", "invoker.properties")
                            .contains(f.getFileName().toString()))
                    .toList()) {
                committed.put(
                        BUILT.relativize(f).toString(), Files.readString(f).replace("@project.version@", version));
            }
        }
        assertThat(committed)
                .as("consumer-it/src/it/rules-init is stale: run RulesInitTest with " + "-Dnetspec.updateScaffold=true")
                .isEqualTo(expected);
    }
}
