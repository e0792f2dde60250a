package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.rules.check.Baseline;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.check.Checker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dns-egress-blocked} looks for cluster DNS where {@code .netspec.yaml}'s {@code dns:} says,
 * on a cluster whose DNS runs in {@code dns-system} (pods {@code app=coredns}, Service {@code coredns}).
 */
class ClusterDnsConfigTest {

    static final Path MANIFESTS = Path.of("src/test/resources/config/dns-elsewhere.yaml");

    static List<String> dnsFindings(CheckConfig config) throws Exception {
        LoadResult loaded = new ManifestLoader().load(List.of(MANIFESTS));
        assertThat(loaded.hasErrors()).isFalse();
        CheckConfig only =
                config.overriddenBy(Set.of("dns-egress-blocked"), Set.of(), Optional.empty(), Optional.empty());
        return Checker.check(BuiltInPacks.engine(), loaded.cluster(), only, Baseline.EMPTY).findings().stream()
                .map(Finding::message)
                .toList();
    }

    static CheckConfig config(Path dir, String yaml) throws Exception {
        return CheckConfig.load(Files.writeString(dir.resolve(".netspec.yaml"), yaml));
    }

    @Test
    void byDefaultDnsIsLookedForInKubeSystem() throws Exception {
        assertThat(dnsFindings(CheckConfig.DEFAULTS))
                .containsExactly(
                        "workload shop/web[Deployment] is isolated for egress and cannot reach cluster DNS "
                                + "(pods labelled k8s-app=kube-dns in kube-system) on 53/UDP, 53/TCP",
                        "workload shop/batch[Deployment] is isolated for egress and cannot reach cluster DNS "
                                + "(pods labelled k8s-app=kube-dns in kube-system) on 53/UDP, 53/TCP");
    }

    @Test
    void namespaceAndPodSelectorMoveIt(@TempDir Path dir) throws Exception {
        // no Service kube-dns in dns-system: the pod labels count, and only the egress policies
        assertThat(dnsFindings(config(dir, "dns: {namespace: dns-system, podSelector: {app: coredns}}\n")))
                .containsExactly("workload shop/batch[Deployment] is isolated for egress and cannot reach cluster DNS "
                        + "(pods labelled app=coredns in dns-system) on 53/TCP");
    }

    @Test
    void aServiceElsewhereIsFollowedToItsPods(@TempDir Path dir) throws Exception {
        assertThat(dnsFindings(config(dir, "dns:\n  service: dns-system/coredns\n")))
                .containsExactly("workload shop/batch[Deployment] is isolated for egress and cannot reach cluster DNS "
                        + "(the pods of service dns-system/coredns) on 53/TCP");
    }
}
