package io.netspec.engine.report.findings;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.report.JunitXml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JUnit XML for CI test tabs. Jenkins and GitLab show only the first {@code <failure>} of a
 * testcase, so every finding is its own testcase, named {@code <rule-id>: <object>} (plus
 * {@code @ file:line} when one rule reports one object twice) with classname
 * {@code netspec.<pack>}: an unwaived finding fails, a waived one is skipped with the reason. A
 * rule that found nothing is one passing testcase named after its id. The suite's properties
 * list the packs that ran ({@code pack = name@version}); a failure's text ends with its pack.
 */
public final class JunitRenderer implements Renderer {

    @Override
    public String render(CheckResult result, ReportContext context) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (RuleInfo r : result.rules()) {
            String classname = attr("netspec." + (r.pack().isEmpty() ? "engine" : r.pack()));
            List<Finding> mine = result.findings().stream()
                    .filter(f -> f.ruleId().equals(r.id()))
                    .toList();
            if (mine.isEmpty()) {
                cases.append("    <testcase classname=\"")
                        .append(classname)
                        .append("\" name=\"")
                        .append(attr(r.id()))
                        .append("\"/>\n");
                tests++;
                continue;
            }
            Map<String, Long> perObject =
                    mine.stream().collect(Collectors.groupingBy(JunitRenderer::object, Collectors.counting()));
            for (Finding f : mine) {
                String where = context.relative(f.source().file())
                        + (f.source().line() > 0 ? ":" + f.source().line() : "");
                String name = r.id() + ": " + object(f) + (perObject.get(object(f)) > 1 ? " @ " + where : "");
                cases.append("    <testcase classname=\"")
                        .append(classname)
                        .append("\" name=\"")
                        .append(attr(name))
                        .append("\">\n");
                tests++;
                if (f.waived()) {
                    cases.append("      <skipped message=\"")
                            .append(attr("waived: " + f.waiverReason()))
                            .append("\"/>\n");
                    skipped++;
                } else {
                    cases.append("      <failure type=\"")
                            .append(f.severity().wireName())
                            .append("\" message=\"")
                            .append(attr(where + ": " + f.message()))
                            .append("\">")
                            .append(text(where + ": " + f.severity().wireName() + " [" + f.ruleId() + "] " + f.message()
                                    + "\n    " + f.remediation()
                                    + (f.pack().isEmpty() ? "" : "\n    pack: " + f.pack())))
                            .append("</failure>\n");
                    failures++;
                }
                cases.append("    </testcase>\n");
            }
        }
        return JunitXml.document(
                "netspec check",
                new JunitXml.Counts(tests, failures, 0, skipped, Optional.empty()),
                properties(result, context) + cases);
    }

    /** The config the run read, then the packs that ran, one {@code <property name="pack" value="name@version"/>} each. */
    private static String properties(CheckResult result, ReportContext context) {
        StringBuilder out = new StringBuilder("    <properties>\n");
        out.append("      <property name=\"config\" value=\"")
                .append(attr(context.config()))
                .append("\"/>\n");
        for (String p : result.packs()) {
            out.append("      <property name=\"pack\" value=\"").append(attr(p)).append("\"/>\n");
        }
        return out.append("    </properties>\n").toString();
    }

    /** {@code ns/name[Kind]}, or {@code name[Kind]} for cluster-scoped objects. */
    private static String object(Finding f) {
        return (f.namespace().isEmpty() ? "" : f.namespace() + "/") + f.name() + "[" + f.objectKind() + "]";
    }

    static String text(String s) {
        return JunitXml.text(s);
    }

    static String attr(String s) {
        return JunitXml.attr(s);
    }
}
