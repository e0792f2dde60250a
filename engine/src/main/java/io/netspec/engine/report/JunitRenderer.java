package io.netspec.engine.report;

import io.netspec.engine.rules.CheckResult;
import io.netspec.engine.rules.Finding;
import io.netspec.engine.rules.RuleInfo;

import java.util.List;

/**
 * JUnit XML for CI test tabs: one testcase per rule that ran (classname {@code netspec.<pack>}),
 * a {@code <failure>} per unwaived finding, waived findings in {@code <system-out>}.
 */
public final class JunitRenderer implements Renderer {

    @Override
    public String render(CheckResult result, ReportContext context) {
        List<RuleInfo> rules = result.rules();
        long failed = rules.stream().filter(r -> result.active().stream().anyMatch(f -> f.ruleId().equals(r.id())))
                .count();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String counts = " tests=\"" + rules.size() + "\" failures=\"" + failed + "\" errors=\"0\" skipped=\"0\"";
        out.append("<testsuites name=\"netspec check\"").append(counts).append(">\n");
        out.append("  <testsuite name=\"netspec check\"").append(counts).append(">\n");
        for (RuleInfo r : rules) {
            out.append("    <testcase classname=\"").append(attr("netspec." + r.pack())).append("\" name=\"")
                    .append(attr(r.id())).append("\"");
            List<Finding> mine = result.findings().stream().filter(f -> f.ruleId().equals(r.id())).toList();
            if (mine.isEmpty()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            StringBuilder waived = new StringBuilder();
            for (Finding f : mine) {
                String where = context.relative(f.source().file()) + (f.source().line() > 0 ? ":" + f.source().line() : "");
                if (f.waived()) {
                    waived.append(where).append(": waived [").append(f.ruleId()).append("] ").append(f.message())
                            .append(" (").append(f.waiverReason()).append(")\n");
                    continue;
                }
                out.append("      <failure type=\"").append(f.severity().wireName()).append("\" message=\"")
                        .append(attr(where + ": " + f.message())).append("\">")
                        .append(text(where + ": " + f.severity().wireName() + " [" + f.ruleId() + "] " + f.message()
                                + "\n    " + f.remediation()))
                        .append("</failure>\n");
            }
            if (waived.length() > 0) {
                out.append("      <system-out>").append(text(waived.toString())).append("</system-out>\n");
            }
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('?');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String attr(String s) {
        return text(s).replace("\n", "&#10;");
    }
}
