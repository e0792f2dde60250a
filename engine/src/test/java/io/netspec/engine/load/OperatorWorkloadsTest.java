package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class OperatorWorkloadsTest {

    private static final String PROMETHEUS = """
            apiVersion: monitoring.coreos.com/v1
            kind: Prometheus
            metadata: {name: k8s, namespace: monitoring}
            spec:
              replicas: 2
              podMetadata: {labels: {app.kubernetes.io/part-of: kube-prometheus}}
            ---
            apiVersion: acme.io/v1
            kind: Cache
            metadata: {name: sessions, namespace: shop}
            spec: {size: 3}
            """;

    @Test
    void aBuiltInOperatorResourceIsTheWorkloadOfItsPods() {
        LoadResult r = new ManifestLoader().loadString(PROMETHEUS, "m.yaml");
        assertThat(r.errors()).isEmpty();
        Workload w = r.cluster().workloads().get(0);
        assertThat(w.id()).isEqualTo("monitoring/k8s[Prometheus]");
        assertThat(w.replicas()).isEqualTo(2);
        assertThat(w.podLabels())
                .containsEntry("prometheus", "k8s")
                .containsEntry("app.kubernetes.io/name", "prometheus")
                .containsEntry("app.kubernetes.io/part-of", "kube-prometheus");
        assertThat(w.ports()).contains(new ContainerPort("web", 9090, Protocol.TCP, ""));
        assertThat(r.cluster().ignored()).extracting(o -> o.kind()).containsExactly("Cache");
    }

    @Test
    void netspecYamlExtendsTheTableForOwnOperators() {
        OperatorTable mine = OperatorTable.parse(new Yaml().compose(new StringReader("""
                - group: acme.io
                  kind: Cache
                  podLabels: {app: cache, cache: "{name}"}
                  replicasFrom: spec.size
                  ports: [{name: redis, port: 6379}]
                """)), ".netspec.yaml");
        LoadResult r = new ManifestLoader()
                .withOperators(OperatorTable.BUILT_IN.with(mine))
                .loadString(PROMETHEUS, "m.yaml");
        assertThat(r.cluster().workloads())
                .extracting(Workload::id)
                .containsExactly("monitoring/k8s[Prometheus]", "shop/sessions[Cache]");
        Workload cache = r.cluster().workloads().get(1);
        assertThat(cache.replicas()).isEqualTo(3);
        assertThat(cache.podLabels()).containsEntry("cache", "sessions");
        assertThat(r.cluster().ignored()).isEmpty();
    }

    @Test
    void mistakesInATableNameFileAndLine() {
        assertThatThrownBy(() -> OperatorTable.parse(new Yaml().compose(new StringReader("""
                - group: acme.io
                  kind: Cache
                  ports: [{name: redis, port: 99999}]
                """)), ".netspec.yaml"))
                .hasMessage(".netspec.yaml:3: expected a number from 1 to 65535, found 99999");
    }

    @Test
    void theOperatorsKeyOfNetspecYamlIsReadAndItsOtherKeysLeftToTheRules(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path cfg = dir.resolve(".netspec.yaml");
        Files.writeString(cfg, """
                failOn: warning
                operators:
                  - {group: acme.io, kind: Cache, podLabels: {app: cache}}
                """);
        assertThat(OperatorTable.fromConfigFile(cfg).entries())
                .extracting(OperatorTable.Entry::kind)
                .contains("Cache", "Prometheus");
        Files.writeString(cfg, "operators:\n  - {group: acme.io}\n");
        assertThatThrownBy(() -> OperatorTable.fromConfigFile(cfg))
                .isInstanceOfSatisfying(
                        OperatorTable.TableException.class,
                        e -> assertThat(e.toProblem().toString())
                                .endsWith(".netspec.yaml:2: an operators entry needs a group and a kind"));
    }
}
