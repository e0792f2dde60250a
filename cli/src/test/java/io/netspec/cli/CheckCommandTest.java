package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.engine.version.NetspecVersion;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec check} and {@code netspec rules} end to end, on the engine's demo pack. */
class CheckCommandTest {

    static final String DEMO = Path.of("../engine/src/test/resources/rules/demo")
            .toAbsolutePath()
            .normalize()
            .toString();
    static final String HOST_NETWORK = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: agent, namespace: shop}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: a, image: a}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: shop}
            spec:
              podSelector: {}
            """;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findingsBelowFailOnPassAtOrAboveFail(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                .isEqualTo(0);
        assertThat(out())
                .isEqualTo(k8s + ":1: warning [host-network] workload shop/agent[Deployment] uses the host network\n"
                        + "    Remove hostNetwork: true from the pod template.\n\n"
                        + "packs: demo@1.0.0, netspec@"
                        + NetspecVersion.current().version() + "\n"
                        + "0 errors, 1 warning, 0 infos, 0 waived (6 rules checked; config: none)\n");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--fail-on", "warning"))
                .isEqualTo(1);
    }

    @Test
    void formatsOutputAndBaseline(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        Path sarif = dir.resolve("out/netspec.sarif");
        Path baseline = dir.resolve("baseline.json");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--no-builtin",
                        "--rules",
                        DEMO,
                        "--format",
                        "sarif",
                        "--output",
                        sarif.toString(),
                        "--fail-on",
                        "info",
                        "--write-baseline",
                        baseline.toString()))
                .isEqualTo(0);
        assertThat(out()).isEmpty();
        assertThat(Files.readString(sarif)).contains("\"ruleId\" : \"host-network\"", "\"kind\" : \"external\"");
        assertThat(Files.readString(baseline)).contains("\"rule\" : \"host-network\"");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--no-builtin",
                        "--rules",
                        DEMO,
                        "--fail-on",
                        "info",
                        "--baseline",
                        baseline.toString(),
                        "--format",
                        "json"))
                .isEqualTo(0);
        assertThat(out()).contains("\"reason\" : \"baseline\"");
    }

    @Test
    void markdownIsAlsoMdAndAnUnwritableOutputSaysWhy(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "-f", "markdown"))
                .isEqualTo(0);
        String markdown = out();
        out.reset();
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "-f", "md"))
                .isEqualTo(0);
        assertThat(out()).isEqualTo(markdown).contains("host-network");
        Path report = k8s.resolve("report.txt");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "-o", report.toString()))
                .isEqualTo(2);
        assertThat(err())
                .isEqualTo("netspec check: cannot write " + report + ": cannot create folder " + k8s
                        + ": Not a directory\n");
        err.reset();
        Path baseline = dir.resolve("missing").resolve("x");
        Files.writeString(dir.resolve("missing"), "");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--no-builtin",
                        "--rules",
                        DEMO,
                        "--write-baseline",
                        baseline.toString()))
                .isEqualTo(2);
        assertThat(err())
                .startsWith("netspec check: cannot write " + baseline + ": ")
                .doesNotEndWith(": " + dir.resolve("missing") + "\n");
    }

    @Test
    void badInputIsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--format", "pdf"))
                .isEqualTo(2);
        assertThat(err())
                .contains(
                        "netspec check: unknown --format pdf (expected: text, json, junit, sarif, github, markdown, html)");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--disable", "nope"))
                .isEqualTo(2);
        assertThat(err()).contains("no loaded rule has the id nope");
        assertThat(checkWithBadSyntaxPack(k8s)).isEqualTo(2);
        assertThat(err()).contains("bad-syntax/broken.drl:8: ").contains("nothing was checked");
        assertThat(Main.run("check", dir.resolve("missing.yaml").toString(), "--no-builtin", "--rules", DEMO))
                .isEqualTo(2);
        assertThat(err()).doesNotContain("Exception");
    }

    /**
     * The manifests load while the rule packs are read and compiled (EarlyLoad), and what the load prints is held
     * back until the command needs the manifests: then it comes out once, after the packs' own messages; when the
     * command stops first (an unknown rule id, a pack that does not compile) it never comes out.
     */
    @Test
    void loadMessagesComeOutOnceWhenTheManifestsAreNeededAndNotWhenTheCommandStopsFirst(@TempDir Path dir)
            throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK + "---\nname: a: b\n");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                .isEqualTo(2);
        assertThat(err())
                .isEqualTo(k8s + ":18: invalid YAML: mapping values are not allowed here\n"
                        + "netspec: 1 error in the input (exit 2)\n");
        assertThat(out()).isEmpty();

        err.reset();
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--disable", "nope"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("netspec check: no loaded rule has the id nope (see netspec rules list)\n");

        err.reset();
        assertThat(checkWithBadSyntaxPack(k8s)).isEqualTo(2);
        assertThat(err()).contains("bad-syntax/broken.drl:8: ").doesNotContain("invalid YAML");
    }

    /** {@code check} of {@code manifests} with the demo's sibling pack that does not compile. */
    private static int checkWithBadSyntaxPack(Path manifests) {
        return Main.run(
                "check",
                manifests.toString(),
                "--no-builtin",
                "--rules",
                Path.of(DEMO).resolveSibling("bad-syntax").toString());
    }

    @Test
    void rulesListAndTest() {
        assertThat(Main.run("rules", "list", "--no-builtin", "--rules", DEMO)).isEqualTo(0);
        assertThat(out())
                .containsPattern("host-network +warning  demo@1\\.0\\.0 +Workload uses the host network\n")
                .contains("waiver-without-reason")
                .contains("unknown-waiver")
                .contains("6 rules\n")
                .endsWith("packs:\n  demo@1.0.0  (" + DEMO + ")\n      Small rules that exercise the runtime.\n");
        out.reset();
        assertThat(Main.run("rules", "--no-builtin", "--rules", DEMO, "--format", "markdown"))
                .isEqualTo(0);
        assertThat(out())
                .startsWith("# Rule pack `demo`\n")
                .contains(
                        "\n## host-network\n",
                        "Fix: Remove hostNetwork: true from the pod template.",
                        "- `fail-host-network.yaml`");
        out.reset();
        // the demo pack has no fixtures for workload-not-isolated: that fails the pack's test
        assertThat(Main.run("rules", "test", DEMO)).isEqualTo(1);
        assertThat(out())
                .contains("ok   demo/host-network/fail-host-network.yaml")
                .contains("FAIL workload-not-isolated: no fail-*.yaml")
                .endsWith("4 passed, 2 failed\n");
    }

    static final String ANP = """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata:
              name: %s
            spec:
              priority: 10
              subject:
                namespaces: {}
              egress:
              - name: %s
                action: Allow
                to:
                - %s
            """;

    @Test
    void analysisErrorsGoToStderrWithFileAndLineAndExitTwoAfterTheReport(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(
                dir.resolve("app.yaml"),
                HOST_NETWORK + "---\n" + ANP.formatted("first", "dns", "namespaces: {}") + "---\n"
                        + ANP.formatted("second", "dns", "namespaces: {}"));
        Path report = dir.resolve("report.json");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--no-builtin",
                        "--rules",
                        DEMO,
                        "--format",
                        "json",
                        "--output",
                        report.toString()))
                .isEqualTo(2);
        assertThat(err())
                .isEqualTo(k8s + ":32: error: AdminNetworkPolicy first (" + k8s + ":18) and AdminNetworkPolicy "
                        + "second both have priority 10 in tier Admin: their order is undefined upstream; netspec evaluates first "
                        + "first (by name)\n");
        assertThat(Files.readString(report)).contains("\"host-network\"");
    }

    @Test
    void analysisWarningsGoToStderrAndLeaveTheExitCode(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(
                dir.resolve("app.yaml"),
                HOST_NETWORK + "---\n" + ANP.formatted("nodes", "to-nodes", "nodes: {matchLabels: {role: infra}}"));
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                .isEqualTo(0);
        assertThat(err())
                .isEqualTo(k8s + ":27: warning: nodes[AdminNetworkPolicy] egress rule 1 \"to-nodes\" (" + k8s
                        + ":27): peer nodes role=infra cannot be decided for 1 workload(s) whose pod IPs or Node the input does "
                        + "not carry (shop/agent[Deployment]): they are treated as not matching\n");
        assertThat(out()).contains("[host-network]");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--fail-on", "warning"))
                .isEqualTo(1);
    }

    @Test
    void ruleParametersTheLoadedRulesDoNotDeclareExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        Path config = Files.writeString(
                dir.resolve("netspec.yaml"), "rules:\n  params:\n    host-network:\n      strict: true\n");
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO, "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err()).isEqualTo(config + ":4: rule host-network has no parameter strict (it has none)\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void aRejectedPackCacheEntryIsRecompiledSilentlyAndNamedWithDebug(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("app.yaml"), HOST_NETWORK);
        Path cache = dir.resolve("cache");
        String cacheBefore = System.getProperty("netspec.cache.dir");
        System.setProperty("netspec.cache.dir", cache.toString());
        try {
            assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                    .isEqualTo(0);
            Path entry;
            try (var entries = Files.list(cache)) {
                entry = entries.filter(p -> p.toString().endsWith(".bin"))
                        .findFirst()
                        .orElseThrow();
            }
            // a serialized java.net.URL: outside the cache's allow-list
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
                objects.writeObject(new ArrayList<>(List.of(new URI("http://netspec.invalid/").toURL())));
            }
            // behind the entry's own header (the packs' content hash), so that the filter is what rejects it
            byte[] header = Files.readAllLines(entry, StandardCharsets.ISO_8859_1)
                    .get(0)
                    .concat("\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] framed = Arrays.copyOf(header, header.length + bytes.size());
            System.arraycopy(bytes.toByteArray(), 0, framed, header.length, bytes.size());
            Files.write(entry, framed);
            String report = out();
            out.reset();
            assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                    .isEqualTo(0);
            assertThat(out()).isEqualTo(report);
            assertThat(err()).isEmpty();
            Files.write(entry, framed);
            out.reset();
            assertThat(Main.run("--debug", "check", k8s.toString(), "--no-builtin", "--rules", DEMO))
                    .isEqualTo(0);
            assertThat(out()).isEqualTo(report);
            assertThat(err())
                    .isEqualTo("netspec: ignoring pack cache entry " + entry
                            + " (java.io.InvalidClassException: filter status: REJECTED); recompiling\n");
            assertThat(System.getProperty("netspec.debug")).isNull();
        } finally {
            if (cacheBefore == null) {
                System.clearProperty("netspec.cache.dir");
            } else {
                System.setProperty("netspec.cache.dir", cacheBefore);
            }
        }
    }

    @Test
    void aWaiverOnAnObjectThatIsNotTheSubjectIsReported(@TempDir Path dir) throws Exception {
        Path pack = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(pack.resolve("pack.yaml"), "name: policy-pack\nversion: 1.0.0\n");
        Files.writeString(pack.resolve("p.drl"), """
                package policy.pack;
                import io.netspec.engine.model.*;
                import function io.netspec.engine.rules.Report.report;
                rule "admits all"
                    @id("policy-admits-all")
                    @severity("error")
                    @title("Policy admits everything")
                    @remediation("Narrow the policy.")
                when
                    $p : PolicyFact()
                then
                    report(drools, $p, "policy {p} admits everything into shop/web", "p", $p.name());
                end
                """);
        Path k8s = Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  annotations: {netspec.io/ignore.policy-admits-all: "reviewed by the web team"}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: a, image: a}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{}]
                """);
        assertThat(Main.run("check", k8s.toString(), "--no-builtin", "--rules", pack.toString()))
                .isEqualTo(1);
        assertThat(out())
                .contains(
                        k8s + ":1: warning [misplaced-waiver] waiver on Deployment shop/web "
                                + "(netspec.io/ignore.policy-admits-all) has no effect: the finding's subject is NetworkPolicy shop/allow\n")
                .contains("error [policy-admits-all] policy allow admits everything into shop/web");
    }

    static final String CALICO_SOURCE_PORTS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: ntp, namespace: infra, labels: {app: ntp}}
            spec: {containers: [{name: ntp, image: ntp}]}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: ntp-replies, namespace: infra}
            spec:
              selector: app == 'ntp'
              ingress:
                - action: Allow
                  protocol: UDP
                  source: {ports: [123]}
            """;

    @Test
    void aCalicoRuleOnSourcePortsIsAFindingInJsonAndSarifNotOnlyAStderrLine(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("calico.yaml"), CALICO_SOURCE_PORTS);
        Path json = dir.resolve("report.json");
        Path sarif = dir.resolve("report.sarif");
        assertThat(Main.run(
                        "check", k8s.toString(), "--cni", "calico", "--format", "json", "--output", json.toString()))
                .isEqualTo(0);
        assertThat(Main.run(
                        "check", k8s.toString(), "--cni", "calico", "--format", "sarif", "--output", sarif.toString()))
                .isEqualTo(0);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> findings = new ArrayList<>();
        mapper.readTree(json.toFile()).path("findings").forEach(findings::add);
        assertThat(findings)
                .filteredOn(f -> f.path("rule").asText().equals("approximated-policy"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.path("severity").asText()).isEqualTo("warning");
                    assertThat(f.path("line").asInt()).isEqualTo(12);
                    assertThat(f.path("object").path("name").asText()).isEqualTo("ntp-replies");
                    assertThat(f.path("message").asText())
                            .isEqualTo("infra/ntp-replies[NetworkPolicy] ingress rule 1 matches source ports, which"
                                    + " netspec does not model; the rule is left out of the analysis");
                });
        List<JsonNode> results = new ArrayList<>();
        mapper.readTree(sarif.toFile()).path("runs").path(0).path("results").forEach(results::add);
        assertThat(results)
                .filteredOn(r -> r.path("ruleId").asText().equals("approximated-policy"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.path("level").asText()).isEqualTo("warning");
                    assertThat(r.path("locations")
                                    .path(0)
                                    .path("physicalLocation")
                                    .path("region")
                                    .path("startLine")
                                    .asInt())
                            .isEqualTo(12);
                });
        // stderr still says it, once per command, and where the full list is
        assertThat(err())
                .isEqualTo((k8s + ":12: warning: infra/ntp-replies[NetworkPolicy] ingress rule 1 matches source ports,"
                                + " which netspec does not model; the rule is left out of the analysis\n")
                        .repeat(2));
    }

    /** Five NetworkPolicies with ipBlock peers (six peers) in a Calico cluster whose manifests carry no pod IPs. */
    static String ipBlockPolicies() {
        StringBuilder out = new StringBuilder("""
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop, labels: {app: api}}
                spec: {containers: [{name: api, image: api}]}
                """);
        for (int i = 1; i <= 5; i++) {
            out.append("""
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: office-%d, namespace: shop}
                    spec:
                      podSelector: {}
                      ingress:
                        - from:
                            - ipBlock: {cidr: 10.%d.0.0/16}
                    """.formatted(i, i));
            if (i == 5) {
                out.append("        - ipBlock: {cidr: 192.168.0.0/16}\n");
            }
        }
        return out.toString();
    }

    @Test
    void manyUndecidablePeersAreOneStderrLineCountingThemAndOneFindingPerPolicy(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("office.yaml"), ipBlockPolicies());
        assertThat(Main.run("reach", k8s.toString(), "--cni", "calico")).isEqualTo(0);
        assertThat(err())
                .isEqualTo(k8s + ":13: warning: 6 peers in 5 policies cannot be decided for up to 1 workload whose pod"
                        + " IPs or Node the input does not carry: they are treated as not matching; the cluster's pod"
                        + " ranges (podCIDRs: in .netspec.yaml, or --pod-cidr) decide those of pods without an IP (at "
                        + k8s + ":13, "
                        + k8s + ":22, " + k8s + ":31, ...; netspec check reports each as an approximated-policy"
                        + " finding)\n");
        err.reset();
        Path json = dir.resolve("report.json");
        assertThat(Main.run(
                        "check", k8s.toString(), "--cni", "calico", "--format", "json", "--output", json.toString()))
                .isEqualTo(0);
        assertThat(err()).endsWith("; each is an approximated-policy finding in the report)\n");
        List<String> findings = new ArrayList<>();
        new ObjectMapper().readTree(json.toFile()).path("findings").forEach(f -> {
            if (f.path("rule").asText().equals("approximated-policy")) {
                findings.add(f.path("object").path("name").asText() + ":"
                        + f.path("line").asInt());
            }
        });
        assertThat(findings).containsExactly("office-1:13", "office-2:22", "office-3:31", "office-4:40", "office-5:49");
    }

    @Test
    void podRangesFromTheFlagOrTheConfigDecideTheIpBlockPeers(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("office.yaml"), ipBlockPolicies());
        // the pods' range lies outside every block (10.1-5.0.0/16, 192.168.0.0/16): no peer matches, none is undecided
        assertThat(Main.run("reach", k8s.toString(), "--cni", "calico", "--pod-cidr", "10.244.0.0/16"))
                .isEqualTo(0);
        assertThat(err()).isEmpty();
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "podCIDRs:\n  - 10.244.0.0/16\n");
        Path json = dir.resolve("report.json");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--cni",
                        "calico",
                        "--config",
                        config.toString(),
                        "--format",
                        "json",
                        "--output",
                        json.toString()))
                .isEqualTo(0);
        assertThat(err()).isEmpty();
        List<String> rules = new ArrayList<>();
        new ObjectMapper()
                .readTree(json.toFile())
                .path("findings")
                .forEach(f -> rules.add(f.path("rule").asText()));
        assertThat(rules).doesNotContain("approximated-policy");
        // the flag wins over the config: a range half inside 10.1.0.0/16 is undecided again, and named
        err.reset();
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--cni",
                        "calico",
                        "--config",
                        config.toString(),
                        "--pod-cidr",
                        "10.0.0.0/15",
                        "--format",
                        "json",
                        "--output",
                        json.toString()))
                .isEqualTo(0);
        assertThat(err().lines())
                .singleElement()
                .asString()
                .contains("peer ipBlock 10.1.0.0/16 cannot be decided for 1 workload(s)")
                .endsWith("it covers their pod range 10.0.0.0/15 only in part");
        assertThat(new ObjectMapper().readTree(json.toFile()).path("findings").toString())
                .contains("it covers their pod range 10.0.0.0/15 only in part");
    }

    @Test
    void aBadPodRangeIsAUsageErrorNamingWhere(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("office.yaml"), ipBlockPolicies());
        assertThat(Main.run("reach", k8s.toString(), "--pod-cidr", "10.244.0.0/16,10.300.0.0/16"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .contains("--pod-cidr 10.300.0.0/16: invalid CIDR \"10.300.0.0/16\": \"10.300.0.0\" is not an IPv4"
                        + " address")
                .doesNotContain("Exception");
        err.reset();
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "cni: calico\npodCIDRs: [10.244.0.1/16]\n");
        assertThat(Main.run("check", k8s.toString(), "--config", config.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .isEqualTo(config + ":2: podCIDRs: invalid CIDR \"10.244.0.1/16\": host bits are set (the network is"
                        + " 10.244.0.0/16)\n");
    }

    /** A host-network DaemonSet (no Node objects) and a pod that takes ingress only from 10.0.0.0/8. */
    private static String hostNetworkAgent() {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: kube-system}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
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
                """;
    }

    @Test
    void nodeRangesFromTheFlagOrTheConfigDecideHostNetworkPods(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("agent.yaml"), hostNetworkAgent());
        assertThat(Main.run("reach", k8s.toString(), "--cni", "calico", "--pod-cidr", "10.244.0.0/16"))
                .isEqualTo(0);
        assertThat(err().lines())
                .singleElement()
                .asString()
                .contains("peer ipBlock 10.0.0.0/8 cannot be decided for 1 workload(s)")
                .contains("nodeCIDRs: in .netspec.yaml, or --node-cidr");
        err.reset();
        assertThat(Main.run(
                        "reach",
                        k8s.toString(),
                        "--cni",
                        "calico",
                        "--pod-cidr",
                        "10.244.0.0/16",
                        "--node-cidr",
                        "10.0.0.0/16"))
                .isEqualTo(0);
        assertThat(err()).isEmpty();
        Path config = Files.writeString(
                dir.resolve("netspec.yaml"), "cni: calico\npodCIDRs: [10.244.0.0/16]\nnodeCIDRs: [10.0.0.0/16]\n");
        Path json = dir.resolve("report.json");
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--config",
                        config.toString(),
                        "--format",
                        "json",
                        "--output",
                        json.toString()))
                .isEqualTo(0);
        assertThat(err()).isEmpty();
        assertThat(new ObjectMapper().readTree(json.toFile()).path("findings").toString())
                .doesNotContain("approximated-policy");
        // the flag wins over the config: 10.0.0.0/7 lies half inside the block, undecided again and named
        assertThat(Main.run(
                        "check",
                        k8s.toString(),
                        "--config",
                        config.toString(),
                        "--node-cidr",
                        "10.0.0.0/7",
                        "--format",
                        "json",
                        "--output",
                        json.toString()))
                .isEqualTo(0);
        assertThat(err().lines())
                .singleElement()
                .asString()
                .contains("10.0.0.0/7 only in part")
                .doesNotContain("--node-cidr");
    }

    @Test
    void aBadNodeRangeIsAUsageErrorNamingWhere(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("agent.yaml"), hostNetworkAgent());
        assertThat(Main.run("reach", k8s.toString(), "--node-cidr", "10.0.0.1/16"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .isEqualTo("netspec: --node-cidr 10.0.0.1/16: invalid CIDR \"10.0.0.1/16\": host bits are set (the"
                        + " network is 10.0.0.0/16)\n");
        err.reset();
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "cni: calico\nnodeCIDRs:\n  - 10.300.0.0/16\n");
        assertThat(Main.run("check", k8s.toString(), "--config", config.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .isEqualTo(config + ":3: nodeCIDRs: invalid CIDR \"10.300.0.0/16\": \"10.300.0.0\" is not an IPv4"
                        + " address\n");
    }
}
