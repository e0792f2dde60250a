package io.netspec.engine.rules.runtime;

import static io.netspec.engine.rules.runtime.PrecompiledPacksTest.demoCluster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule packs are code (issue 16): a consequence that throws, a rule that never stops, a zip bomb, text that is
 * not UTF-8 and parser noise each end in one {@code file:line} problem naming pack and rule, never a trace.
 */
class HostilePacksTest {

    @TempDir
    Path dir;

    private static final String HEADER = """
            package org.acme.hostile;

            import io.netspec.engine.model.*;
            import function io.netspec.engine.rules.Report.report;

            """;

    private static String rule(String name, String when, String then) {
        return "rule \"" + name + "\"\n    @id(\"" + name + "\")\n    @severity(\"error\")\n    @title(\"T\")\n"
                + "    @remediation(\"Fix it.\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private List<Pack> pack(String drl) throws Exception {
        Path p = dir.resolve("hostile");
        Files.createDirectories(p);
        Files.writeString(p.resolve("pack.yaml"), "name: hostile\nversion: 1.0.0\n");
        Files.writeString(p.resolve("rules.drl"), drl);
        return PackLoader.load(p);
    }

    private PackException runFails(String drl, RuleBudget budget) throws Exception {
        RuleEngine engine = RuleEngine.compile(pack(drl));
        var cluster = demoCluster();
        PackException e = catchThrowableOfType(
                PackException.class, () -> engine.run(cluster, Network.of(cluster), r -> true, budget));
        assertThat(e).as("the run fails").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e;
    }

    @Test
    void aConsequenceThatThrowsNamesPackRuleAndLine() throws Exception {
        PackException e = runFails(
                HEADER + rule("throws", "$w : Workload()", "throw new IllegalStateException(\"boom\");"),
                RuleBudget.DEFAULT);
        assertThat(e.getMessage())
                .isEqualTo(dir.resolve("hostile") + "/rules.drl:6: rule \"throws\" (hostile):"
                        + " consequence failed: IllegalStateException: boom");
    }

    @Test
    void aStackOverflowInAConsequenceNamesTheRule() throws Exception {
        PackException e = runFails(
                HEADER + "function int down(int n) { return down(n + 1) + 1; }\n\n"
                        + rule("recurses", "$w : Workload()", "down(0);"),
                RuleBudget.DEFAULT);
        assertThat(e.getMessage())
                .isEqualTo(dir.resolve("hostile") + "/rules.drl:8: rule \"recurses\" (hostile):"
                        + " consequence failed: stack overflow (a rule or function that calls itself?)");
    }

    @Test
    @Timeout(60) // a safety net: without a budget the rule never stops
    void aRuleThatKeepsInsertingStopsAtTheFiringBudget() throws Exception {
        String drl = HEADER + "declare Tick\n    n : long\nend\n\n"
                + rule("seed", "NamespaceFact()", "insert(new Tick(0));")
                + rule("grow", "$t : Tick()", "insert(new Tick($t.getN() + 1));");
        PackException e = runFails(drl, RuleBudget.DEFAULT.withMaxFirings(5_000));
        assertThat(e.getMessage())
                .startsWith(dir.resolve("hostile") + "/rules.drl:")
                .contains("rule \"grow\" (hostile):" + " rules fired more than 5000 times in one run")
                .contains("--max-rule-firings");
    }

    @Test
    @Timeout(60) // a safety net: without a budget the rule never stops
    void aConsequenceThatLoopsStopsAtTheTimeBudget() throws Exception {
        PackException e = runFails(
                HEADER + rule("spins", "$w : Workload()", "while (System.nanoTime() > 0) { Thread.onSpinWait(); }"),
                RuleBudget.DEFAULT.withTimeout(Duration.ofMillis(500)));
        assertThat(e.getMessage())
                .isEqualTo(dir.resolve("hostile") + "/rules.drl:6: rule \"spins\" (hostile):"
                        + " rules still running after 500 ms (the rule time budget; a rule that loops?). Raise it with"
                        + " --rule-timeout or limits.ruleTimeoutSeconds in .netspec.yaml");
    }

