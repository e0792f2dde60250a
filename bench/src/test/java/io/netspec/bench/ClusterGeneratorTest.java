package io.netspec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class ClusterGeneratorTest {

    /** Generated once per size and seed 42: L takes a second or two. */
    private static final Map<ClusterShape.Size, GeneratedCluster> GENERATED = new EnumMap<>(ClusterShape.Size.class);

    private static synchronized GeneratedCluster generated(ClusterShape.Size size) {
        return GENERATED.computeIfAbsent(size, s -> ClusterGenerator.generate(s, 42));
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot() {
        GeneratedCluster first = generated(ClusterShape.Size.M);
        GeneratedCluster second = ClusterGenerator.generate(ClusterShape.Size.M, 42);
        GeneratedCluster other = ClusterGenerator.generate(ClusterShape.Size.M, 7);

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(other.files()).isNotEqualTo(first.files());
        assertThat(other.counts().workloads()).isEqualTo(first.counts().workloads());
    }

    @ParameterizedTest
    @EnumSource(
            value = ClusterShape.Size.class,
            names = {"S", "M", "L"})
    void namedSizesHaveExactCountsInTheWrittenText(ClusterShape.Size size) {
        GeneratedCluster cluster = generated(size);
        ClusterShape shape = size.shape();
        Map<String, Integer> kinds = kindLines(cluster);

        assertThat(cluster.counts().workloads()).isEqualTo(shape.workloads());
        assertThat(kinds.get("Deployment") + kinds.get("StatefulSet") + kinds.get("DaemonSet"))
                .isEqualTo(shape.workloads());
        assertThat(kinds.get("NetworkPolicy"))
                .isEqualTo(shape.policies())
                .isEqualTo(cluster.counts().policies());
        assertThat(kinds.get("Namespace"))
                .isEqualTo(shape.namespaces() + 2)
                .isEqualTo(cluster.files().size());
        assertThat(kinds.get("Service")).isEqualTo(cluster.counts().services());
        assertThat(kinds.get("Deployment")).isGreaterThan(kinds.get("StatefulSet"));
        assertThat(kinds.get("DaemonSet")).isPositive();
        assertThat(cluster.counts().services())
                .as("most workloads have a Service")
                .isGreaterThan(shape.workloads() / 5);
    }

    @Test
    void sizesAreTheDocumentedOnes() {
        assertThat(ClusterShape.Size.S.shape()).isEqualTo(new ClusterShape(50, 20, 4));
        assertThat(ClusterShape.Size.M.shape()).isEqualTo(new ClusterShape(2_000, 500, 40));
        assertThat(ClusterShape.Size.L.shape()).isEqualTo(new ClusterShape(20_000, 5_000, 250));
        assertThat(ClusterShape.Size.XL.shape()).isEqualTo(new ClusterShape(50_000, 10_000, 500));
    }

    @Test
    void workloadsShareLabelClassesWhoseNumberGrowsWithSize() {
        GeneratedCluster.Counts s = generated(ClusterShape.Size.S).counts();
        GeneratedCluster.Counts m = generated(ClusterShape.Size.M).counts();
        GeneratedCluster.Counts l = generated(ClusterShape.Size.L).counts();

        assertThat(s.labelClasses()).isLessThan(m.labelClasses());
        assertThat(m.labelClasses()).isLessThan(l.labelClasses());
        assertThat((double) l.workloads() / l.labelClasses())
                .as("workloads per label class")
                .isGreaterThan(2.0);
    }

    @Test
    void policiesUseTheFeaturesAnAnalyserMustHandle() {
        String text = String.join("\n", generated(ClusterShape.Size.M).files().values());

        assertThat(text)
                .contains(
                        "policyTypes:\n    - Ingress\n    - Egress",
                        "  egress: []",
                        "operator: In\n",
                        "operator: NotIn\n",
                        "operator: Exists\n",
                        "endPort: 30100",
                        "except:\n",
                        "- namespaceSelector:\n",
                        "          podSelector:\n",
                        "port: http\n",
                        "port: metrics\n",
                        "protocol: UDP\n",
                        "podSelector: {}",
                        "kubernetes.io/metadata.name: kube-system",
                        "hostNetwork: true",
                        "clusterIP: None",
                        "serviceName: ");
    }

    @Test
    void everyDocumentIsAnOrdinaryKubernetesObject() {
        GeneratedCluster cluster = generated(ClusterShape.Size.M);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        int documents = 0;
        for (Map.Entry<String, String> file : cluster.files().entrySet()) {
            for (Object doc : new Yaml(options).loadAll(file.getValue())) {
                Map<?, ?> object = (Map<?, ?>) doc;
                Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
                assertThat(object.get("apiVersion")).as(file.getKey()).isNotNull();
                assertThat(metadata.get("name")).as(file.getKey()).isInstanceOf(String.class);
                if (!"Namespace".equals(object.get("kind"))) {
                    assertThat(file.getKey()).endsWith("-" + metadata.get("namespace") + ".yaml");
                }
                documents++;
            }
        }
        GeneratedCluster.Counts c = cluster.counts();
        assertThat(documents).isEqualTo(c.namespaces() + c.workloads() + c.services() + c.policies());
    }

    @Test
    void customShapeNeedsRoomForSystemWorkloads() {
        assertThatThrownBy(() -> new ClusterShape(8, 1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--workloads must be at least 11");
        GeneratedCluster small = ClusterGenerator.generate(new ClusterShape(11, 3, 5), 1);
        assertThat(small.counts().workloads()).isEqualTo(11);
        assertThat(small.counts().policies()).isEqualTo(3);
    }

    private static Map<String, Integer> kindLines(GeneratedCluster cluster) {
        Map<String, Integer> kinds = new HashMap<>();
        for (String text : cluster.files().values()) {
            text.lines()
                    .filter(l -> l.startsWith("kind: "))
                    .forEach(l -> kinds.merge(l.substring("kind: ".length()), 1, Integer::sum));
        }
        for (String k : List.of("Deployment", "StatefulSet", "DaemonSet", "Service", "NetworkPolicy", "Namespace")) {
            kinds.putIfAbsent(k, 0);
        }
        return kinds;
    }
}
