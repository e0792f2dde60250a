package io.netspec.bench;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated manifests are what the engine reads: no load problem, every object counted. */
class GeneratedClusterLoadsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = ClusterShape.Size.class, names = {"S", "M"})
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
        Map<String, Long> kinds = cluster.workloads().stream()
                .collect(Collectors.groupingBy(Workload::kind, Collectors.counting()));
        assertThat(kinds).containsEntry("Deployment", (long) counts.deployments())
                .containsEntry("StatefulSet", (long) counts.statefulSets())
                .containsEntry("DaemonSet", (long) counts.daemonSets());
        long distinct = cluster.workloads().stream()
                .map(w -> w.namespace() + "|" + w.podLabels() + "|" + w.ports().stream()
                        .map(p -> p.name() + "/" + p.port() + "/" + p.protocol()).toList())
                .distinct().count();
        assertThat(distinct).isEqualTo(counts.labelClasses());

        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        assertThat(analysis.unresolvedNamedPorts()).as("every named port a policy uses exists").isEmpty();
        List<String> lines = analysis.reach().map(Object::toString).toList();
        assertThat(lines).anyMatch(l -> l.contains(" => kube-system/coredns[Deployment] : TCP 53,UDP 53"));
        // A db policy writes `egress: []`: a database no other egress policy selects sends nothing at all.
        List<String> silentDatabases = cluster.policies().stream()
                .filter(p -> p.name().endsWith("-db") && p.isolatesEgress() && p.egress().isEmpty())
                .flatMap(p -> analysis.selectedWorkloads(p).stream())
                .filter(w -> analysis.policiesSelecting(w, Direction.EGRESS).size() == 1)
                .map(w -> w.id() + " => ").toList();
        assertThat(silentDatabases).isNotEmpty();
        assertThat(lines).noneMatch(l -> silentDatabases.stream().anyMatch(l::startsWith));
    }
}
