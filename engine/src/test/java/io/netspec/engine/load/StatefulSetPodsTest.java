package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatefulSetPodsTest {

    private static final String SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: pg, namespace: data}
            spec:
              serviceName: pg
              replicas: 2
              selector: {matchLabels: {app: pg}}
              template:
                metadata: {labels: {app: pg}}
                spec: {containers: [{name: c, image: postgres:17, ports: [{containerPort: 5432}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: data, labels: {app: client}}
            spec: {containers: [{name: c, image: busybox}]}
            """;

    private static Cluster load(String more) {
        LoadResult r = new ManifestLoader().loadString(SET + more, "s.yaml");
        assertThat(r.errors()).isEmpty();
        return r.cluster();
    }

    @Test
    void withoutASelectorNamingOnePodTheStatefulSetStaysOneWorkload() {
        assertThat(load("").workloads())
                .extracting(Workload::id)
                .containsExactly("data/pg[StatefulSet]", "data/client[Pod]");
    }

    @Test
    void aPolicyForOnePodIsolatesThatPodOnly() {
        Cluster c = load("""
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: primary-deny, namespace: data}
                spec:
                  podSelector: {matchLabels: {statefulset.kubernetes.io/pod-name: pg-0}}
                  policyTypes: [Ingress]
                """);
        assertThat(c.workloads())
                .extracting(Workload::id)
                .containsExactly("data/pg-0[StatefulSet]", "data/pg-1[StatefulSet]", "data/client[Pod]");
        assertThat(c.workloads().get(1).podLabels()).containsEntry("apps.kubernetes.io/pod-index", "1");
        assertThat(c.workloads().get(0).serviceName()).isEqualTo("pg");
        assertThat(c.workloads().get(1).serviceName())
                .as("controller fields on pod 0 only")
                .isEmpty();
        assertThat(c.findWorkloads("data/pg")).hasSize(2);
        ConnectivityAnalysis a = ConnectivityAnalysis.of(c);
        Workload client = c.workloads().get(2);
        assertThat(a.allowed(client, c.workloads().get(0)).contains(Protocol.TCP, 5432))
                .isFalse();
        assertThat(a.allowed(client, c.workloads().get(1)).contains(Protocol.TCP, 5432))
                .isTrue();
    }

    /** Every place a selector can name one pod splits the set; the same selector on another key does not. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "kind: Service\nmetadata: {name: pg-0, namespace: data}\nspec: {selector: {KEY: pg-0}, ports: [{port: 5432}]}",
                "kind: NetworkPolicy\nmetadata: {name: p, namespace: data}\nspec: {podSelector: {matchExpressions: [{key: KEY, operator: In, values: [pg-0]}]}}",
                "kind: NetworkPolicy\nmetadata: {name: p, namespace: data}\nspec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {KEY: pg-0}}}]}]}",
                "kind: NetworkPolicy\nmetadata: {name: p, namespace: data}\nspec: {podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {}, podSelector: {matchExpressions: [{key: KEY, operator: Exists}]}}]}]}"
            })
    void aSelectorNamingOnePodAnywhereSplitsTheSet(String object) {
        String apiVersion = object.startsWith("kind: Service") ? "v1" : "networking.k8s.io/v1";
        for (String key : new String[] {"statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"}) {
            assertThat(load("---\napiVersion: " + apiVersion + "\n" + object.replace("KEY", key))
                            .workloads())
                    .as(key)
                    .extracting(Workload::id)
                    .containsExactly("data/pg-0[StatefulSet]", "data/pg-1[StatefulSet]", "data/client[Pod]");
        }
        assertThat(load("---\napiVersion: " + apiVersion + "\n" + object.replace("KEY", "app"))
                        .workloads())
                .extracting(Workload::id)
                .containsExactly("data/pg[StatefulSet]", "data/client[Pod]");
    }
}
