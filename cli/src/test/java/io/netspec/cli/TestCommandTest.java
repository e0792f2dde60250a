package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec test} end to end on the repository's examples: exit codes, output, reports. */
class TestCommandTest {

    static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    String out() {
        return console.out();
    }

    String err() {
        return console.err();
    }

    @Test
    void passingSpecsExitZeroWithoutCucumberNoise() {
        int code = Main.run(
                "test", EXAMPLES.resolve("shop/specs/segmentation.feature").toString());
        assertThat(code).as(out() + err()).isZero();
        assertThat(out())
                .contains("  PASS   the frontend cannot skip the api (line 15)")
                .endsWith("7 scenarios: 7 passed, 0 failed\n")
                .doesNotContain("cucumber", "Cucumber", "Share your");
        assertThat(err()).isEmpty();
    }

    @Test
    void aFailedSpecExitsOneWithItsExplanation() {
        int code = Main.run(
                "test", EXAMPLES.resolve("broken/namespace-label-missing").toString());
        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(out())
                .contains("FAIL   the api reaches postgres")
                .contains("peers [pods app=api in namespaces team=backend] do not match shop-backend/api[Deployment]")
                .endsWith("1 scenario: 0 passed, 1 failed\n");
    }

    @Test
    void manifestsOptionTakesOnePathSoSpecPathsMayFollowIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dns.feature"), """
                Feature: dns
                  Scenario: the api resolves names
                    Then deployment "api" in "shop-backend" can reach pods labelled "k8s-app=kube-dns" in "kube-system" on port 53/UDP
                """);
        String shop = EXAMPLES.resolve("shop").toString();
        int code = Main.run(
                "test",
                "--manifests",
                shop + "," + shop,
                dir.resolve("dns.feature").toString());
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).endsWith("1 scenario: 1 passed, 0 failed\n");
    }

    @Test
    void manifestsForEveryScenarioAndAJunitReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("api.feature"), """
                Feature: api
                  Scenario: the frontend reaches the api, not the database
                    Then deployment "web" in "shop-frontend" can reach service "api" in "shop-backend" on port http
                    And deployment "web" in "shop-frontend" cannot reach statefulset "postgres" in "shop-data"
                """);
        Path xml = dir.resolve("out/specs.xml");
        Files.createDirectories(xml.getParent());
        int code = Main.run(
                "test", dir.toString(), "--manifests", EXAMPLES.resolve("shop").toString(), "--junit", xml.toString());
        assertThat(code).as(out() + err()).isZero();
        assertThat(Files.readString(xml))
                .contains("tests=\"1\"")
                .contains("failures=\"0\"")
                .contains("the frontend reaches the api, not the database");
    }

    @Test
    void badManifestsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: [oops\n");
        Files.writeString(
                dir.resolve("x.feature"), "Feature: x\n  Scenario: y\n    Then the checks report no errors\n");
        int code = Main.run(
                "test",
                dir.resolve("x.feature").toString(),
                "--manifests",
                dir.resolve("bad.yaml").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).containsPattern("bad.yaml:\\d+: invalid YAML");
        assertThat(out()).isEmpty();
    }

    @Test
    void undefinedStepsExitTwoWithTheClosestStep(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.feature"), """
                Feature: x
                  Scenario: y
                    Then deployment "web" in "shop-frontend" is isolated on ingress
                """);
        int code = Main.run(
                "test", dir.toString(), "--manifests", EXAMPLES.resolve("shop").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(out())
                .contains("UNDEFINED  y (line 2)")
                .contains("closest step: {workload} is isolated for {direction}")
                .contains("1 scenario: 0 passed, 0 failed, 1 undefined");
    }

    @Test
    void jsonFormatKeepsStdoutMachineReadable() throws Exception {
        int code = Main.run("test", EXAMPLES.resolve("shop/specs/dns.feature").toString(), "--format", "json");
        assertThat(code).isZero();
        assertThat(out().strip())
                .startsWith("[")
                .endsWith("]")
                .contains("\"status\":\"passed\"")
                .doesNotContain("\"status\":\"failed\"");
        assertThat(err()).contains("6 scenarios: 6 passed, 0 failed");
    }

    @Test
    void stepsListsTheVocabularyWithExamples() {
        int code = Main.run("test", "--steps");
        assertThat(code).isZero();
        assertThat(out())
                .contains("{workload} can/must/should reach {workload} on {port}")
                .contains(
                        "e.g. Then deployment \"api\" in \"shop-backend\" must reach service \"postgres\" in \"shop-data\" on port 5432")
                .contains("port 5432, port 53/UDP, UDP port 53, port 53 over UDP, ports 8000-8100")
                .contains("pods labelled \"k=v[,k2=v2]\" in \"NS\"")
                .contains("rule {string} reports {workload}");
    }

    @Test
    void aScenarioWhoseStepsAreMistypedIsAnErrorNotAPass() {
        // From a QA run: a bare "Then", then "Foo bar", then "Scenaro: y": Gherkin reads them as description.
        String feature = "src/test/resources/specs/broken.feature";
        int code = Main.run("test", feature);
        assertThat(code).as(out() + err()).isEqualTo(ExitCodes.USAGE);
        assertThat(out())
                .isEqualTo(feature + "\n  ERROR  x (line 2)\n      error: " + feature + ":2: scenario has no steps\n"
                        + "1 scenario: 0 passed, 0 failed, 1 error\n");
    }

    @Test
    void aFolderWithoutFeatureFilesExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "no specs yet\n");
        assertThat(Main.run("test", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).isEqualTo("netspec test: no .feature files in " + dir + "\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void junitCountsASpecInputErrorAsAnErrorLikeTheSummary(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.feature"), """
                Feature: x
                  Scenario: y
                    Then deployment "wbe" in "shop-frontend" can reach service "api" in "shop-backend"
                """);
        Path xml = dir.resolve("specs.xml");
        int code = Main.run(
                "test", dir.toString(), "--manifests", EXAMPLES.resolve("shop").toString(), "--junit", xml.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(out()).endsWith("1 scenario: 0 passed, 0 failed, 1 error\n");
        assertThat(Files.readString(xml))
                .contains("tests=\"1\" failures=\"0\" errors=\"1\"")
                .contains(
                        "<error type=\"input-error\" message=\"error: no deployment &quot;wbe&quot; in &quot;shop-frontend&quot;")
                .doesNotContain("<failure", "SpecInputException", "io.netspec");
    }

    @Test
    void relativePathsArePrintedAsGiven() {
        String folder = "../examples/broken/namespace-label-missing";
        int code = Main.run("test", folder);
        assertThat(code).as(out() + err()).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).startsWith(folder + "/").contains("(" + folder + "/").doesNotContain(EXAMPLES.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Main.run("test")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("give feature files or folders");
        assertThat(Main.run("test", "no/such/dir")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("no/such/dir: no such file or folder");
        assertThat(Main.run("test", EXAMPLES.toString(), "--format", "xml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("unknown --format xml");
    }

    static final String CALICO_DENY_ALL = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: shop}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: api:1, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: default-deny}
            spec:
              namespaceSelector: team == 'shop'
              selector: all()
              types: [Ingress, Egress]
            """;

