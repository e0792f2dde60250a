package io.netspec.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.EndpointRef;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Both formats of {@code netspec explain} against golden files, for a pair that is allowed on one
 * port and denied on another (an ingress rule with its file:line, a default-deny that selects the
 * destination, a port the rule does not list). To accept a deliberate change, run once with
 * {@code -Dnetspec.updateGolden=true} and review the diff.
 */
class ExplanationGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/explain");

    private static final String SHOP = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec: {template: {metadata: {labels: {app: db}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 5432}]
            """;

    private static Explanation webToDb() {
        LoadResult loaded = new ManifestLoader(LoadOptions.DEFAULTS).loadString(SHOP, "k8s/shop.yaml");
        assertThat(loaded.hasErrors()).isFalse();
        Cluster cluster = loaded.cluster();
        return ConnectivityAnalysis.of(cluster)
                .explain(EndpointRef.resolve(cluster, "shop/web"), EndpointRef.resolve(cluster, "shop/db"));
    }

    @Test
    void textForEveryPort() throws IOException {
        assertGolden("explain.txt", ExplanationRenderers.text(webToDb(), null, null));
    }

    @Test
    void textForADeniedPort() throws IOException {
        String text = ExplanationRenderers.text(webToDb(), Protocol.TCP, 80);
        assertGolden("explain-port-80.txt", text);
    }

    @Test
    void json() throws IOException {
        assertGolden("explain.json", ExplanationRenderers.json(webToDb(), null, null));
    }

    @Test
    void jsonForAnAllowedPort() throws IOException {
        assertGolden("explain-port-5432.json", ExplanationRenderers.json(webToDb(), Protocol.TCP, 5432));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("netspec.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden)
                .as("golden file (run with -Dnetspec.updateGolden=true once)")
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
