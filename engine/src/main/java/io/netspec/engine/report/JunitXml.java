package io.netspec.engine.report;

import java.util.Locale;
import java.util.Optional;

/**
 * The JUnit XML both netspec reports in that format share ({@code check --format junit} and
 * {@code test --junit}): the escaping, and the {@code <testsuites>} envelope with one
 * {@code <testsuite>} whose counts CI test tabs read. Each report writes its own testcases.
 */
public final class JunitXml {

    /** The counts of the suite; {@code seconds} when the report timed its cases. */
    public record Counts(int tests, int failures, int errors, int skipped, Optional<Double> seconds) {}

    private JunitXml() {}

    /**
     * The whole document: the XML declaration, {@code <testsuites>} and one {@code <testsuite>}
     * named {@code name} with {@code counts}, then {@code body} (properties and testcases, indented by four).
     */
    public static String document(String name, Counts counts, CharSequence body) {
        String attributes = " tests=\"" + counts.tests() + "\" failures=\"" + counts.failures() + "\" errors=\""
                + counts.errors() + "\" skipped=\"" + counts.skipped() + "\""
                + counts.seconds().map(s -> " time=\"" + seconds(s) + "\"").orElse("");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"" + attr(name) + "\"" + attributes + ">\n"
                + "  <testsuite name=\"" + attr(name) + "\"" + attributes + ">\n"
                + body
                + "  </testsuite>\n</testsuites>\n";
    }

    /** Seconds as JUnit XML writes them: three decimals, a dot whatever the locale. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** Element text: markup escaped, control characters XML 1.0 cannot hold shown as {@code ?}. */
    public static String text(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
            }
        }
        return out.toString();
    }

    /** An attribute value: as {@link #text}, line breaks kept as {@code &#10;}. */
    public static String attr(String s) {
        return text(s).replace("\n", "&#10;");
    }
}