    @Test
    @Timeout(60)
    void aZipBombJarIsRefusedWithASizeError() throws Exception {
        Path jar = dir.resolve("bomb.jar");
        byte[] spaces = new byte[1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("pack.yaml"));
            out.write("name: bomb\nversion: 1.0.0\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("rules.drl"));
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
            }
            out.closeEntry();
        }
        assertThat(Files.size(jar)).isLessThan(2_000_000);
        PackException e = catchThrowableOfType(PackException.class, () -> PackLoader.load(jar));
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo(jar + "!/rules.drl: over the limit of " + PackLoader.MAX_FILE_BYTES
                        + " bytes uncompressed; the pack is not read");
    }

    @Test
    void aJarWithTooManyEntriesIsRefused() throws Exception {
        Path jar = dir.resolve("many.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i <= PackLoader.MAX_ENTRIES; i++) {
                out.putNextEntry(new JarEntry("e" + i + ".txt"));
                out.closeEntry();
            }
        }
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(jar)))
                .hasMessage(jar + ": holds more than " + PackLoader.MAX_ENTRIES + " entries; the pack is not read");
    }

    @Test
    void packFilesThatAreNotUtf8AreOneError() throws Exception {
        Path p = dir.resolve("latin");
        Files.createDirectories(p);
        Files.writeString(p.resolve("pack.yaml"), "name: latin\nversion: 1.0.0\n");
        Files.write(p.resolve("rules.drl"), "package a;\n\n// caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(p)))
                .hasMessage(p.resolve("rules.drl") + ":3: not UTF-8 (byte 0xe9 at offset 18); save it as UTF-8");
        Files.write(p.resolve("pack.yaml"), "name: latin\ndescription: caf\u00e9\n".getBytes(StandardCharsets.UTF_16));
        assertThat(catchThrowableOfType(PackException.class, () -> PackLoader.load(p)))
                .hasMessage(p.resolve("pack.yaml")
                        + ":1: not UTF-8: the text looks like UTF-16BE (byte order mark FE FF); save it as UTF-8");
    }

    @Test
    void drlParserNoiseNeverReachesStderr() throws Exception {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        PackException e;
        try {
            // Drools' consequence parser prints "line 1:14 no viable alternative at character '#'" and compiles on
            List<Pack> packs = pack(HEADER + rule("skips", "$w : Workload()", "modify($w) { ## }"));
            e = catchThrowableOfType(PackException.class, () -> RuleEngine.compile(packs));
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr").isEmpty();
        assertThat(e).isNotNull();
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("hostile") + "/rules.drl");
            assertThat(p.message()).startsWith("DRL parser: line 1:").doesNotContain("\n");
        });
    }

    @Test
    void syntaxErrorsAreFileAndLineWithoutParserInternals() throws Exception {
        List<Pack> packs = pack(HEADER + "rule \"x\" when\n  $o : Object( a == \"unterminated )\nthen end\n");
        PackException e = catchThrowableOfType(PackException.class, () -> RuleEngine.compile(packs));
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.message()).doesNotContain("Stack trace", "null Package");
        });
    }

    @Test
    void theBudgetComesFromTheConfig() throws Exception {
        Path config = dir.resolve(".netspec.yaml");
        Files.writeString(config, "limits:\n  ruleFirings: 1234\n  ruleTimeoutSeconds: 7\n");
        assertThat(CheckConfig.load(config).budget()).isEqualTo(new RuleBudget(1234, Duration.ofSeconds(7)));
        Files.writeString(config, "limits:\n  ruleFirings: 0\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(config)))
                .hasMessage(config + ":2: limits.ruleFirings must be a whole number of at least 1");
        assertThat(CheckConfig.DEFAULTS.budget()).isEqualTo(RuleBudget.DEFAULT);
    }

    @Test
    void aConfigThatIsNotUtf8IsOneError() throws IOException {
        Path config = dir.resolve(".netspec.yaml");
        Files.write(config, "failOn: error\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(config)))
                .hasMessage(config + ":2: not UTF-8 (byte 0xe9 at offset 19); save it as UTF-8");
    }
}