    /** --cni, and cni: of the config file, decide which plugin's policies the specs see, as on every other command. */
    @Test
    void cniOptionAndConfigChooseThePluginTheSpecsRunUnder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), CALICO_DENY_ALL);
        Files.writeString(dir.resolve("deny.feature"), """
                Feature: deny
                  Scenario: the global default deny holds
                    Given the manifests in "cluster.yaml"
                    Then deployment "web" in "shop" cannot reach deployment "api" in "shop"
                """);
        String feature = dir.resolve("deny.feature").toString();
        assertThat(Main.run("test", feature))
                .as("auto infers Calico: " + out() + err())
                .isZero();
        console.reset();
        assertThat(Main.run("test", feature, "--cni", "calico"))
                .as(out() + err())
                .isZero();
        console.reset();
        // nobody enforces the GlobalNetworkPolicy without Calico: web reaches api and the spec fails
        assertThat(Main.run("test", feature, "--cni", "none")).as(out() + err()).isEqualTo(ExitCodes.FAILED);
        assertThat(out()).contains("FAIL   the global default deny holds");
        console.reset();
        Path config = dir.resolve("netspec.yaml");
        Files.writeString(config, "cni: none\n");
        assertThat(Main.run("test", feature, "--config", config.toString()))
                .as(out() + err())
                .isEqualTo(ExitCodes.FAILED);
        console.reset();
        // the flag wins over the config file
        assertThat(Main.run("test", feature, "--config", config.toString(), "--cni", "calico"))
                .as(out() + err())
                .isZero();
        console.reset();
        assertThat(Main.run("test", feature, "--cni", "flannel")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--cni flannel: unknown plugin (expected auto, calico, cilium, none)");
    }

    /** --manifests are loaded for every scenario under the --cni plugin too. */
    @Test
    void cniAppliesToManifestsForEveryScenario(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), CALICO_DENY_ALL);
        Files.writeString(dir.resolve("open.feature"), """
                Feature: open
                  Scenario: without Calico nothing isolates web
                    Then deployment "web" in "shop" can reach deployment "api" in "shop" on port 8080
                """);
        String feature = dir.resolve("open.feature").toString();
        String manifests = dir.resolve("cluster.yaml").toString();
        assertThat(Main.run("test", feature, "--manifests", manifests, "--cni", "none"))
                .as(out() + err())
                .isZero();
        console.reset();
        assertThat(Main.run("test", feature, "--manifests", manifests))
                .as(out() + err())
                .isEqualTo(ExitCodes.FAILED);
    }

    /** Two Deployments without pod IPs; web takes ingress only from the block 10.0.0.0/8 (Calico matches pod IPs). */
    static final String OFFICE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: client, namespace: shop}
            spec:
              selector: {matchLabels: {app: client}}
              template:
                metadata: {labels: {app: client}}
                spec: {containers: [{name: client, image: client:1}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-from-block, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress]
              ingress:
                - from:
                    - ipBlock: {cidr: 10.0.0.0/8}
            """;

    /**
     * --pod-cidr, and podCIDRs: of the config file, are the pod ranges of every cluster the specs load (a Given path,
     * --manifests), as on check and reach: a block holding the range matches pods without IPs. The flag wins.
     */
    @Test
    void podCidrOptionAndConfigDecideIpBlockPeersForTheSpecs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), OFFICE);
        Files.writeString(dir.resolve("block.feature"), """
                Feature: block
                  Scenario: the client is inside the office block
                    Given the manifests in "cluster.yaml"
                    Then deployment "client" in "shop" can reach deployment "web" in "shop" on port 80
                """);
        String feature = dir.resolve("block.feature").toString();
        // undecided without the ranges: treated as not matching, the spec fails, and stderr says why
        assertThat(Main.run("test", feature, "--cni", "calico"))
                .as(out() + err())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(err()).contains("peer ipBlock 10.0.0.0/8 cannot be decided for");
        console.reset();
        assertThat(Main.run("test", feature, "--cni", "calico", "--pod-cidr", "10.244.0.0/16"))
                .as(out() + err())
                .isZero();
        assertThat(err()).isEmpty();
        console.reset();
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "cni: calico\npodCIDRs: [10.244.0.0/16]\n");
        assertThat(Main.run("test", feature, "--config", config.toString()))
                .as(out() + err())
                .isZero();
        assertThat(err()).isEmpty();
        console.reset();
        // --manifests for every scenario take the ranges too
        Files.writeString(dir.resolve("every.feature"), """
                Feature: every
                  Scenario: the client is inside the office block
                    Then deployment "client" in "shop" can reach deployment "web" in "shop" on port 80
                """);
        assertThat(Main.run(
                        "test",
                        dir.resolve("every.feature").toString(),
                        "--manifests",
                        dir.resolve("cluster.yaml").toString(),
                        "--config",
                        config.toString()))
                .as(out() + err())
                .isZero();
        console.reset();
        // the flag wins over the config: pods in 192.168.0.0/16 are outside the block, decided, and the spec fails
        assertThat(Main.run("test", feature, "--config", config.toString(), "--pod-cidr", "192.168.0.0/16"))
                .as(out() + err())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(err()).isEmpty();
        console.reset();
        // --no-config reads no ranges either
        assertThat(Main.run("test", feature, "--cni", "calico", "--no-config")).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void aBadPodRangeExitsTwoNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), OFFICE);
        Files.writeString(dir.resolve("x.feature"), """
                Feature: x
                  Scenario: y
                    Given the manifests in "cluster.yaml"
                    Then deployment "client" in "shop" can reach deployment "web" in "shop"
                """);
        String feature = dir.resolve("x.feature").toString();
        assertThat(Main.run("test", feature, "--pod-cidr", "10.244.0.0/16,10.300.0.0/16"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .isEqualTo("netspec test: --pod-cidr 10.300.0.0/16: invalid CIDR \"10.300.0.0/16\": \"10.300.0.0\""
                        + " is not an IPv4 address\n");
        assertThat(out()).isEmpty();
        console.reset();
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "podCIDRs: [10.244.0.1/16]\n");
        assertThat(Main.run("test", feature, "--config", config.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .isEqualTo("netspec test: " + config + ":1: podCIDRs: invalid CIDR \"10.244.0.1/16\": host bits are"
                        + " set (the network is 10.244.0.0/16)\n");
        assertThat(out()).isEmpty();
    }

    /**
     * A verdict that rests on an approximation says so: the analysis problems of the clusters the specs load go to
     * stderr grouped, each once for the run (here three scenarios, two clusters, one problem), and a passing spec
     * still passes.
     */
    @Test
    void analysisProblemsArePrintedOnceOnStderr(@TempDir Path dir) throws Exception {
        Path cluster = Files.writeString(dir.resolve("cluster.yaml"), OFFICE);
        Files.writeString(dir.resolve("block.feature"), """
                Feature: block
                  Background:
                    Given the manifests in "cluster.yaml"

                  Scenario: the client cannot reach web
                    Then deployment "client" in "shop" cannot reach deployment "web" in "shop" on port 80

                  Scenario: web reaches the client
                    Then deployment "web" in "shop" can reach deployment "client" in "shop"

                  Scenario: another namespace changes nothing
                    When these manifests are applied:
                      \"\"\"
                      apiVersion: v1
                      kind: Namespace
                      metadata: {name: other}
                      \"\"\"
                    Then deployment "client" in "shop" cannot reach deployment "web" in "shop" on port 80
                """);
        assertThat(Main.run("test", dir.resolve("block.feature").toString(), "--cni", "calico"))
                .as(out() + err())
                .isZero();
        assertThat(out()).endsWith("3 scenarios: 3 passed, 0 failed\n");
        assertThat(err().lines())
                .singleElement()
                .asString()
                .startsWith(cluster + ":27: warning: ")
                .contains("peer ipBlock 10.0.0.0/8 cannot be decided for")
                .contains("podCIDRs: in .netspec.yaml, or --pod-cidr");
        console.reset();
        // JSON keeps stdout machine-readable: the problems are on stderr there too
        assertThat(Main.run("test", dir.resolve("block.feature").toString(), "--cni", "calico", "--format", "json"))
                .isZero();
        assertThat(err()).contains("peer ipBlock 10.0.0.0/8 cannot be decided for");
        assertThat(out()).doesNotContain("cannot be decided");
    }

    /** An analysis error (two AdminNetworkPolicies of one priority) exits 2, as an input error does, after the run. */
    @Test
    void anAnalysisErrorExitsTwoAfterTheSpecs(@TempDir Path dir) throws Exception {
        String anp = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: %s}
                spec:
                  priority: 10
                  subject: {namespaces: {}}
                  ingress:
                    - name: deny-all
                      action: Deny
                      from: [{namespaces: {}}]
                """;
        Path cluster = Files.writeString(
                dir.resolve("cluster.yaml"),
                OFFICE + "---\n" + anp.formatted("first") + "---\n" + anp.formatted("second"));
        Files.writeString(dir.resolve("deny.feature"), """
                Feature: deny
                  Scenario: the admin policies deny the client
                    Given the manifests in "cluster.yaml"
                    Then deployment "client" in "shop" cannot reach deployment "web" in "shop"
                """);
        assertThat(Main.run("test", dir.resolve("deny.feature").toString(), "--cni", "none"))
                .as(out() + err())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(out()).contains("1 scenario: 1 passed, 0 failed");
        assertThat(err())
                .contains(cluster + ":")
                .contains(": error: AdminNetworkPolicy first (")
                .contains("both have priority 10")
                .endsWith("netspec test: 1 error in the analysis (exit 2)\n");
    }

    /** --node-cidr and nodeCIDRs: reach the specs' clusters too; a bad value exits 2 naming it. */
    @Test
    void nodeCidrOptionAndConfigDecideHostNetworkPodsForTheSpecs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: agent, namespace: kube-system, labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: c, image: agent}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  containers: [{name: c, image: web, ports: [{containerPort: 80}]}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-block, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/8}
                """);
        Files.writeString(dir.resolve("agent.feature"), """
                Feature: agent
                  Scenario: the node agent is inside the block
                    Given the manifests in "cluster.yaml"
                    Then pod "agent" in "kube-system" can reach pod "web" in "shop" on port 80
                """);
        String feature = dir.resolve("agent.feature").toString();
        assertThat(Main.run("test", feature, "--cni", "calico", "--pod-cidr", "10.244.0.0/16"))
                .as(out() + err())
                .isEqualTo(ExitCodes.FAILED);
        assertThat(err()).contains("--node-cidr");
        console.reset();
        assertThat(Main.run(
                        "test",
                        feature,
                        "--cni",
                        "calico",
                        "--pod-cidr",
                        "10.244.0.0/16",
                        "--node-cidr",
                        "10.0.0.0/16"))
                .as(out() + err())
                .isZero();
        assertThat(err()).isEmpty();
        console.reset();
        Path config = Files.writeString(
                dir.resolve("netspec.yaml"), "cni: calico\npodCIDRs: [10.244.0.0/16]\nnodeCIDRs: [10.0.0.0/16]\n");
        assertThat(Main.run("test", feature, "--config", config.toString()))
                .as(out() + err())
                .isZero();
        console.reset();
        assertThat(Main.run("test", feature, "--node-cidr", "nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .startsWith("netspec test: --node-cidr nope: invalid CIDR")
                .doesNotContain("Exception");
    }
}
