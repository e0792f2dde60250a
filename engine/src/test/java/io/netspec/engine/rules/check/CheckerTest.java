package io.netspec.engine.rules.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.FailOn;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.engine.rules.Report;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers, baseline, config: what turns raw findings into a gate. */
class CheckerTest {

    static RuleEngine engine;
    static Cluster cluster;

    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: agent
              namespace: shop
              annotations:
                netspec.io/ignore.host-network: "reads host interfaces"
                netspec.io/ignore.workload-not-isolated: ""
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: a, image: a}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ghost, namespace: shop}
            spec:
              selector: {app: nobody}
              ports: [{port: 80}]
            """;

    @BeforeAll
    static void setUp() throws Exception {
        engine = RuleEngine.compile(PackLoader.load(Path.of("src/test/resources/rules/demo")));
        cluster = new ManifestLoader().loadString(MANIFESTS, "k8s/shop.yaml").cluster();
    }

    static List<String> lines(CheckResult r) {
        return r.findings().stream()
                .map(f -> f.source() + " " + f.severity() + " [" + f.ruleId() + "]"
                        + (f.waived() ? " waived: " + f.waiverReason() : ""))
                .toList();
    }

    @Test
    void waiverAnnotationsWaiveAndAnEmptyReasonIsAFinding() throws Exception {
        CheckResult r = Checker.check(engine, cluster, CheckConfig.DEFAULTS, Baseline.EMPTY);
        assertThat(lines(r))
                .containsExactly(
                        "k8s/shop.yaml:1 warning [host-network] waived: reads host interfaces",
                        "k8s/shop.yaml:1 warning [waiver-without-reason]",
                        "k8s/shop.yaml:1 error [workload-not-isolated]",
                        "k8s/shop.yaml:17 info [dangling-service]");
        assertThat(r.findings().get(1).message())
                .isEqualTo(
                        "annotation netspec.io/ignore.workload-not-isolated on Deployment shop/agent waives nothing: it has no reason");
        assertThat(r.fails(FailOn.ERROR)).isTrue();
        assertThat(r.waivedCount()).isEqualTo(1);
    }

    @Test
    void aWaiverNamingNoRuleIsAFindingWithTheClosestId() throws Exception {
        Cluster typo = new ManifestLoader()
                .loadString(
                        MANIFESTS.replace(
                                "netspec.io/ignore.host-network: \"reads host interfaces\"",
                                "netspec.io/ignore.host-netwrok: \"reads host interfaces\""),
                        "k8s/shop.yaml")
                .cluster();
        CheckResult r = Checker.check(engine, typo, CheckConfig.DEFAULTS, Baseline.EMPTY);
        assertThat(lines(r))
                .contains("k8s/shop.yaml:1 warning [host-network]", "k8s/shop.yaml:1 warning [unknown-waiver]");
        assertThat(r.findings())
                .filteredOn(f -> f.ruleId().equals("unknown-waiver"))
                .extracting(Finding::message)
                .containsExactly("annotation netspec.io/ignore.host-netwrok on Deployment shop/agent waives nothing: "
                        + "no loaded rule has the id host-netwrok; did you mean host-network?");
        assertThat(Checker.check(engine, cluster, CheckConfig.DEFAULTS, Baseline.EMPTY)
                        .findings())
                .extracting(Finding::ruleId)
                .as("known ids, even a disabled rule's, are no finding")
                .doesNotContain("unknown-waiver");
        Cluster far = new ManifestLoader()
                .loadString(MANIFESTS.replace("ignore.host-network:", "ignore.no-such-rule:"), "k8s/shop.yaml")
                .cluster();
        assertThat(Checker.check(engine, far, CheckConfig.DEFAULTS, Baseline.EMPTY)
                        .findings())
                .filteredOn(f -> f.ruleId().equals("unknown-waiver"))
                .extracting(Finding::message)
                .as("no suggestion when no id is near")
                .containsExactly("annotation netspec.io/ignore.no-such-rule on "
                        + "Deployment shop/agent waives nothing: no loaded rule has the id no-such-rule "
                        + "(netspec rules list prints the ids)");
        CheckConfig off = CheckConfig.DEFAULTS.overriddenBy(
                Set.of(), Set.of("unknown-waiver"), Optional.empty(), Optional.empty());
        assertThat(Checker.check(engine, typo, off, Baseline.EMPTY).findings())
                .extracting(Finding::ruleId)
                .doesNotContain("unknown-waiver");
    }

    @Test
    void baselineAcceptsByRuleAndObjectNotLine(@TempDir Path dir) throws Exception {
        CheckResult first = Checker.check(engine, cluster, CheckConfig.DEFAULTS, Baseline.EMPTY);
        Path file = dir.resolve("baseline.json");
        Baseline.of(first.findings()).write(file);
        Cluster moved = new ManifestLoader()
                .loadString("# a new comment moves every line\n\n" + MANIFESTS, "k8s/shop.yaml")
                .cluster();
        CheckResult again = Checker.check(engine, moved, CheckConfig.DEFAULTS, Baseline.read(file));
        assertThat(again.active()).isEmpty();
        assertThat(lines(again)).contains("k8s/shop.yaml:3 error [workload-not-isolated] waived: baseline");
        assertThat(again.fails(FailOn.INFO)).isFalse();
    }

    @Test
    void configEnablesDisablesAndOverridesSeverity(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve(".netspec.yaml");
        Files.writeString(yaml, """
                rules:
                  disable: [workload-not-isolated]
                  severity: {dangling-service: error}
                failOn: warning
                baseline: accepted.json
                """);
        CheckConfig cfg = CheckConfig.load(yaml);
        assertThat(cfg.effectiveFailOn()).isEqualTo(FailOn.WARNING);
        assertThat(cfg.baseline()).contains(dir.toAbsolutePath().resolve("accepted.json"));
        CheckResult r = Checker.check(engine, cluster, cfg, Baseline.EMPTY);
        assertThat(lines(r))
                .containsExactly(
                        "k8s/shop.yaml:1 warning [host-network] waived: reads host interfaces",
                        "k8s/shop.yaml:1 warning [waiver-without-reason]",
                        "k8s/shop.yaml:17 error [dangling-service]");
        CheckConfig only =
                cfg.overriddenBy(Set.of("host-network"), Set.of(), Optional.of(FailOn.NONE), Optional.empty());
        CheckResult r2 = Checker.check(engine, cluster, only, Baseline.EMPTY);
        assertThat(r2.findings()).extracting(Finding::ruleId).containsExactly("host-network");
        assertThat(r2.fails(only.effectiveFailOn())).isFalse();
        assertThat(Checker.unknownIds(
                        engine, cfg.overriddenBy(Set.of(), Set.of("no-such-rule"), Optional.empty(), Optional.empty())))
                .containsExactly("no-such-rule");
    }

    @Test
    void configMistakesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve(".netspec.yaml");
        Files.writeString(yaml, "rules:\n  severity:\n    dangling-service: high\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(yaml)))
                .hasMessage(yaml + ":3: severity \"high\" must be error, warning or info");
        Files.writeString(yaml, "failon: error\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(yaml)))
                .hasMessage(yaml
                        + ":1: unknown key failon (expected rules, failOn, baseline, packs, dns, operators, cni, limits,"
                        + " podCIDRs, nodeCIDRs)");
        Path bad = dir.resolve("b.json");
        Files.writeString(bad, "{\"findings\": 3}");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> Baseline.read(bad))
                        .getMessage())
                .startsWith(bad + ": not a baseline file");
    }

    @Test
    void podCidrsFromConfigAndTheirMistakes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".netspec.yaml");
        Files.writeString(file, "podCIDRs: [10.244.0.0/16, \"fd00:10:244::/56\"]\n");
        assertThat(CheckConfig.load(file).podCidrs())
                .extracting(c -> c.text() + (c.ipv6() ? " v6" : " " + c.first() + "-" + c.last()))
                .containsExactly("10.244.0.0/16 " + 0x0AF40000L + "-" + 0x0AF4FFFFL, "fd00:10:244::/56 v6");
        Files.writeString(file, "podCIDRs: 10.244.0.0/16\n");
        assertThat(CheckConfig.load(file).podCidrs()).hasSize(1);
        Files.writeString(file, "failOn: none\n");
        assertThat(CheckConfig.load(file).podCidrs()).isEmpty();
        Files.writeString(file, "nodeCIDRs: [10.0.0.0/16]\n");
        assertThat(CheckConfig.load(file).nodeCidrs()).extracting(c -> c.text()).containsExactly("10.0.0.0/16");
        assertThat(CheckConfig.load(file).podCidrs()).isEmpty();
        Files.writeString(file, "nodeCIDRs: []\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(file)))
                .hasMessage(file + ":1: nodeCIDRs: give at least one CIDR (or leave the key out)");
        for (String[] bad : new String[][] {
            {
                "podCIDRs:\n  - 10.244.0.0/16\n  - 10.244.0/16\n",
                ":3: podCIDRs: invalid CIDR \"10.244.0/16\": \"10.244.0\" is not an IPv4 address"
            },
            {
                "podCIDRs: [10.244.1.0/16]\n",
                ":1: podCIDRs: invalid CIDR \"10.244.1.0/16\": host bits are set (the network is 10.244.0.0/16)"
            },
            {
                "podCIDRs: [10.244.0.0/33]\n",
                ":1: podCIDRs: invalid CIDR \"10.244.0.0/33\": prefix length 33 is out of range 0-32"
            },
            {"podCIDRs: []\n", ":1: podCIDRs: give at least one CIDR (or leave the key out)"},
            {"podCIDRs: {a: 10.0.0.0/8}\n", ":1: podCIDRs must be a list of CIDRs"},
            {"podCIDRs: [[10.0.0.0/8]]\n", ":1: a podCIDRs entry must be a single value"}
        }) {
            Files.writeString(file, bad[0]);
            assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(file)))
                    .as(bad[0])
                    .hasMessage(file + bad[1]);
        }
    }

    @Test
    void messagesUseNamedPlaceholders() {
        assertThat(Report.format("namespace {ns} lacks {what}", "ns", "shop", "what", List.of("a", "b")))
                .isEqualTo("namespace shop lacks a, b");
        assertThat(Report.format("it's {n}'s", "n", Optional.of(3))).isEqualTo("it's 3's");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> Report.format("{a}", "a")))
                .hasMessageContaining("key, value pairs");
    }

    @Test
    void dnsTargetFromConfigDefaultsAndMistakes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".netspec.yaml");
        assertThat(CheckConfig.DEFAULTS.dns())
                .isEqualTo(new ClusterDns.Target("kube-system", "kube-dns", Map.of("k8s-app", "kube-dns")));
        Files.writeString(file, "failOn: warning\n");
        assertThat(CheckConfig.load(file).dns()).isEqualTo(ClusterDns.Target.DEFAULT);
        Files.writeString(file, "dns:\n  service: dns-system/coredns\n");
        assertThat(CheckConfig.load(file).dns())
                .isEqualTo(new ClusterDns.Target("dns-system", "coredns", Map.of("k8s-app", "kube-dns")));
        Files.writeString(file, "dns: {namespace: dns-system, podSelector: {app: coredns, tier: dns}}\n");
        ClusterDns.Target t = CheckConfig.load(file).dns();
        assertThat(t.namespace() + " " + t.service() + " " + t.labelText())
                .isEqualTo("dns-system kube-dns app=coredns,tier=dns");

        for (String[] bad : new String[][] {
            {"failOn: none\ndns:\n  namespace: a\n  service: b/c\n", ":4: dns.service b/c is not in dns.namespace a"},
            {"dns: {podSelector: {}}\n", ":1: dns: podSelector must name at least one label"},
            {"dns: {namespace: Kube_System}\n", ":1: dns: namespace \"Kube_System\" is not a valid namespace name"},
            {"dns:\n  zone: x\n", ":2: unknown key dns.zone (expected namespace, service, podSelector)"},
            {"dns: kube-system\n", ":1: dns must be a mapping"}
        }) {
            Files.writeString(file, bad[0]);
            assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(file)))
                    .as(bad[0])
                    .hasMessage(file + bad[1]);
        }
    }
}
