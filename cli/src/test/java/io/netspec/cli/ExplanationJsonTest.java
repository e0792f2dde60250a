package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code explain --format json} on the examples: every evidence record carries its fields, as the schema says. */
class ExplanationJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLES = TestCommandTest.EXAMPLES.toString();

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    private JsonNode explain(String example, String from, String to, String... more) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("explain", EXAMPLES + "/" + example, "--from", from, "--to", to, "--format", "json"));
        args.addAll(List.of(more));
        assertThat(Main.run(args.toArray(new String[0]))).as(console.err()).isZero();
        JsonNode n = JSON.readTree(console.out());
        console.resetOut();
        return n;
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in =
                ExplanationJsonTest.class.getResourceAsStream("/io/netspec/cli/explanation.schema.json")) {
            assertThat(in).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    private static List<JsonNode> evidence(JsonNode explanation) {
        List<JsonNode> out = new ArrayList<>();
        explanation.get("parts").forEach(p -> p.get("evidence").forEach(out::add));
        explanation.get("pieces").forEach(p -> out.addAll(evidence(p)));
        return out;
    }

    private static JsonNode first(JsonNode explanation, String kind) {
        return evidence(explanation).stream()
                .filter(e -> e.get("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aCalicoTierDefaultNamesItsTierActionAndPoliciesWithFileAndLine() throws Exception {
        JsonNode e = explain("calico", "shop/web", "shop/db", "--port", "5432");
        JsonNode tierDefault = first(e, "tier-default");
        assertThat(tierDefault.get("direction").asText()).isEqualTo("egress");
        assertThat(tierDefault.get("tier").asText()).isEqualTo("default");
        assertThat(tierDefault.get("action").asText()).isEqualTo("Deny");
        assertThat(tierDefault.get("subject").asText()).isEqualTo("shop/web[Deployment]");
        JsonNode policy = tierDefault.get("policies").get(0);
        assertThat(policy.get("kind").asText()).isEqualTo("GlobalNetworkPolicy");
        assertThat(policy.get("namespace").asText()).isEmpty();
        assertThat(policy.get("name").asText()).isEqualTo("default-deny");
        assertThat(policy.get("file").asText()).endsWith("examples/calico/default-tier.yaml");
        assertThat(policy.get("line").asInt()).isEqualTo(3);
        assertThat(tierDefault.get("text").asText())
                .startsWith("egress: tier default ends in Deny for shop/web[Deployment]");

        JsonNode pass = first(e, "passed-to-next-tier").get("rule");
        assertThat(pass.get("tier").asText()).isEqualTo("security");
        assertThat(pass.get("action").asText()).isEqualTo("Pass");
        assertThat(pass.get("index").asInt()).isEqualTo(1);
        assertThat(pass.get("number").asInt()).isEqualTo(2);
        assertThat(pass.get("placement").asText()).isEqualTo("tier security, order 10");
        assertThat(pass.get("policy").get("name").asText()).isEqualTo("security.no-calls-into-monitoring");
        assertThat(pass.get("line").asInt()).isEqualTo(26);

        JsonNode peer = first(e, "peer-does-not-match");
        assertThat(peer.get("peer").asText()).isEqualTo("shop/db[StatefulSet]");
        assertThat(peer.get("rule").get("tier").asText()).isEqualTo("default");
        assertThat(schema().validate(e)).isEmpty();
    }

    @Test
    void ciliumRulesCarryTheirPolicyNamespaceAndAction() throws Exception {
        JsonNode e = explain("cilium", "monitoring/prometheus", "shop/api", "--port", "9090");
        JsonNode rule = first(e, "rule-denies").get("rule");
        assertThat(rule.get("policy").get("kind").asText()).isEqualTo("CiliumNetworkPolicy");
        assertThat(rule.get("policy").get("namespace").asText()).isEqualTo("shop");
        assertThat(rule.get("policy").get("name").asText()).isEqualTo("api");
        assertThat(rule.get("action").asText()).isEqualTo("Deny");
        assertThat(rule.get("direction").asText()).isEqualTo("ingress");
        assertThat(rule.get("ports").asText()).isEqualTo("9090/TCP");
        assertThat(rule.get("line").asInt()).isEqualTo(64);
        assertThat(schema().validate(e)).isEmpty();
    }

    @Test
    void everyExampleExplanationMatchesTheSchemaAndEveryKindIsSeen() throws Exception {
        JsonSchema schema = schema();
        Set<String> kinds = new HashSet<>();
        String[][] pairs = {
            {"shop", "shop-frontend/web", "shop-data/postgres"}, {"shop", "shop-backend/api", "shop-data/postgres"},
            {"shop", "8.8.8.8", "shop-frontend/web"}, {"shop", "shop-backend/worker", "0.0.0.0/0"},
            {"shop", "{ingress-controller}", "shop-frontend/web"}, {"shop", "8.8.8.8", "1.1.1.1"},
            {"calico", "shop/web", "shop/db"}, {"calico", "monitoring/prometheus", "shop/api"},
            {"calico", "shop/web", "monitoring/prometheus"}, {"cilium", "shop/legacy-batch", "shop/api"},
            {"cilium", "monitoring/prometheus", "shop/web"}, {"cilium", "shop/web", "8.8.8.8"}
        };
        for (String[] pair : pairs) {
            JsonNode e = explain(pair[0], pair[1], pair[2]);
            assertThat(schema.validate(e))
                    .as(String.join(" ", pair) + "\n" + e.toPrettyString())
                    .isEmpty();
            evidence(e).forEach(x -> kinds.add(x.get("kind").asText()));
        }
        assertThat(kinds)
                .contains(
                        "rule-allows",
                        "rule-denies",
                        "passed-to-next-tier",
                        "tier-default",
                        "no-rule-decides",
                        "policy-has-no-rules",
                        "peer-does-not-match",
                        "port-not-listed",
                        "not-governed");
    }

    @Test
    void theSchemaRejectsARecordWithoutItsFields() throws Exception {
        JsonNode e = explain("calico", "shop/web", "shop/db", "--port", "5432");
        ObjectNode tierDefault = (ObjectNode) first(e, "tier-default");
        tierDefault.remove("policies");
        assertThat(schema().validate(e)).isNotEmpty();
    }
}
