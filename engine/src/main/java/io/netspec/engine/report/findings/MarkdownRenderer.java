package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.report.Markdown;
import java.util.List;

/** A Markdown table of findings (for a pull-request comment or a job summary), waived ones in their own table. */
public final class MarkdownRenderer implements Renderer {

    @Override
    public String render(CheckResult result, ReportContext context) {
        StringBuilder out = new StringBuilder("## netspec check\n\n");
        List<Finding> active = result.active();
        if (active.isEmpty()) {
            out.append("No findings.\n\n");
        } else {
            table(out, active, context, false);
        }
        List<Finding> waived = result.waived();
        if (!waived.isEmpty()) {
            out.append("### Waived\n\n");
            table(out, waived, context, true);
        }
        out.append("**")
                .append(Summary.of(result))
                .append("** (")
                .append(Summary.plural(result.rules().size(), "rule"))
                .append(" checked)\n");
        if (!result.packs().isEmpty()) {
            out.append("\nPacks: ")
                    .append(String.join(
                            ", ", result.packs().stream().map(Markdown::code).toList()))
                    .append('\n');
        }
        out.append("\n<sub>config: ").append(Markdown.text(context.config())).append("</sub>\n");
        return out.toString();
    }

    private static void table(StringBuilder out, List<Finding> findings, ReportContext context, boolean waived) {
        out.append("| Severity | Rule | Pack | Object | Location | Message |")
                .append(waived ? " Reason |" : " Remediation |")
                .append('\n');
        out.append("|---|---|---|---|---|---|---|\n");
        for (Finding f : findings) {
            String location = context.relative(f.source().file())
                    + (f.source().line() > 0 ? ":" + f.source().line() : "");
            out.append("| ")
                    .append(f.severity().wireName())
                    .append(" | ")
                    .append(Markdown.code(f.ruleId()))
                    .append(" | ")
                    .append(f.pack().isEmpty() ? "" : Markdown.code(f.pack()))
                    .append(" | ")
                    .append(cell(f.objectRef()))
                    .append(" | ")
                    .append(Markdown.code(location))
                    .append(" | ")
                    .append(cell(f.message()))
                    .append(" | ")
                    .append(cell(waived ? f.waiverReason() : f.remediation()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    static String cell(String s) {
        return Markdown.text(s);
    }
}
