package io.netspec.engine.report;

import io.netspec.engine.rules.CheckResult;
import io.netspec.engine.rules.Finding;

import java.util.List;

/**
 * Compiler style, one finding a line, the remediation indented under it, waived findings in
 * their own section, then the summary and the packs that ran ({@code name@version}):
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
            out.append("    ").append(f.remediation()).append('\n');
        }
        List<Finding> waived = result.waived();
        if (!waived.isEmpty()) {
            out.append(result.active().isEmpty() ? "" : "\n").append("waived:\n");
            for (Finding f : waived) {
                line(out, f, context, Ansi.PLAIN);
                out.append("    waived: ").append(f.waiverReason()).append('\n');
            }
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(Summary.of(result)).append(" (").append(Summary.plural(result.rules().size(), "rule"))
                .append(" checked)\n");
        if (!result.packs().isEmpty()) {
            out.append("packs: ").append(String.join(", ", result.packs())).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, Finding f, ReportContext context, Ansi ansi) {
        out.append(context.relative(f.source().file()));
        if (f.source().line() > 0) {
            out.append(':').append(f.source().line());
        }
        out.append(": ").append(ansi.severity(f.severity().wireName())).append(" [").append(f.ruleId()).append("] ")
                .append(f.message()).append('\n');
    }
}
