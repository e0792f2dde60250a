package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.cli.inventory.InventoryRenderers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec inventory} end to end, through the real loader, on the shop example and on bad input. */
class InventoryCommandTest {

    /** Tests run in the cli module; the example lives at the repository root. */
    private static final String SHOP = Path.of("..", "examples", "shop").toString();

    @Test
    void theShopExampleLoadsCleanlyAndEverythingIsListed() {
        MainTest.Run r = run("inventory", SHOP);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "Namespaces (5)",
                        "Workloads (7)",
                        "Services (6)",
                        "Ingresses (1)",
                        "Network policies (14)",
                        "ConfigMaps (3)",
                        "Skipped documents (0)",
                        "Warnings (0)")
                .containsPattern("kube-system +no \\(implicit\\)")
                .containsPattern("shop-data/postgres +StatefulSet +1 +pod +postgres:5432/TCP +\\S*data\\.yaml:\\d+")
                .containsPattern("shop-data/postgres +ClusterIP \\(headless\\) +postgres:5432/TCP->postgres")
                .containsPattern("shop-backend/worker +Egress +- +2 ")
                .contains("shop.example.com/ -> web:http")
                .containsPattern("Service accounts \\(\\d+\\)")
                .contains(", 0 errors, 0 warnings");
    }

    @Test
    void jsonOfTheShopExampleIsParseableAndComplete() throws IOException {
        MainTest.Run r = run("inventory", "--format", "json", SHOP);
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("schema").asText()).isEqualTo(InventoryRenderers.JSON_SCHEMA);
        assertThat(root.get("workloads")).hasSize(7);
        assertThat(root.get("networkPolicies")).hasSize(14);
        JsonNode api = root.get("workloads").findParents("id").stream()
                .filter(w -> w.get("id").asText().equals("shop-backend/api[Deployment]"))
                .findFirst()
                .orElseThrow();
        assertThat(api.get("replicas").asInt()).isEqualTo(3);
        assertThat(api.get("source").get("file").asText()).endsWith("backend.yaml");
        assertThat(api.get("source").get("line").asInt()).isPositive();
        assertThat(root.get("problems")).isEmpty();
    }

    @Test
    void aBadFileExits2WithFileAndLineOnStderrAndTheRestIsStillListed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                """);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: api
                  namespace: shop
                spec:
                  ports:
                    - port: 80
                     targetPort: 8080
                """);
        MainTest.Run r = run("inventory", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).containsPattern("(?m)^" + Pattern.quote(bad.toString()) + ":\\d+: \\S.*");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).containsPattern("shop +yes +\\S*good\\.yaml:\\d+").contains("Errors (1)", "1 error");
    }

    @Test
    void outputGoesToAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("inventory.json");
        MainTest.Run r = run("inventory", SHOP, "-f", "json", "-o", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(Files.readString(file)).isObject())
                .isTrue();
        MainTest.Run bad = run("inventory", SHOP, "-o", dir.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("netspec inventory: cannot write " + dir + ": Is a directory\n");
    }

    @Test
    void calicoNetworkSetsAreListedNotLeftAsNotAnalysed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("sets.yaml"), """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkSet
                metadata: {name: partners, labels: {role: partner}}
                spec: {nets: [203.0.113.0/24, 198.51.100.7]}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkSet
                metadata: {name: local, namespace: shop}
                spec: {nets: [192.0.2.0/24]}
                """);
        MainTest.Run r = run("inventory", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Calico network sets (2)")
                .containsPattern(
                        "partners +GlobalNetworkSet +\\S*sets\\.yaml:1 +203\\.0\\.113\\.0/24,198\\.51\\.100\\.7/32"
                                + " +role=partner")
                .containsPattern("shop/local +NetworkSet +\\S*sets\\.yaml:6 +192\\.0\\.2\\.0/24")
                .doesNotContain("Not analysed (1");
    }

    @Test
    void theApiServerEndpointSliceIsListedNotLeftAsNotAnalysed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("api.yaml"), """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: kubernetes, namespace: default, labels: {kubernetes.io/service-name: kubernetes}}
                addressType: IPv4
                endpoints: [{addresses: [198.51.100.7]}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-x1, namespace: default, labels: {kubernetes.io/service-name: web}}
                addressType: IPv4
                endpoints: [{addresses: [10.1.0.9]}]
                """);
        MainTest.Run r = run("inventory", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("API server endpoints (1)")
                .containsPattern("default/kubernetes +EndpointSlice +\\S*api\\.yaml:1 +198\\.51\\.100\\.7")
                .contains("Not analysed (1)")
                .containsPattern("EndpointSlice +discovery\\.k8s\\.io/v1 +default/web-x1");
    }

    @Test
    void aMissingPathExits2NamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        MainTest.Run r = run("inventory", missing.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(missing.toString());
    }

    @Test
    void readsStdinAndAppliesTheDefaultNamespace() {
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: settings
                    data:
                      LOG_LEVEL: info
                    """.getBytes(StandardCharsets.UTF_8)));
            MainTest.Run r = run("inventory", "--namespace", "team-a", "-");
            assertThat(r.exit()).isZero();
            assertThat(r.out())
                    .containsPattern("team-a/settings +\\S+:\\d+ +LOG_LEVEL")
                    .containsPattern("team-a +no \\(implicit\\)");
        } finally {
            System.setIn(in);
        }
    }
}
