package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec diff} on two small folders: the shop of {@link ReachCommandTest} before and after a change. */
class DiffCommandTest {

    private static final String CACHE = """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cache
              namespace: shop
            spec:
              selector:
                matchLabels: {app: cache}
              template:
                metadata:
                  labels: {app: cache}
                spec:
                  containers:
                  - name: cache
                    image: redis
            """;

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @TempDir
    Path dir;

    private Path before;
    private Path after;

    /** After: the 10/8 block split in two halves (same meaning), 443 moved to 8443, and a new cache Deployment. */
    @BeforeEach
    void folders() throws IOException {
        before = Files.createDirectories(dir.resolve("old"));
        after = Files.createDirectories(dir.resolve("new"));
        Files.writeString(before.resolve("shop.yaml"), ReachCommandTest.SHOP);
        String changed = ReachCommandTest.SHOP
                .replace("cidr: 10.0.0.0/8", "cidr: 10.0.0.0/9\n    - ipBlock:\n        cidr: 10.128.0.0/9")
                .replace("- port: 443", "- port: 8443");
        assertThat(changed).isNotEqualTo(ReachCommandTest.SHOP);
        Files.writeString(after.resolve("shop.yaml"), changed);
        Files.writeString(after.resolve("cache.yaml"), CACHE);
    }

    @Test
    void listsWhatTheChangeOpensAndCloses() {
        assertThat(Main.run("diff", before.toString(), after.toString())).isEqualTo(0);
        assertThat(console.out()).isEqualTo("""
                + workload shop/cache[Deployment] (%s:2)
                + 0.0.0.0-255.255.255.255[External] => shop/cache[Deployment] : All Connections
                - 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 443
                + 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 8443
                + shop/cache[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                + shop/cache[Deployment] => shop/web[Deployment] : All Connections
                + shop/db[Deployment] => shop/cache[Deployment] : All Connections
                + shop/web[Deployment] => shop/cache[Deployment] : All Connections

                6 connections added, 1 removed; 1 workload added, 0 removed
                """.formatted(after.resolve("cache.yaml")));
        assertThat(console.out()).doesNotContain("\u001B[");
    }

    @Test
    void theSameFoldersGiveNoDifferenceAndExitZeroEvenWithFailOnAdded() {
        assertThat(Main.run("diff", before.toString(), before.toString(), "--fail-on-added"))
                .isEqualTo(0);
        assertThat(console.out()).isEqualTo("0 connections added, 0 removed; 0 workloads added, 0 removed\n");
    }

    @Test
    void failOnAddedExitsOneWhenAConnectionWasAdded() {
        assertThat(Main.run("diff", before.toString(), after.toString(), "--fail-on-added"))
                .isEqualTo(1);
        // only removals, seen the other way round: exit 0
        console.resetOut();
        assertThat(Main.run("diff", after.toString(), before.toString(), "--fail-on-added", "--from", "shop/cache"))
                .isEqualTo(0);
        assertThat(console.out())
                .contains("- shop/cache[Deployment] => shop/web[Deployment]")
                .doesNotContain("\n+ ");
    }

    @Test
    void filtersNarrowToOnePairOrAddress() {
        assertThat(Main.run("diff", before.toString(), after.toString(), "--from", "10.1.2.3", "--to", "shop/db"))
                .isEqualTo(0);
        assertThat(console.out()).isEqualTo("""
                - 10.1.2.3-10.1.2.3[External] => shop/db[Deployment] : TCP 443
                + 10.1.2.3-10.1.2.3[External] => shop/db[Deployment] : TCP 8443

                1 connection added, 1 removed; 0 workloads added, 0 removed
                """);
    }

    @Test
    void explainNamesTheNewRuleThatAllowsAnAddedConnection() {
        assertThat(Main.run("diff", before.toString(), after.toString(), "--to", "shop/db", "--explain"))
                .isEqualTo(0);
        assertThat(console.out()).contains("""
                + 10.0.0.0-10.255.255.255[External] => shop/db[Deployment] : TCP 8443
                    egress: 10.0.0.0-10.255.255.255[External] is outside the cluster: no egress policy applies
                    ingress: allowed by shop/db-in ingress rule 2 (%s:""".formatted(after.resolve("shop.yaml")));
    }

