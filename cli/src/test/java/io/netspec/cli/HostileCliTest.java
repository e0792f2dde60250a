package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust model and rule safety at the command line (issue 16). */
class HostileCliTest {

    @TempDir
    Path dir;

    private Path manifest() throws Exception {
        Path m = dir.resolve("ns.yaml");
        Files.writeString(
                m,
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                        + "apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop}\n"
                        + "spec: {hostNetwork: true, containers: [{name: c}]}\n");
        return m;
    }

    @Test
    void noConfigIgnoresTheWorkingDirectorysConfigAndSaysSo() throws Exception {
        Path here = Path.of(".netspec.yaml");
        assertThat(here).doesNotExist();
        Files.writeString(here, "rules:\n  disable: [host-network-workload]\n");
        try {
            MainTest.Run trusted = run("check", manifest().toString());
            assertThat(trusted.out())
                    .as(trusted.err())
                    .contains("config: .netspec.yaml")
                    .doesNotContain("[host-network-workload]");
            MainTest.Run untrusted = run("check", "--no-config", manifest().toString());
            assertThat(untrusted.out()).contains("[host-network-workload]", "config: none (--no-config)");
            MainTest.Run json =
                    run("check", "--no-config", "--format", "json", manifest().toString());
            assertThat(json.out()).contains("\"config\" : \"none (--no-config)\"");
        } finally {
            Files.deleteIfExists(here);
        }
        assertThat(run("check", "--no-config", "--config", "x.yaml", manifest().toString())
                        .exit())
                .isEqualTo(2);
    }

    @Test
    void aThrowingRuleIsExitTwoNamingPackRuleAndLine() throws Exception {
        Path pack = dir.resolve("org");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "name: org\nversion: 1.0.0\n");
        Files.writeString(pack.resolve("r.drl"), """
                package org.acme;

                import io.netspec.engine.model.*;

                rule "explodes"
                    @id("explodes")
                    @severity("error")
                    @title("T")
                    @remediation("Fix it.")
                when
                    NamespaceFact()
                then
                    throw new RuntimeException("boom\\n::error file=x::forged");
                end
                """);
        MainTest.Run r = run(
                "check", "--no-builtin", "--rules", pack.toString(), manifest().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith(pack.resolve("r.drl") + ":5: rule \"explodes\" (org): consequence failed:"
                        + " RuntimeException: boom ::error file=x::forged\n")
                .doesNotContain("\tat ", "\n::");
    }

    @Test
    void theFiringBudgetIsAFlag() throws Exception {
        Path pack = dir.resolve("loop");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "name: loop\nversion: 1.0.0\n");
        Files.writeString(pack.resolve("r.drl"), """
                package org.acme;

                import io.netspec.engine.model.*;

                declare Tick
                    n : long
                end

                rule "seed"
                    @id("seed")
                    @severity("error")
                    @title("T")
                    @remediation("Fix it.")
                when
                    NamespaceFact()
                then
                    insert(new Tick(0));
                end

                rule "grow"
                    @id("grow")
                    @severity("error")
                    @title("T")
                    @remediation("Fix it.")
                when
                    $t : Tick()
                then
                    insert(new Tick($t.getN() + 1));
                end
                """);
        MainTest.Run r = run(
                "check",
                "--no-builtin",
                "--no-config",
                "--max-rule-firings",
                "2000",
                "--rules",
                pack.toString(),
                manifest().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("r.drl:20: rule \"grow\" (loop): rules fired more than 2000 times");
    }

    @Test
    void namesWithControlCharactersAreShownNotObeyedInReachInventoryAndExplain() throws Exception {
        // an invalid name is read with a warning; an ESC sequence or a line break in it must not reach the terminal
        Path m = dir.resolve("evil.yaml");
        Files.writeString(
                m,
                "apiVersion: v1\nkind: Pod\nmetadata: {name: \"web\\e[31m\\nfake.yaml:1: error\", namespace: shop}\n"
                        + "spec: {containers: [{name: c}]}\n---\n"
                        + "apiVersion: v1\nkind: Pod\nmetadata: {name: db, namespace: shop}\nspec: {containers: [{name: c}]}\n");
        for (String[] args : new String[][] {
            {"reach", m.toString()},
            {"inventory", m.toString()},
            {"explain", m.toString(), "--from", "shop/web\u001b[31m\nfake.yaml:1: error", "--to", "shop/db"}
        }) {
            MainTest.Run r = run(args);
            assertThat(r.out())
                    .as(String.join(" ", args) + "\n" + r.err())
                    .doesNotContain("\u001b")
                    .doesNotContain("\nfake.yaml:1: error");
            assertThat(r.out()).contains("web\\u{001B}[31m\\nfake.yaml:1: error");
        }
    }

    @Test
    void testTakesNoConfigToo() throws Exception {
        Path here = Path.of(".netspec.yaml");
        assertThat(here).doesNotExist();
        Files.writeString(here, "packs: [no/such/pack]\n");
        try {
            Path feature = dir.resolve("a.feature");
            Files.writeString(
                    feature,
                    "Feature: f\n  Scenario: s\n    Given the manifests in \"ns.yaml\"\n"
                            + "    Then pod \"agent\" in \"shop\" can reach pod \"agent\" in \"shop\"\n");
            manifest();
            // the working directory's config names a pack that does not exist: read, it breaks the run
            assertThat(run("test", feature.toString()).exit()).isEqualTo(2);
            MainTest.Run untrusted = run("test", "--no-config", feature.toString());
            assertThat(untrusted.exit()).as(untrusted.out() + untrusted.err()).isZero();
        } finally {
            Files.deleteIfExists(here);
        }
        assertThat(run("test", "--no-config", "--config", "x.yaml", dir.toString())
                        .exit())
                .isEqualTo(2);
    }
}
