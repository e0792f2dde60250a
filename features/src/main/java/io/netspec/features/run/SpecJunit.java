package io.netspec.features.run;

import io.netspec.engine.report.JunitXml;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit XML of a spec run, counted the way the CLI summary counts: a failed spec is a
 * {@code <failure type="failed">}; a spec mistake (an unknown reference, a scenario without
 * steps, a feature file that does not parse), an undefined or ambiguous step is an
 * {@code <error>} whose type is a plain word ({@code input-error}, {@code undefined-step}, ...).
 * One testcase per scenario, named as in the human report, with the feature file as classname;
 * a problem with a whole feature file is a testcase of its own.
 */
final class SpecJunit {

    private static String text(String s) {
        return JunitXml.text(s);
    }

    private static String attr(String s) {
        return JunitXml.attr(s);
    }

    private SpecJunit() {}

    static String render(List<SpecReporter.Scenario> scenarios, List<SpecReporter.FileProblem> fileProblems) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double seconds = 0;
        for (SpecReporter.FileProblem p : fileProblems) {
            cases.append("    <testcase classname=\"")
                    .append(attr(p.file()))
                    .append("\" name=\"feature file\">\n")
                    .append("      <error type=\"")
                    .append(SpecReporter.INPUT_ERROR)
                    .append("\" message=\"")
                    .append(attr(p.message()))
                    .append("\">")
                    .append(text(p.message()))
                    .append("</error>\n")
                    .append("    </testcase>\n");
            errors++;
        }
        for (SpecReporter.Scenario s : scenarios) {
            double time = s.duration().toNanos() / 1e9;
            seconds += time;
            cases.append("    <testcase classname=\"")
                    .append(attr(s.file()))
                    .append("\" name=\"")
                    .append(attr(s.name()))
                    .append("\" time=\"")
                    .append(JunitXml.seconds(time))
                    .append("\"");
            SpecReporter.Outcome o = s.outcome();
            String details = String.join("\n", o.details());
            String message = o.message();
            switch (o.verdict()) {
                case PASSED -> cases.append("/>\n");
                case SKIPPED -> {
                    cases.append(">\n      <skipped/>\n    </testcase>\n");
                    skipped++;
                }
                case FAILED -> {
                    cases.append(">\n      <failure type=\"")
                            .append(o.type())
                            .append("\" message=\"")
                            .append(attr(message))
                            .append("\">")
                            .append(text(details))
                            .append("</failure>\n    </testcase>\n");
                    failures++;
                }
                case ERROR, UNDEFINED -> {
                    cases.append(">\n      <error type=\"")
                            .append(o.type())
                            .append("\" message=\"")
                            .append(attr(message))
                            .append("\">")
                            .append(text(details))
                            .append("</error>\n    </testcase>\n");
                    errors++;
                }
            }
        }
        return JunitXml.document(
                "netspec test",
                new JunitXml.Counts(
                        scenarios.size() + fileProblems.size(), failures, errors, skipped, Optional.of(seconds)),
                cases);
    }
}
