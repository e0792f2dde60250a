package io.netspec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated manifests are what the engine reads: no load problem, every object counted. */
class GeneratedClusterLoadsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(
            value = ClusterShape.Size.class,
            names = {"S", "M"})
    void loadsWithoutProblemsAndWithEveryObject(ClusterShape.Size size) throws Exception {
        GeneratedCluster generated = ClusterGenerator.generate(size, 42);
        generated.writeTo(tmp);

        LoadResult result = new ManifestLoader().load(List.of(tmp));
        Cluster cluster = result.cluster();
        GeneratedCluster.Counts counts = generated.counts();

        assertThat(result.problems()).isEmpty();
        assertThat(cluster.skipped()).isEmpty();
        assertThat(cluster.ignored()).isEmpty();
        assertThat(cluster.workloads()).hasSize(counts.workloads());
        assertThat(cluster.policies()).hasSize(counts.policies());
        assertThat(cluster.services()).hasSize(counts.services());
        assertThat(cluster.namespaces()).hasSize(counts.namespaces());
        Map<String, Long> kinds =
                cluster.workloads().stream().collect(Collectors.groupingBy(Workload::kind, Collectors.counting()));
        assertThat(kinds)
                .containsEntry("Deployment", (long) counts.deployments())
                .containsEntry("StatefulSet", (long) counts.statefulSets())
                .containsEntry("DaemonSet", (long) counts.daemonSets());
        long distinct = cluster.workloads().stream()
                .map(w -> w.namespace() + "|" + w.podLabels() + "|"
                        + w.ports().stream()
                                .map(p -> p.name() + "/" + p.port() + "/" + p.protocol())
                                .toList())
                .distinct()
                .count();
        assertThat(distinct).isEqualTo(counts.labelClasses());

        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        assertThat(analysis.unresolvedNamedPorts())
                .as("every named port a policy uses exists")
                .isEmpty();
        List<String> lines = analysis.reach().map(Object::toString).toList();
        assertThat(lines).anyMatch(l -> l.contains(" => kube-system/coredns[Deployment] : TCP 53,UDP 53"));
        // A db policy writes `egress: []`: a database no other egress policy selects sends nothing at all.
        List<String> silentDatabases = cluster.policies().stream()
                .filter(p -> p.name().endsWith("-db")
                        && p.isolatesEgress()
                        && p.egress().isEmpty())
                .flatMap(p -> analysis.selectedWorkloads(p).stream())
                .filter(w -> analysis.policiesSelecting(w, Direction.EGRESS).size() == 1)
                .map(w -> w.id() + " => ")
                .toList();
        assertThat(silentDatabases).isNotEmpty();
        assertThat(lines).noneMatch(l -> silentDatabases.stream().anyMatch(l::startsWith));
    }

    /**
     * Every layer a mix adds is read (no problem, every object counted in its kind), and decides
     * connections: each mix's policies change some answer of the analysis against the same cluster
     * with those policies left out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"admin", "admin,calico", "admin,cilium"})
    void mixedLayersLoadAndDecide(String layers) throws Exception {
        PolicyMix mix = PolicyMix.parse(layers);
        GeneratedCluster generated = ClusterGenerator.generate(ClusterShape.Size.M.shape(), 42, mix);
        generated.writeTo(tmp);

        LoadResult result = new ManifestLoader().load(List.of(tmp));
        Cluster cluster = result.cluster();
        GeneratedCluster.Counts counts = generated.counts();

        // a CNI plugin's policies make --cni auto say which plugin it picked: the one problem allowed
        assertThat(result.problems()).allMatch(p -> p.toString().contains("--cni auto: the input holds"));
        assertThat(result.problems()).hasSize(mix.hasPluginPolicies() ? 1 : 0);
        assertThat(cluster.skipped()).isEmpty();
        assertThat(cluster.ignored()).isEmpty();
        assertThat(counts.allPolicies()).isEqualTo(ClusterShape.Size.M.shape().policies());
        assertThat(cluster.policies()).hasSize(counts.policies());
        assertThat(cluster.adminPolicies()).hasSize(counts.adminPolicies()).isNotEmpty();
        assertThat(cluster.calico().tiers().size() + cluster.calico().policies().size())
                .isEqualTo(counts.calicoPolicies());
        assertThat(cluster.cilium().policies()).hasSize(counts.ciliumPolicies());
        assertThat(counts.calicoPolicies() > 0).isEqualTo(mix.has(PolicyMix.Layer.CALICO));
        assertThat(counts.ciliumPolicies() > 0).isEqualTo(mix.has(PolicyMix.Layer.CILIUM));
        assertThat(generated.summary()).contains("mix=" + mix.label(), "policies=500");

        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        // under Calico an ipBlock also matches pod IPs, which generated pods do not carry: said, not an error
        assertThat(analysis.problems()).allMatch(p -> p.toString().contains("cannot be decided"));
        assertThat(analysis.problems().isEmpty()).isEqualTo(!mix.has(PolicyMix.Layer.CALICO));
        // the same objects without the mixed-in layers: no admin policies, no Calico or Cilium objects
        Cluster withoutMix = Cluster.builder()
                .namespaces(cluster.namespaces())
                .workloads(cluster.workloads())
                .services(cluster.services())
                .ingresses(cluster.ingresses())
                .policies(cluster.policies())
                .configMaps(cluster.configMaps())
                .ignored(cluster.ignored())
                .skipped(cluster.skipped())
                .routes(cluster.routes())
                .nodes(cluster.nodes())
                .withoutImplicitNamespaces()
                .build();
        assertThat(analysis.reach().count())
                .as("the mixed-in layers decide some connections")
                .isNotEqualTo(ConnectivityAnalysis.of(withoutMix).reach().count());
    }
}
