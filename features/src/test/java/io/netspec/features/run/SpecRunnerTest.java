package io.netspec.features.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        Specs specs = Specs.feature(dir, feature(
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
        Specs specs = Specs.feature(dir, feature("deployment \"web\" in \"front\" must not reach deployment \"api\" in \"back\""));
        assertThat(specs.result().exitCode()).isEqualTo(1);
        assertThat(specs.out()).contains("""
                  FAIL   s (line 2)
                      Then deployment "web" in "front" must not reach deployment "api" in "back" (line 37)
                        expected deployment "web" in "front" not to reach deployment "api" in "back" on any port, but it can:
                          front/web[Deployment] -> back/api[Deployment]:
                            allowed: TCP 8080
                            allowed TCP 8080:
                              egress: front/web[Deployment] is not isolated for egress
                """).contains("ingress: allowed by back/api ingress rule 1 (" + relative(dir) + ":34)");
    }

    @Test
    void aMissingConnectionNamesTheIsolationAndWhyNoRuleMatches(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("the internet can reach deployment \"api\" in \"back\" on port 8080"));
        assertThat(specs.result().failed()).isEqualTo(1);
        assertThat(specs.out())
                .contains("expected the internet to reach deployment \"api\" in \"back\" on port 8080/TCP, but it cannot (from no external address):")
                .contains("ingress: back/api[Deployment] is isolated for ingress by back/api (" + relative(dir) + ":28)")
                .contains("do not match 0.0.0.0-255.255.255.255[External]");
    }

    @Test
    void anUnknownReferenceIsAnErrorNamingWhatExists(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("deployment \"wbe\" in \"front\" cannot reach deployment \"api\" in \"back\""));
        assertThat(specs.result().errors()).isEqualTo(1);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out()).contains("  ERROR  s (line 2)")
                .contains("error: no deployment \"wbe\" in \"front\"; did you mean \"web\"?")
                .endsWith("1 scenario: 0 passed, 0 failed, 1 error\n");
    }

    @Test
    void aPortNameTheDestinationLacksIsAnError(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("deployment \"web\" in \"front\" cannot reach deployment \"api\" in \"back\" on port htp"));
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out()).contains("error: no port named htp on deployment \"api\" in \"back\" (ports of back/api[Deployment]: http 8080/TCP)");
    }

    @Test
    void anUndefinedStepGetsTheClosestDefinedOne(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, feature("deployment \"web\" in \"front\" can talk to deployment \"api\" in \"back\""));
        assertThat(specs.result().undefined()).isEqualTo(1);
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out()).contains("matches no step").contains("closest step: {workload} can reach {workload}");
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
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))).withManifests(List.of(shop)));
        assertThat(specs.result().passed()).as(specs.out()).isEqualTo(2);
        assertThat(System.getProperty("netspec.manifests")).isNull();
    }

    @Test
    void aFeatureFileThatDoesNotParseIsAnErrorAtItsLine(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(dir, "Feature: x\n  Scenario: a\n    Then the checks report no errors\n    not a step\n");
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.err()).startsWith("netspec test: " + relative(dir) + ":4: expected: ")
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
        Files.writeString(dir.resolve("spec.feature"), feature(
                "deployment \"web\" in \"front\" can reach deployment \"api\" in \"back\" on port 8080"));
        Path xml = dir.resolve("report.xml");
        Specs specs = Specs.run(SpecRunner.Options.of(List.of(dir.resolve("spec.feature"))).withJunit(xml));
        assertThat(specs.result().exitCode()).isZero();
        assertThat(Files.readString(xml)).contains("<testsuite").contains("tests=\"1\"").contains("failures=\"0\"");
    }

    private static String relative(Path dir) {
        Path file = dir.resolve("spec.feature").toAbsolutePath();
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
