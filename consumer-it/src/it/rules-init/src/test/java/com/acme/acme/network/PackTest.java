package com.acme.acme.network;

import io.netspec.cli.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pack's own checks: its fixtures pass, its docs are current, its versions agree. */
class PackTest {

    @Test
    void fixturesPass() {
        assertEquals(0, Main.run("rules", "test", "."), "netspec rules test . failed (see above)");
    }

    @Test
    void docsAreCurrent() throws Exception {
        Path fresh = Path.of("target/docs");
        assertEquals(0, Main.run("rules", "list", "--no-builtin", "--rules", ".", "--format", "markdown",
                "--output-dir", fresh.toString()));
        assertEquals(Files.readString(fresh.resolve("acme-network.md")), Files.readString(Path.of("docs/acme-network.md")),
                "docs/acme-network.md is stale: regenerate it with netspec rules list --no-builtin --rules . "
                        + "--format markdown --output-dir docs");
    }

    @Test
    void packVersionIsTheProjectVersion() throws Exception {
        String yaml = Files.readString(Path.of("pack.yaml"));
        String version = yaml.lines().filter(l -> l.startsWith("version:")).findFirst().orElse("")
                .substring("version:".length()).trim();
        assertEquals(System.getProperty("pack.version"), version, "pack.yaml's version and the pom's differ");
    }
}
