package io.netspec.cli.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.SourceRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inventory renderers on a hand-built cluster: golden files pin the whole output (run with
 * {@code -Dnetspec.updateGolden=true} to rewrite them after an intended change, then review the
 * diff), targeted assertions say what matters in it.
 */
class InventoryRenderTest {

    private static final Path GOLDEN = Path.of("src/test/resources/inventory");

    private static String text(Cluster cluster) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            new InventoryText(out).render(cluster, InventoryFixture.problems());
        }
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    private static String json(Cluster cluster) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            new InventoryJson(out).render(cluster, InventoryFixture.problems());
        }
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void textMatchesTheGoldenFile() throws IOException {
        assertGolden("fixture.txt", text(InventoryFixture.cluster()));
    }

    @Test
    void jsonMatchesTheGoldenFile() throws IOException {
        assertGolden("fixture.json", json(InventoryFixture.cluster()));
    }

    @Test
    void textListsEveryKindOfFactWithItsSource() {
        String text = text(InventoryFixture.cluster());
        assertThat(text)
                .contains(
                        "Namespaces (3)",
                        "Workloads (3)",
                        "Services (3)",
                        "Ingresses (1)",
                        "Network policies (3)",
                        "Admin network policies (2)",
                        "ConfigMaps (1)",
                        "Not analysed (3): IngressClass 1, ServiceAccount 2",
                        "Skipped documents (1)",
                        "Warnings (1)",
                        "Errors (1)")
                .contains(
                        "http:8080/TCP",
                        "9100/TCP,dns:53/UDP",
                        "http:8080/TCP->http",
                        "https:443/TCP->8443 (node 30443)")
                .contains("ClusterIP (headless)", "shop.example.com/api -> api:http", "(default) -> api:8080")
                .contains("shop.yaml:110", "values.yaml:1", "broken.yaml:7")
                .contains("DATABASE_URL, REDIS_ADDR")
                .endsWith("3 namespaces, 3 workloads, 3 services, 1 ingress, 3 network policies, 2 admin policies, "
                        + "1 ConfigMap, 3 not analysed, 1 skipped, 1 error, 1 warning\n");
    }

    @Test
    void namespacesShowWhetherDeclaredWithoutTheAutomaticNameLabel() {
        List<String> lines = section(text(InventoryFixture.cluster()), "Namespaces");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  shop-backend +yes +shop\\.yaml:1 +team=checkout"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  monitoring +no \\(implicit\\) +- +-"));
        assertThat(String.join("\n", lines)).doesNotContain("kubernetes.io/metadata.name=shop");
    }

    @Test
    void policyRowsCountRulesPerIsolatedDirection() {
        List<String> lines = section(text(InventoryFixture.cluster()), "Network policies");
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).matches("  shop-backend/api +Ingress,Egress +1 +2 +shop\\.yaml:110 +app=api"));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .matches("  shop-backend/default-deny +Ingress,Egress +0 +0 +shop\\.yaml:100 +<all>"));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).matches("  shop-data/postgres +Ingress +0 +- +shop\\.yaml:130 +app=postgres"));
    }

    @Test
    void workloadsAreSortedAndTheirColumnsAligned() {
        List<String> lines = section(text(InventoryFixture.cluster()), "Workloads");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("  monitoring/node-agent");
        assertThat(lines.get(2)).startsWith("  shop-backend/api");
        assertThat(lines.get(3)).startsWith("  shop-data/postgres");
        assertThat(lines.get(1)).contains(" host ");
        int source = lines.get(0).indexOf("SOURCE");
        assertThat(lines.subList(1, 4))
                .allSatisfy(l -> assertThat(l.substring(source)).startsWith("shop.yaml:"));
    }

    @Test
    void notAnalysedObjectsShowTheirApiVersionAndOtherGroupsInTheSummary() {
        SourceRef at = new SourceRef("cni.yaml", 3);
        Cluster c = Cluster.builder()
                .ignored(List.of(
                        new IgnoredObject("projectcalico.org/v3", "NetworkPolicy", "prod", "p", at),
                        new IgnoredObject("projectcalico.org/v3", "GlobalNetworkPolicy", "", "deny-all", at),
                        new IgnoredObject("v1", "Secret", "prod", "s", at)))
                .build();
        String text = text(c);
        assertThat(text)
                .contains("Not analysed (3): GlobalNetworkPolicy (projectcalico.org) 1,"
                        + " NetworkPolicy (projectcalico.org) 1, Secret 1");
        assertThat(text.lines().filter(l -> l.contains("deny-all")).findFirst().orElseThrow())
                .containsPattern("GlobalNetworkPolicy +projectcalico.org/v3 +deny-all +cni.yaml:3");
    }

    @Test
    void anEmptyClusterPrintsEmptySectionsAndASummary() {
        String text = text(Cluster.EMPTY);
        assertThat(text)
                .contains("Namespaces (0)", "Workloads (0)", "Not analysed (0)")
                .doesNotContain("WORKLOAD", "NAMESPACE ");
    }

    @Test
    void jsonCarriesStructuredFactsAndSources() throws IOException {
        JsonNode root = new ObjectMapper().readTree(json(InventoryFixture.cluster()));
        assertThat(root.get("schema").asText()).isEqualTo("netspec.inventory/v1");
        JsonNode monitoring = root.get("namespaces").get(0);
        assertThat(monitoring.get("name").asText()).isEqualTo("monitoring");
        assertThat(monitoring.get("declared").asBoolean()).isFalse();
        assertThat(monitoring.get("labels").get("kubernetes.io/metadata.name").asText())
                .isEqualTo("monitoring");
        assertThat(monitoring.get("source").isNull()).isTrue();

        JsonNode api = root.get("workloads").get(1);
        assertThat(api.get("id").asText()).isEqualTo("shop-backend/api[Deployment]");
        assertThat(api.get("ports").get(0).get("name").asText()).isEqualTo("http");
        assertThat(api.get("ports").get(0).get("port").asInt()).isEqualTo(8080);
        assertThat(api.get("source").get("file").asText()).isEqualTo("shop.yaml");
        assertThat(api.get("source").get("line").asInt()).isEqualTo(10);

        JsonNode apiSvc = root.get("services").get(0);
        assertThat(apiSvc.get("ports").get(0).get("targetPort").isTextual()).isTrue();
        JsonNode pgSvc = root.get("services").get(2);
        assertThat(pgSvc.get("headless").asBoolean()).isTrue();
        assertThat(pgSvc.get("ports").get(0).get("targetPort").asInt()).isEqualTo(5432);
        assertThat(root.get("services").get(1).get("selector").isNull()).isTrue();

        JsonNode policy = root.get("networkPolicies").get(0);
        assertThat(policy.get("name").asText()).isEqualTo("api");
        assertThat(policy.get("policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(policy.get("egressRules").asInt()).isEqualTo(2);
        assertThat(root.get("networkPolicies").get(2).get("policyTypes").toString())
                .isEqualTo("[\"Ingress\"]");

        assertThat(root.get("adminNetworkPolicies").get(0).get("kind").asText()).isEqualTo("AdminNetworkPolicy");
        assertThat(root.get("notAnalysed").get("counts").get("ServiceAccount").asInt())
                .isEqualTo(2);
        assertThat(root.get("notAnalysed").get("objects")).hasSize(3);
        assertThat(root.get("skippedDocuments").get(0).get("source").get("file").asText())
                .isEqualTo("values.yaml");
        assertThat(root.get("problems").get(1).get("severity").asText()).isEqualTo("error");
        assertThat(root.get("configMaps").get(0).get("keys").toString()).isEqualTo("[\"DATABASE_URL\",\"REDIS_ADDR\"]");
    }

    /** The header and rows of one section, without its title line and the blank line after it. */
    private static List<String> section(String text, String title) {
        List<String> lines = text.lines().toList();
        int start = 0;
        while (!lines.get(start).startsWith(title + " (")) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("netspec.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