    @Test
    void jsonAndMarkdown() {
        assertThat(Main.run("diff", before.toString(), after.toString(), "--to", "shop/db", "--format", "json"))
                .isEqualTo(0);
        assertThat(console.out())
                .contains(
                        "\"schema\" : \"netspec.diff/v1\"",
                        "\"change\" : \"removed\"",
                        "\"conn\" : \"TCP 8443\"",
                        "\"connectionsAdded\" : 1",
                        "\"workloadsAdded\" : 0");
        console.resetOut();
        assertThat(Main.run("diff", before.toString(), after.toString(), "--format", "md"))
                .isEqualTo(0);
        assertThat(console.out())
                .startsWith("**netspec diff**: 6 connections added, 1 removed; 1 workload added, 0 removed\n")
                .contains(
                        "| added | `shop/cache[Deployment]` |",
                        "| removed | `10.0.0.0-10.255.255.255[External]` | `shop/db[Deployment]` | TCP 443 |");
    }

    @Test
    void badInputOnEitherSideIsReportedByFileAndLine() throws IOException {
        Path broken = after.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata: [oops\n");
        assertThat(Main.run("diff", before.toString(), after.toString())).isEqualTo(2);
        assertThat(console.err()).contains(broken + ":");
        assertThat(console.out()).isEmpty();
        assertThat(Main.run("diff", before.toString(), dir.resolve("missing").toString()))
                .isEqualTo(2);
        assertThat(Main.run("diff", before.toString())).isEqualTo(2);
        assertThat(Main.run("diff", before.toString(), before.toString(), "--format", "pdf"))
                .isEqualTo(2);
        assertThat(Main.run("diff", before.toString(), before.toString(), "--from", "shop/nope"))
                .isEqualTo(2);
        assertThat(console.err()).contains("unknown workload 'shop/nope'");
    }

    @Test
    void colourOnlyWhenForced() {
        assertThat(Main.run("diff", before.toString(), after.toString(), "--color=always", "--to", "shop/db"))
                .isEqualTo(0);
        assertThat(console.out())
                .contains(
                        "\u001B[31m-\u001B[0m 10.0.0.0-10.255.255.255[External]",
                        "\u001B[32m+\u001B[0m 10.0.0.0-10.255.255.255[External]");
        console.resetOut();
        assertThat(Main.run("diff", before.toString(), after.toString(), "--color", "never", "--to", "shop/db"))
                .isEqualTo(0);
        assertThat(console.out()).doesNotContain("\u001B[");
        assertThat(Main.run("diff", before.toString(), after.toString(), "--color=sometimes"))
                .isEqualTo(2);
        // written to a file: never colour, even when forced
        Path file = dir.resolve("diff.txt");
        assertThat(Main.run("diff", before.toString(), after.toString(), "--color=always", "-o", file.toString()))
                .isEqualTo(0);
        assertThat(file)
                .content()
                .contains("+ shop/web[Deployment] => shop/cache[Deployment]")
                .doesNotContain("\u001B[");
    }

    @Test
    void checkAndTestColourSeverityAndVerdictWhenForced() {
        Path examples = TestCommandTest.EXAMPLES;
        assertThat(Main.run("check", examples.resolve("shop").toString(), "--color=always"))
                .isEqualTo(0);
        assertThat(console.out()).contains(": \u001B[33mwarning\u001B[0m [unknown-dependency]");
        console.resetOut();
        assertThat(Main.run("check", examples.resolve("shop").toString())).isEqualTo(0);
        assertThat(console.out()).contains(": warning [unknown-dependency]").doesNotContain("\u001B[");
        console.resetOut();
        assertThat(Main.run(
                        "test",
                        examples.resolve("broken/namespace-label-missing").toString(),
                        "--color=always"))
                .isEqualTo(1);
        assertThat(console.out()).contains("  \u001B[31mFAIL\u001B[0m   the api reaches postgres");
    }
}
