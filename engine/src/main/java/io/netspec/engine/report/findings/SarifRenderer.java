package io.netspec.engine.report.findings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.report.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0, for code review: the engine's own rules in {@code tool.driver.rules}, each pack's
 * rules under its {@code tool.extensions} entry (name and version; results point at them with
 * {@code rule.toolComponent}) and every result's {@code properties.pack} = {@code name@version}; one
 * result per finding with a file URI relative to the working directory and the start line.
 * Waived findings carry a suppression: {@code inSource} for an annotation, {@code external}
 * for the baseline.
 */
public final class SarifRenderer implements Renderer {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    @Override
    public String render(CheckResult result, ReportContext context) {
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        run.putObject("properties").put("config", context.config());
        ObjectNode tool = run.putObject("tool");
        ObjectNode driver = tool.putObject("driver");
        driver.put("name", "netspec");
        driver.put("version", context.toolVersion());
        driver.put("informationUri", "https://github.com/netspec/netspec");
        // The engine's own checks are the driver's rules; each pack is an extension with its name,
        // version and rules, so code scanning shows which pack (and version) produced a result.
        ArrayNode driverRules = driver.putArray("rules");
        Map<String, ArrayNode> packRules = new LinkedHashMap<>();
        Map<String, Integer> packIndex = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, String> packOf = new HashMap<>();
        ArrayNode extensions = null;
        for (RuleInfo r : result.rules()) {
            ArrayNode rules = driverRules;
            if (!r.pack().isEmpty() && !r.pack().equals(RuleInfo.ENGINE_PACK)) {
                if (extensions == null) {
                    extensions = tool.putArray("extensions");
                }
                ArrayNode ext = extensions;
                rules = packRules.computeIfAbsent(r.pack(), name -> {
                    packIndex.put(name, ext.size());
                    ObjectNode component = ext.addObject();
                    component.put("name", name);
                    component.put("version", r.packVersion());
                    return component.putArray("rules");
                });
                packOf.put(r.id(), r.pack());
            }
            index.put(r.id(), rules.size());
            ObjectNode n = rules.addObject();
            n.put("id", r.id());
            n.putObject("shortDescription").put("text", r.title());
            n.putObject("help").put("text", r.remediation());
            n.putObject("defaultConfiguration").put("level", level(r.severity()));
            ObjectNode props = n.putObject("properties");
            props.put("pack", r.provenance());
            if (!r.aliases().isEmpty()) {
                ArrayNode aliases = props.putArray("aliases");
                r.aliases().forEach(aliases::add);
            }
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            ObjectNode n = results.addObject();
            n.put("ruleId", f.ruleId());
            if (packOf.containsKey(f.ruleId())) {
                ObjectNode rule = n.putObject("rule");
                rule.put("id", f.ruleId()).put("index", index.get(f.ruleId()));
                rule.putObject("toolComponent")
                        .put("name", packOf.get(f.ruleId()))
                        .put("index", packIndex.get(packOf.get(f.ruleId())));
            } else if (index.containsKey(f.ruleId())) {
                n.put("ruleIndex", index.get(f.ruleId()));
            }
            n.put("level", level(f.severity()));
            n.putObject("message").put("text", f.message());
            ObjectNode location = n.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation")
                    .put("uri", context.uri(f.source().file()));
            if (f.source().line() > 0) {
                physical.putObject("region").put("startLine", f.source().line());
            }
            location.putArray("logicalLocations")
                    .addObject()
                    .put("name", f.name())
                    .put("fullyQualifiedName", f.objectRef())
                    .put("kind", "resource");
            if (!f.pack().isEmpty()) {
                n.putObject("properties").put("pack", f.pack());
            }
            if (f.waived()) {
                n.putArray("suppressions")
                        .addObject()
                        .put("kind", "baseline".equals(f.waiverReason()) ? "external" : "inSource")
                        .put("justification", f.waiverReason());
            }
        }
        return Json.write(root);
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
