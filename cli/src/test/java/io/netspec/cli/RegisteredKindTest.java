package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.cli.inventory.InventoryRenderers;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.KindRegistry;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.rules.ObjectRef;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kind registry's promise: a kind added by one registration (and its reader), with no other code,
 * is read into facts and seen by the inventory, the rules, the waivers and the references.
 */
class RegisteredKindTest {

    private static final ObjectKind<WidgetFact> WIDGETS = ObjectKind.of("widgets", WidgetFact.class, true, true);

    private static final KindRegistry KINDS = KindRegistry.BUILT_IN.with(
            "example.com",
            "Widget",
            false,
            WIDGETS,
            o -> new WidgetFact(
                    o.namespace(), o.name(), o.text("spec", "color").orElse(""), o.annotations(), o.source()));

    private static final String MANIFESTS = """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: a
              namespace: gadgets
            spec:
              color: red
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: b
              namespace: gadgets
              annotations:
                netspec.io/ignore.red-widget: "painted over next sprint"
            spec:
              color: red
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: c
              namespace: gadgets
              annotations:
                netspec.io/ignore.red-widgets: "a typo in the rule id"
            spec:
              color: blue
            """;

    private static final String DRL = """
            package io.netspec.rules.widgets;

            import io.netspec.cli.WidgetFact;
            import function io.netspec.engine.rules.Report.report;

            rule "red widget"
                @id("red-widget")
                @severity("warning")
                @title("Widget is red")
                @remediation("Paint the widget blue.")
            when
                $w : WidgetFact(color == "red")
            then
                report(drools, $w, "widget {w} is red", "w", $w.id());
            end
            """;

    private static Cluster load(KindRegistry kinds) {
        LoadResult result =
                new ManifestLoader(LoadOptions.DEFAULTS.withKinds(kinds)).loadString(MANIFESTS, "widgets.yaml");
        assertThat(result.problems()).isEmpty();
        return result.cluster();
    }

    @Test
    void theReaderTurnsObjectsIntoFactsOfTheKind() {
        Cluster cluster = load(KINDS);
        assertThat(cluster.facts(WIDGETS))
                .extracting(WidgetFact::name, WidgetFact::color, w -> w.source().line())
                .containsExactly(tuple("a", "red", 1), tuple("b", "red", 9), tuple("c", "blue", 19));
        assertThat(cluster.ignored()).isEmpty();
        assertThat(cluster.namespace("gadgets"))
                .as("a namespaced kind implies its namespace")
                .isPresent();
        assertThat(load(KindRegistry.BUILT_IN).ignored())
                .as("unregistered, a Widget is not analysed")
                .hasSize(3);
    }

    @Test
    void theInventoryListsTheKind() throws Exception {
        Cluster cluster = load(KINDS);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            InventoryRenderers.text(cluster, List.of(), out);
        }
        assertThat(text.toString()).contains("widgets (3)").containsPattern("Widget +gadgets/a +widgets.yaml:1");
        StringWriter json = new StringWriter();
        try (PrintWriter out = new PrintWriter(json)) {
            InventoryRenderers.json(cluster, List.of(), out);
        }
        JsonNode widgets = new ObjectMapper().readTree(json.toString()).get("widgets");
        assertThat(widgets).hasSize(3);
        assertThat(widgets.get(1)
                        .get("annotations")
                        .get("netspec.io/ignore.red-widget")
                        .asText())
                .isEqualTo("painted over next sprint");
    }

    @Test
    void rulesSeeTheKindAndWaiversOnItWork() throws Exception {
        Pack pack = new Pack(
                "widgets",
                "1.0.0",
                "",
                "test:widgets",
                List.of(new Pack.DrlFile("io/netspec/rules/widgets/red-widget.drl", DRL)),
                Optional.empty());
        List<Finding> findings = RuleEngine.compile(List.of(pack)).run(load(KINDS));
        assertThat(findings)
                .extracting(
                        Finding::ruleId,
                        Finding::objectKind,
                        Finding::name,
                        Finding::waived,
                        f -> f.source().line())
                .containsExactlyInAnyOrder(
                        tuple("red-widget", "Widget", "a", false, 1),
                        tuple("red-widget", "Widget", "b", true, 9),
                        tuple("unknown-waiver", "Widget", "c", false, 19));
        assertThat(findings)
                .filteredOn(Finding::waived)
                .extracting(Finding::waiverReason)
                .containsExactly("painted over next sprint");
    }

    @Test
    void aFactOfTheKindIsAReference() {
        WidgetFact a = load(KINDS).facts(WIDGETS).get(0);
        assertThat(ObjectRef.of(a)).isEqualTo(new ObjectRef("Widget", "gadgets", "a", Map.of(), a.source()));
    }
}
