package io.netspec.engine.model;

/**
 * User text made safe to print: manifests, configs and packs come from strangers, and what they say is echoed
 * in messages (names, values, excerpts). On a terminal or in a CI log, an ESC sequence would be obeyed, and a CR
 * or LF inside a name would start a line of the attacker's choosing ({@code fake.yaml:1: ...}, or a GitHub
 * {@code ::error} workflow command). Every message that quotes user text goes through {@link #line}.
 *
 * <p>Here because every layer (loading, rules, reports, the CLI) prints user text and all may use the model.
 */
public final class Printable {

    private Printable() {}

    /**
     * {@code text} on one line with every control character visible: {@code \n}, {@code \r}, {@code \t} as
     * those escapes, other C0 and C1 controls, DEL, the Unicode line and paragraph separators, bidirectional
     * overrides and isolates as a backslash, {@code u} and the code in braces ({@code u{001B}}).
     */
    public static String line(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text; // the common case: nothing to copy
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u{%04X}", (int) c));
            }
        }
        return out.toString();
    }

    /** {@code text} line by line: its own line breaks kept, every other control character made visible. */
    public static String lines(String text) {
        if (text == null) {
            return "null";
        }
        String[] parts = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : "\n").append(line(parts[i]));
        }
        return out.toString();
    }

    static boolean needsEscape(char c) {
        return c < 0x20
                || c == 0x7F
                || (c >= 0x80 && c <= 0x9F)
                || c == 0x2028
                || c == 0x2029
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E
                || c == 0x200F
                || c == 0x061C;
    }
}
