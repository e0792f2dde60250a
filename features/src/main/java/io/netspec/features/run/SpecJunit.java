package io.netspec.features.run;

import java.util.List;

/**
 * The JUnit XML of a spec run, counted the way the CLI summary counts: a failed spec is a
 * {@code <failure type="failed">}; a spec mistake (an unknown reference, a scenario without
 * steps, a feature file that does not parse), an undefined or ambiguous step is an
 * {@code <error>} whose type is a plain word ({@code input-error}, {@code undefined-step}, ...).
 * One testcase per scenario, named as in the human report, with the feature file as classname;
 * a problem with a whole feature file is a testcase of its own.
 */
final class SpecJunit {

    private SpecJunit() {
    }

    static String render(List<SpecReporter.Scenario> scenarios, List<SpecReporter.FileProblem> fileProblems) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double seconds = 0;
        for (SpecReporter.FileProblem p : fileProblems) {
            cases.append("    <testcase classname=\"").append(attr(p.file())).append("\" name=\"feature file\">\n")
                    .append("      <error type=\"").append(SpecReporter.INPUT_ERROR).append("\" message=\"")
                    .append(attr(p.message())).append("\">").append(text(p.message())).append("</error>\n")
                    .append("    </testcase>\n");
            errors++;
        }
        for (SpecReporter.Scenario s : scenarios) {
            double time = s.duration().toNanos() / 1e9;
            seconds += time;
            cases.append("    <testcase classname=\"").append(attr(s.file())).append("\" name=\"").append(attr(s.name()))
                    .append("\" time=\"").append(String.format(java.util.Locale.ROOT, "%.3f", time)).append("\"");
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
                    cases.append(">\n      <failure type=\"").append(o.type()).append("\" message=\"").append(attr(message))
                            .append("\">").append(text(details)).append("</failure>\n    </testcase>\n");
                    failures++;
                }
                case ERROR, UNDEFINED -> {
                    cases.append(">\n      <error type=\"").append(o.type()).append("\" message=\"").append(attr(message))
                            .append("\">").append(text(details)).append("</error>\n    </testcase>\n");
                    errors++;
                }
            }
        }
        String counts = " tests=\"" + (scenarios.size() + fileProblems.size()) + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" time=\""
                + String.format(java.util.Locale.ROOT, "%.3f", seconds) + "\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"netspec test\"" + counts + ">\n"
                + "  <testsuite name=\"netspec test\"" + counts + ">\n"
                + cases
                + "  </testsuite>\n</testsuites>\n";
    }

    private static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\n", "&#10;");
    }
}
