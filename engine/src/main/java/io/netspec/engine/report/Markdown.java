package io.netspec.engine.report;

import io.netspec.engine.model.Printable;

/**
 * User text inside Markdown meant for a pull-request comment or a job summary: it stays text. A name or
 * message must not close a table cell, start a line, show an image, link, ping a team or open raw HTML.
 */
public final class Markdown {

    private Markdown() {}

    /** Text for a table cell (or a line of prose): one line, Markdown and HTML syntax shown literally. */
    public static String text(String s) {
        String one = Printable.line(s);
        StringBuilder out = new StringBuilder(one.length() + 8);
        for (int i = 0; i < one.length(); i++) {
            char c = one.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;"); // no @mention of a person or team from a manifest
                case '\\', '|', '`' -> out.append('\\').append(c);
                // a link or an image needs "](": breaking that pair keeps brackets readable ([External])
                case '(' -> out.append(i > 0 && one.charAt(i - 1) == ']' ? "\\(" : "(");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An inline code span holding {@code s} literally (backticks in it cannot end the span; {@code |} cannot end a cell). */
    public static String code(String s) {
        String one = Printable.line(s).replace("|", "\\|");
        int run = 0;
        int longest = 0;
        for (int i = 0; i < one.length(); i++) {
            run = one.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = one.startsWith("`") || one.endsWith("`") ? " " : "";
        return fence + pad + one + pad + fence;
    }
}
