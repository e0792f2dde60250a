package io.netspec.engine.report.findings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.report.Json;

/**
 * Machine-readable findings. Schema (JSON Schema, draft-07):
 * {@code netspec/report/check-report.schema.json} on the classpath. Shape:
 * <pre>
 * {"tool": "netspec", "version": "...",
 *  "findings": [{"rule", "severity", "title", "message", "remediation",
 *                "object": {"kind", "namespace", "name"}, "file", "line", "waived", "reason",
 *                "pack": "name@version"}],
 *  "packs": [{"name", "version"}],
 *  "summary": {"errors", "warnings", "infos", "waived", "rules"}}
 * </pre>
 * {@code findings} holds waived ones too ({@code waived: true}, {@code reason}); counts in
 * {@code summary} other than {@code waived} are of unwaived findings.
 */
public final class JsonRenderer implements Renderer {

    @Override
    public String render(CheckResult result, ReportContext context) {
        ObjectNode root = Json.object();
        root.put("tool", "netspec");
        root.put("version", context.toolVersion());
        root.put("config", context.config());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            ObjectNode n = findings.addObject();
            n.put("rule", f.ruleId());
            n.put("severity", f.severity().wireName());
            n.put("title", f.title());
            n.put("message", f.message());
            n.put("remediation", f.remediation());
            n.putObject("object")
                    .put("kind", f.objectKind())
                    .put("namespace", f.namespace())
                    .put("name", f.name());
            n.put("file", context.relative(f.source().file()));
            n.put("line", f.source().line());
            n.put("waived", f.waived());
            n.put("reason", f.waiverReason());
            n.put("pack", f.pack());
        }
        ArrayNode packs = root.putArray("packs");
        for (String p : result.packs()) {
            int at = p.lastIndexOf('@');
            packs.addObject()
                    .put("name", at < 0 ? p : p.substring(0, at))
                    .put("version", at < 0 ? "" : p.substring(at + 1));
        }
        Summary s = Summary.of(result);
        root.putObject("summary")
                .put("errors", s.errors())
                .put("warnings", s.warnings())
                .put("infos", s.infos())
                .put("waived", s.waived())
                .put("rules", s.rules());
        return Json.write(root);
    }
}
