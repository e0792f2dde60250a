package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running specs end to end: verdicts, exit codes and what a failure says. */
class SpecRunnerTest {

    /** Two namespaces: web may call api on 8080 only; api is isolated for ingress. */
    private static final String CLUSTER = """
              Given the manifests:
                \"\"\"
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: front}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: web:1}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: back}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1
                          ports: [{name: http, containerPort: 8080}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api, namespace: back}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: front}}}]
                      ports: [{port: http}]
                \"\"\"
            """;

    private static String feature(String... thens) {
        StringBuilder sb = new StringBuilder("Feature: f\n  Scenario: s\n").append(CLUSTER);
        for (String then : thens) {
            sb.append("    Then ").append(then).append('\n');
        }
        return sb.toString();
    }

    @Test
    void passingSpecsExitZeroWithASummary(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir,
                feature(
                        "deployment \"web\" in \"front\" can reach deployment \"api\" in \"back\" on port http",
                        "deployment \"web\" in \"front\" can reach deployment \"api\" in \"back\"",
                        "deployment \"web\" in \"front\" cannot reach deployment \"api\" in \"back\" on port 9090",
                        "deployment \"api\" in \"back\" can reach the internet",
                        "the internet cannot reach deployment \"api\" in \"back\"",
                        "deployment \"api\" in \"back\" is isolated for ingress",
                        "deployment \"api\" in \"back\" is not isolated for egress"));
        assertThat(specs.out()).contains("  PASS   s (line 2)").endsWith("1 scenario: 1 passed, 0 failed\n");
        assertThat(specs.result().exitCode()).isZero();
    }

    @Test
    void anUnwantedConnectionNamesTheRulesThatAllowIt(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir, feature("deployment \"web\" in \"front\" must not reach deployment \"api\" in \"back\""));
        assertThat(specs.result().exitCode()).isEqualTo(1);
        assertThat(specs.out())
                .contains("""
                  FAIL   s (line 2)
                      Then deployment "web" in "front" must not reach deployment "api" in "back" (line 37)
                        expected deployment "web" in "front" not to reach deployment "api" in "back" on any port, but it can:
                          front/web[Deployment] -> back/api[Deployment]:
                            allowed: TCP 8080
                            allowed TCP 8080:
                              egress: front/web[Deployment] is not isolated for egress
                """)
                .contains("ingress: allowed by back/api ingress rule 1 (" + relative(dir) + ":34)");
    }

    @Test
    void aMissingConnectionNamesTheIsolationAndWhyNoRuleMatches(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("the internet can reach deployment \"api\" in \"back\" on port 8080"));
        assertThat(specs.result().failed()).isEqualTo(1);
        assertThat(specs.out())
                .contains(
                        "expected the internet to reach deployment \"api\" in \"back\" on port 8080/TCP, but it cannot (from no external address):")
                .contains(
                        "ingress: back/api[Deployment] is isolated for ingress by back/api (" + relative(dir) + ":28)")
                .contains("do not match 0.0.0.0-255.255.255.255[External]");
    }

    @Test
    void anUnknownReferenceIsAnErrorNamingWhatExists(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir, feature("deployment \"wbe\" in \"front\" cannot reach deployment \"api\" in \"back\""));
        assertThat(specs.result().errors()).isEqualTo(1);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains("  ERROR  s (line 2)")
                .contains("error: no deployment \"wbe\" in \"front\"; did you mean \"web\"?")
                .endsWith("1 scenario: 0 passed, 0 failed, 1 error\n");
    }

    @Test
    void aPortNameTheDestinationLacksIsAnError(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir,
                feature("deployment \"web\" in \"front\" cannot reach deployment \"api\" in \"back\" on port htp"));
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains(
                        "error: no port named htp on deployment \"api\" in \"back\" (ports of back/api[Deployment]: http 8080/TCP)");
    }

    @Test
    void anUndefinedStepGetsTheClosestDefinedOne(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir, feature("deployment \"web\" in \"front\" can talk to deployment \"api\" in \"back\""));
        assertThat(specs.result().undefined()).isEqualTo(1);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains(dir.resolve("spec.feature") + ":37: Then deployment \"web\" in \"front\" can talk to"
                        + " deployment \"api\" in \"back\" matches no step")
                .contains("closest step: {workload} can/must/should reach {workload}\n")
                .contains("netspec test --steps");
    }

    @Test
    void manifestsThatDoNotLoadAreAnErrorAtTheirFeatureFileLine(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, """
                Feature: f
                  Scenario: s
                    Given the manifests:
                      \"\"\"
                      apiVersion: v1
                      kind: Namespace
                      metadata: [oops
                      \"\"\"
                    Then deployment "a" in "b" can reach deployment "c" in "d"
                """);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out()).contains("Given the manifests: (line 3)").contains(relative(dir) + ":7: ");
    }

    @Test
    void manifestsForEveryScenarioAndFilesRelativeToTheFeature(@TempDir Path dir) throws IOException {
        Path shop = Specs.examples().resolve("shop");
        Files.createDirectories(dir.resolve("k8s"));
        Files.writeString(dir.resolve("k8s/extra.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: batch, namespace: shop-backend}
                spec:
                  selector: {matchLabels: {app: batch}}
                  template:
                    metadata: {labels: {app: batch}}
                    spec:
                      containers: [{name: batch, image: batch:1}]
                """);
        Files.writeString(dir.resolve("spec.feature"), """
                Feature: f
                  Scenario: given only by --manifests
                    Then deployment "web" in "shop-frontend" can reach service "api" in "shop-backend" on port 8080
                  Scenario: plus a file relative to this feature
                    Given the manifests in "k8s/extra.yaml"
                    Then deployment "batch" in "shop-backend" cannot reach statefulset "postgres" in "shop-data"
                """);
        Specs specs = Specs.run(
                SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))).withManifests(List.of(shop)));
        assertThat(specs.result().passed()).as(specs.out()).isEqualTo(2);
        assertThat(System.getProperty("netspec.manifests")).isNull();
    }

    @Test
    void aFeatureFileThatDoesNotParseIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
        Specs specs =
                Specs.feature(dir, "Feature: x\n  Scenario: a\n    Then the checks report no errors\n    not a step\n");
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.err())
                .startsWith("netspec test: " + relative(dir) + ":4: expected: ")
                .contains("got 'not a step'");
        assertThat(specs.out()).isEqualTo("0 scenarios: 0 passed, 0 failed, 1 error\n");
    }

    @Test
    void aMissingFeaturePathIsAUsageError() {
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(Path.of("no/such/specs"))));
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.err()).contains("no/such/specs: no such file or folder");
    }

    @Test
    void junitXmlGoesToAFile(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("spec.feature"),
                feature("deployment \"web\" in \"front\" can reach deployment \"api\" in \"back\" on port 8080"));
        Path xml = dir.resolve("report.xml");
        Specs specs = Specs.run(
                SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))).withJunit(xml));
        assertThat(specs.result().exitCode()).isZero();
        assertThat(Files.readString(xml))
                .contains("<testsuite")
                .contains("tests=\"1\"")
                .contains("failures=\"0\"");
    }

    @Test
    void aScenarioWithoutStepsIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
        // A bare "Then" and a mistyped "Scenaro:" are description text to Gherkin: the scenario has no steps.
        Specs specs = Specs.feature(dir, "Feature: broken\n  Scenario: x\n    Then\n  Foo bar\n   Scenaro: y\n");
        assertThat(specs.result().errors()).as(specs.out()).isEqualTo(1);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out())
                .contains("  ERROR  x (line 2)\n      error: " + relative(dir) + ":2: scenario has no steps")
                .endsWith("1 scenario: 0 passed, 0 failed, 1 error\n");
    }

    @Test
    void aFeatureWhoseScenariosAreAllMistypedIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("good.feature"),
                feature("deployment \"web\" in \"front\" can reach deployment \"api\" in \"back\" on port 8080"));
        Files.writeString(dir.resolve("spec.feature"), "\nFeature: typo\n  Scenaro: y\n  Senario: z\n");
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(dir)));
        assertThat(specs.result().exitCode()).as(specs.out() + specs.err()).isEqualTo(2);
        assertThat(specs.err()).isEqualTo("netspec test: " + relative(dir) + ":2: feature has no scenarios\n");
        assertThat(specs.out()).endsWith("1 scenario: 1 passed, 0 failed, 1 error\n");
    }

    @Test
    void aFolderWithoutFeatureFilesIsAnErrorAndCucumberLogsNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "specs go here\n");
        List<LogRecord> logged = new ArrayList<>();
        Handler spy = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(spy);
        try {
            Specs specs = Specs.run(SpecRunner.Options.of(List.of(dir)));
            assertThat(specs.result().exitCode()).isEqualTo(2);
            assertThat(specs.err()).isEqualTo("netspec test: no .feature files in " + dir + "\n");
            assertThat(specs.out()).isEmpty();
            // Cucumber's own warnings never reach the console handlers, even outside such a check.
            Logger.getLogger("io.cucumber.core.runtime.FeaturePathFeatureSupplier")
                    .warning("No features found at " + dir.toUri());
            assertThat(logged).isEmpty();
        } finally {
            root.removeHandler(spy);
        }
    }

    @Test
    void cucumberWarningsDuringARunBecomeOneNetspecLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CucumberLogging.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Logger.getLogger("io.cucumber.core.plugin").warning("something is off\nsecond line");
            Logger.getLogger("io.cucumber.core.plugin").info("chatter");
        } finally {
            CucumberLogging.to(null);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("netspec test: something is off\n");
    }

    @Test
    void junitCountsSpecMistakesAsErrorsLikeTheSummary(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("spec.feature"),
                "Feature: f\n  Scenario: s\n" + CLUSTER
                        + "    Then deployment \"wbe\" in \"front\" cannot reach deployment \"api\" in \"back\"\n"
                        + "  Scenario: blocked\n" + CLUSTER
                        + "    Then deployment \"web\" in \"front\" must not reach deployment \"api\" in \"back\"\n"
                        + "  Scenario: empty\n");
        Path xml = dir.resolve("report.xml");
        Specs specs = Specs.run(
                SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))).withJunit(xml));
        assertThat(specs.out()).endsWith("3 scenarios: 0 passed, 1 failed, 2 errors\n");
        String report = Files.readString(xml);
        assertThat(report)
                .contains("tests=\"3\" failures=\"1\" errors=\"2\" skipped=\"0\"")
                .contains(
                        "<error type=\"input-error\" message=\"error: no deployment &quot;wbe&quot; in &quot;front&quot;; did you mean &quot;web&quot;?\"")
                .contains("<error type=\"input-error\" message=\"" + relative(dir) + ":")
                .contains("<failure type=\"failed\" message=\"expected deployment &quot;web&quot;")
                .doesNotContain("Exception", "io.netspec");
    }

    @Test
    void pathsArePrintedAsTheUserGaveThem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: [oops\n");
        Files.writeString(
                dir.resolve("spec.feature"),
                feature("deployment \"web\" in \"front\" must not reach deployment \"api\" in \"back\"")
                        + "  Scenario: bad file\n    Given the manifests in \"../" + dir.getFileName()
                        + "/bad.yaml\"\n");
        // A relative path that leaves the working directory: printed as given, not made absolute.
        Path given = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath());
        assertThat(given.toString()).startsWith("..");
        Specs relative = Specs.run(SpecRunner.Options.of(List.of(given)));
        assertThat(relative.out())
                .startsWith(given.resolve("spec.feature") + "\n")
                .contains("back/api ingress rule 1 (" + given.resolve("spec.feature") + ":34)")
                .contains(given.resolve("bad.yaml") + ":4: ")
                .doesNotContainPattern(
                        "(^|[\\s(])" + Pattern.quote(dir.toAbsolutePath().toString()));
        // An absolute path stays absolute.
        Specs absolute = Specs.run(SpecRunner.Options.of(List.of(dir.toAbsolutePath())));
        assertThat(absolute.out())
                .startsWith(dir.toAbsolutePath().resolve("spec.feature") + "\n")
                .contains(dir.toAbsolutePath().resolve("bad.yaml") + ":4: ");
    }

    @Test
    void anEmptyFeatureFileOrAFileThatIsNoFeatureIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("spec.feature"), "# nothing yet\n");
        Specs empty = Specs.run(SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))));
        assertThat(empty.result().exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("netspec test: " + relative(dir) + ":1: feature has no scenarios\n");
        Files.writeString(dir.resolve("README.md"), "Feature: not here\n");
        Specs readme = Specs.run(SpecRunner.Options.of(List.of(dir.resolve("README.md"))));
        assertThat(readme.result().exitCode()).isEqualTo(2);
        assertThat(readme.err()).isEqualTo("netspec test: " + dir.resolve("README.md") + " is not a .feature file\n");
    }

    private static String relative(Path dir) {
        Path file = dir.resolve("spec.feature").toAbsolutePath();
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
