package io.netspec.engine.report;

import io.netspec.engine.rules.CheckResult;
import io.netspec.engine.rules.Finding;

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
            String command = f.waived() ? "notice" : switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            out.append("::").append(command).append(" file=").append(property(context.relative(f.source().file())));
            if (f.source().line() > 0) {
                out.append(",line=").append(f.source().line());
            }
            out.append(",title=").append(property("[" + f.ruleId() + "] " + f.title()
                    + (f.pack().isEmpty() ? "" : " (" + f.pack() + ")")));
            String message = f.message() + (f.waived() ? " (waived: " + f.waiverReason() + ")" : "")
                    + "\n" + f.remediation();
            out.append("::").append(data(message)).append('\n');
        }
        out.append("netspec: ").append(Summary.of(result))
                .append(result.packs().isEmpty() ? "" : "; packs: " + String.join(", ", result.packs())).append('\n');
        return out.toString();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
