package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs as a platform engineer writes them from the README alone ({@code specs/new-user}): every phrasing
 * runs and passes; where one fails, the failure restates the expectation with the ports it is about and
 * gives the rule that decides it by file:line; where one is not a step, the error names its file:line, the
 * part that is not a reference or port, and the closest steps.
 */
class NewUserSpecsTest {

    static final Path DIR = Path.of("src/test/resources/specs/new-user");

    @Test
    void everyPhrasingRunsAndPasses() {
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(DIR.resolve("phrasings.feature"))));

        assertThat(specs.out()).doesNotContain("UNDEFINED", "FAIL", "ERROR");
        assertThat(specs.result().exitCode()).as(specs.out()).isZero();
        assertThat(specs.result().passed()).isEqualTo(16);
    }

    @Test
    void aRangePartlyAllowedFailsNamingThePortsAndTheRule(@TempDir Path dir) throws IOException {
        Specs specs = run(dir, """
                Feature: ranges
                  Scenario: more than the policy opens
                    Then deployment "api" in "shop" can reach the internet on ports 8000-8200
                  Scenario: part of the range is open
                    Then deployment "api" in "shop" must not reach cidr "8.8.8.0/24" on TCP ports 8050-8200
                  Scenario: one port of a list is closed
                    Then deployment "api" in "shop" can reach the internet on ports 443, 8100 and 8101
                """);

        assertThat(specs.result().failed()).isEqualTo(3);
        assertThat(specs.result().exitCode()).isEqualTo(1);
        String cluster = DIR.resolve("cluster.yaml").toString();
        assertThat(specs.out())
                .contains("expected deployment \"api\" in \"shop\" to reach the internet on ports 8000-8200/TCP,"
                        + " but it cannot")
                .contains("not allowed on TCP 8101-8200 (allowed: TCP 443,8000-8100)")
                .contains("shop/api egress rule 2 (" + cluster + ":248): ports [443/TCP, 8000-8100/TCP] do not"
                        + " include TCP 8101")
                .contains("expected deployment \"api\" in \"shop\" not to reach cidr \"8.8.8.0/24\" on ports"
                        + " 8050-8200/TCP, but it can")
                .contains("allowed on TCP 8050-8100\n")
                .contains("egress: allowed by shop/api egress rule 2 (" + cluster + ":248)")
                // a list fails on its first port that breaks it, and says which
                .contains("expected deployment \"api\" in \"shop\" to reach the internet on port 8101/TCP, but it"
                        + " cannot");
    }

    @Test
    void aNamespaceIsEveryWorkloadInIt(@TempDir Path dir) throws IOException {
        Specs specs = run(dir, """
                Feature: namespaces
                  Scenario: shop uses DNS in kube-system
                    Then namespace "shop" cannot reach namespace "kube-system"
                """);

        assertThat(specs.result().failed()).isEqualTo(1);
        // every workload of shop is a source: the failure names them pair by pair
        assertThat(specs.out())
                .contains("expected namespace \"shop\" not to reach namespace \"kube-system\" on any port, but it can:")
                .contains("shop/frontend[Deployment] -> kube-system/coredns[Deployment]:")
                .contains("shop/postgres[StatefulSet] -> kube-system/coredns[Deployment]:")
                .contains("egress: allowed by shop/dns egress rule 1 (");
    }

    /** "can't" and "can’t" are "cannot": where the connection is open, each fails as "cannot reach" would. */
    @Test
    void cantWithEitherApostropheIsCannot(@TempDir Path dir) throws IOException {
        Specs specs = run(dir, """
                Feature: apostrophes
                  Scenario: typewriter
                    Then deployment "frontend" in "shop" can't reach deployment "api" in "shop"
                  Scenario: typographic
                    Then deployment "frontend" in "shop" can’t reach deployment "api" in "shop" on port 9000
                """);

        assertThat(specs.out()).doesNotContain("UNDEFINED");
        assertThat(specs.result().failed()).as(specs.out()).isEqualTo(2);
        assertThat(specs.out())
                .contains("expected deployment \"frontend\" in \"shop\" not to reach deployment \"api\" in \"shop\""
                        + " on any port, but it can")
                .contains("expected deployment \"frontend\" in \"shop\" not to reach deployment \"api\" in \"shop\""
                        + " on port 9000/TCP, but it can");
    }

    @Test
    void aStepThatIsNoStepIsTaughtAtItsLine(@TempDir Path dir) throws IOException {
        Specs specs = run(dir, """
                Feature: mistakes
                  Scenario Outline: <what>
                    Then deployment "api" in "shop" <step>

                    Examples:
                      | what        | step                                                |
                      | an ip       | can reach ip "8.8.8.8" on port 443                  |
                      | a bare name | can reach postgres                                  |
                      | port first  | cannot reach statefulset "postgres" in "shop" on port TCP 22 |
                """);

        assertThat(specs.result().undefined()).isEqualTo(3);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        String file = dir.resolve("spec.feature").toString();
        assertThat(specs.out())
                .contains(file + ":3: Then deployment \"api\" in \"shop\" can reach ip \"8.8.8.8\" on port 443 matches"
                        + " no step")
                .contains("not a reference: ip \"8.8.8.8\"; write cidr \"8.8.8.8\", or deployment \"NAME\" in \"NS\"")
                .contains("not a reference: postgres; write ")
                .contains("not a port: port TCP 22; write port 5432, port 53/UDP, UDP port 53")
                .containsPattern(
                        "closest step: \\{workload\\} (cannot/can't/can’t|can/must/should not) reach \\{workload\\} on"
                                + " \\{port\\}");
    }

    private static Specs run(Path dir, String gherkin) throws IOException {
        Path file = dir.resolve("spec.feature");
        Files.writeString(file, gherkin);
        return Specs.run(SpecRunner.Options.of(List.of(file)).withManifests(List.of(DIR.resolve("cluster.yaml"))));
    }

    @Test
    void aTableOfConnectionsIsToldHowToWriteItAndAMissingPathIsShownAsWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.feature");
        Files.writeString(file, """
                Feature: habits from other tools
                  Scenario: a table
                    Given the manifests in "../nope"
                  Scenario: a table
                    Then the following connections are allowed:
                      | from     | to       | port |
                      | frontend | api      | 9000 |
                """);
        Specs specs =
                Specs.run(SpecRunner.Options.of(List.of(file)).withManifests(List.of(DIR.resolve("cluster.yaml"))));

        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains("error: no such file or folder: \"../nope\" ("
                        + dir.getParent().resolve("nope") + ";")
                .contains(file + ":5: Then the following connections are allowed: matches no step")
                .contains("no step takes a data table: write one step per row, or a Scenario Outline whose Examples"
                        + " are the table");
    }

    /** "the cluster DNS" follows the config's DNS target, as rule dns-egress-blocked does. */
    @Test
    void theClusterDnsIsWhereTheConfigSays(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".netspec.yaml"), "dns:\n  namespace: shop\n  podSelector: {app: api}\n");
        Path file = dir.resolve("spec.feature");
        Files.writeString(file, """
                Feature: DNS elsewhere
                  Scenario: the api serves names here
                    Then deployment "frontend" in "shop" can reach the cluster DNS on port 9000
                    And statefulset "postgres" in "shop" cannot reach the cluster DNS
                """);
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(file))
                .withManifests(List.of(DIR.resolve("cluster.yaml")))
                .withConfig(dir.resolve(".netspec.yaml")));

        assertThat(specs.result().exitCode()).as(specs.out()).isZero();
    }
}
