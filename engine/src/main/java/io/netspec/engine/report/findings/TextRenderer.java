package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.Printable;
import io.netspec.engine.report.Ansi;
import java.util.List;

/**
 * Compiler style, one finding a line, the remediation indented under it, waived findings in
 * their own section, then the packs that ran ({@code name@version}) and the summary:
 * <pre>
 * k8s/shop.yaml:42: error [missing-default-deny-ingress] namespace shop has no default-deny ingress policy
 *     Add a NetworkPolicy with an empty podSelector and policyTypes [Ingress] to the namespace.
 * </pre>
 */
public final class TextRenderer implements Renderer {

    private final Ansi ansi;

    /** Without colour: files, pipes, golden tests. */
    public TextRenderer() {
        this(Ansi.PLAIN);
    }

    /** Severity words of active findings in colour when {@code ansi} is on. */
    public TextRenderer(Ansi ansi) {
        this.ansi = ansi;
    }

    @Override
    public String render(CheckResult result, ReportContext context) {
        StringBuilder out = new StringBuilder();
        for (Finding f : result.active()) {
            line(out, f, context, ansi);
            out.append("    ").append(Printable.line(f.remediation())).append('\n');
        }
        List<Finding> waived = result.waived();
        if (!waived.isEmpty()) {
            out.append(result.active().isEmpty() ? "" : "\n").append("waived:\n");
            for (Finding f : waived) {
                line(out, f, context, Ansi.PLAIN);
                out.append("    waived: ")
                        .append(Printable.line(f.waiverReason()))
                        .append('\n');
            }
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        // the packs line comes first: scripts read the summary as the last line
        if (!result.packs().isEmpty()) {
            out.append("packs: ")
                    .append(Printable.line(String.join(", ", result.packs())))
                    .append('\n');
        }
        out.append(Summary.of(result))
                .append(" (")
                .append(Summary.plural(result.rules().size(), "rule"))
                .append(" checked; config: ")
                .append(Printable.line(context.config()))
                .append(")\n");
        return out.toString();
    }

    private static void line(StringBuilder out, Finding f, ReportContext context, Ansi ansi) {
        // user text (file names, names and values in messages) on one line, control characters visible
        out.append(Printable.line(context.relative(f.source().file())));
        if (f.source().line() > 0) {
            out.append(':').append(f.source().line());
        }
        out.append(": ")
                .append(ansi.severity(f.severity().wireName()))
                .append(" [")
                .append(f.ruleId())
                .append("] ")
                .append(Printable.line(f.message()))
                .append('\n');
    }
}
