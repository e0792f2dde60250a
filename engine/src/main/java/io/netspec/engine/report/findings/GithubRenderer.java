package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.Printable;

/**
 * GitHub Actions workflow commands, so findings show as annotations on the pull request:
 * {@code ::error file=k8s/shop.yaml,line=42,title=[rule-id] Title::message}. Infos and waived
 * findings are notices (waived ones say so); a plain summary line ends the output.
 */
public final class GithubRenderer implements Renderer {

    @Override
    public String render(CheckResult result, ReportContext context) {
        StringBuilder out = new StringBuilder();
        for (Finding f : result.findings()) {
            String command = f.waived()
                    ? "notice"
                    : switch (f.severity()) {
                        case ERROR -> "error";
                        case WARNING -> "warning";
                        case INFO -> "notice";
                    };
            out.append("::")
                    .append(command)
                    .append(" file=")
                    .append(property(context.relative(f.source().file())));
            if (f.source().line() > 0) {
                out.append(",line=").append(f.source().line());
            }
            out.append(",title=")
                    .append(property(
                            "[" + f.ruleId() + "] " + f.title() + (f.pack().isEmpty() ? "" : " (" + f.pack() + ")")));
            // user text is one line first, so the only line breaks in the data are netspec's own
            String message = Printable.line(f.message() + (f.waived() ? " (waived: " + f.waiverReason() + ")" : ""))
                    + "\n" + Printable.line(f.remediation());
            out.append("::").append(data(message)).append('\n');
        }
        out.append("netspec: ")
                .append(Summary.of(result))
                .append(result.packs().isEmpty() ? "" : "; packs: " + Printable.line(String.join(", ", result.packs())))
                .append("; config: ")
                .append(Printable.line(context.config()))
                .append('\n');
        return out.toString();
    }

    /** A workflow command's message, escaped as GitHub's runner unescapes it: {@code %}, CR and LF. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value: one line of text, then also {@code :} and {@code ,} escaped. */
    static String property(String s) {
        return data(Printable.line(s)).replace(":", "%3A").replace(",", "%2C");
    }
}
