package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reach and explain take a Service as --from/--to: its backends. */
class ServiceEndpointsTest {

    private static final String APPS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: web, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api-v1, namespace: shop}
            spec:
              selector: {matchLabels: {app: api, v: "1"}}
              template:
                metadata: {labels: {app: api, v: "1"}}
                spec: {containers: [{name: c, image: api, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api-v2, namespace: shop}
            spec:
              selector: {matchLabels: {app: api, v: "2"}}
              template:
                metadata: {labels: {app: api, v: "2"}}
                spec: {containers: [{name: c, image: api, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{port: 80, targetPort: 8080}]
            """;

    @Test
    void reachToAServiceShowsItsBackends(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("apps.yaml"), APPS);
        MainTest.Run r = MainTest.run("reach", k8s.toString(), "--from", "shop/web", "--to", "shop/api[Service]");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("shop/web[Deployment] => shop/api-v1[Deployment]")
                .contains("shop/web[Deployment] => shop/api-v2[Deployment]")
                .doesNotContain("=> shop/web[Deployment]");
        MainTest.Run bare = MainTest.run("reach", k8s.toString(), "-n", "shop", "--to", "api");
        assertThat(bare.out())
                .as("a name that is no workload's but a Service's")
                .contains("=> shop/api-v1[Deployment]");
    }

    @Test
    void explainExplainsEachBackendAndAnUnknownServiceIsAUsageError(@TempDir Path dir) throws Exception {
        Path k8s = Files.writeString(dir.resolve("apps.yaml"), APPS);
        MainTest.Run r = MainTest.run("explain", k8s.toString(), "--from", "shop/web", "--to", "shop/api[Service]");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("shop/api-v1[Deployment]").contains("shop/api-v2[Deployment]");
        MainTest.Run bad = MainTest.run("explain", k8s.toString(), "--from", "shop/web", "--to", "shop/apx[Service]");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown service 'shop/apx'; services there: api");
    }
}
