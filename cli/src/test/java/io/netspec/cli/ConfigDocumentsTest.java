package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ConfigMap holding a large dashboard read through envFrom, beside one address-like key that
 * names a missing Service: the dashboard is no call site, and no output line embeds it (a finding
 * quotes the key and the address only), in every format.
 */
class ConfigDocumentsTest {

    @Test
    void aDashboardIsNeverACallSiteNorQuoted(@TempDir Path dir) throws Exception {
        StringBuilder dashboard = new StringBuilder("    {\n      \"panels\": [\n");
        for (int i = 0; i < 1500; i++) {
            dashboard
                    .append("        {\"id\": ")
                    .append(i)
                    .append(", \"datasource\": \"http://ghost")
                    .append(i)
                    .append(".monitoring.svc:9090\", \"expr\": \"sum(rate(x[5m]))\"},\n");
        }
        dashboard.append("        {}\n      ]\n    }\n");
        Path k8s = Files.writeString(dir.resolve("grafana.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: monitoring}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: grafana, namespace: monitoring}
                data:
                  GF_RENDERER_URL: http://renderer.monitoring.svc:8081/render
                  dashboard.json: |
                """ + dashboard + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: grafana, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: grafana}}
                  template:
                    metadata: {labels: {app: grafana}}
                    spec:
                      containers:
                        - name: grafana
                          image: grafana/grafana:11.3.0
                          envFrom: [{configMapRef: {name: grafana}}]
                """);
        for (String format : new String[] {"text", "github", "json", "sarif"}) {
            MainTest.Run r = MainTest.run(
                    "check", k8s.toString(), "--format", format, "--enable", "unknown-dependency", "--fail-on", "none");
            assertThat(r.exit()).as(format + ": " + r.err()).isZero();
            assertThat(r.out())
                    .as(format)
                    .contains("renderer.monitoring.svc:8081")
                    .doesNotContain("ghost")
                    .doesNotContain("panels");
            assertThat(r.out().lines().mapToInt(String::length).max().orElse(0))
                    .as(format)
                    .isLessThan(2000);
        }
    }
}
