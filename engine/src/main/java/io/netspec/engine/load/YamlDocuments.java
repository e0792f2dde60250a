package io.netspec.engine.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML stream cut into its documents before parsing, so that each document is parsed on its own: a syntax
 * error or a limit (aliases, size) costs only its document, limits count per document, and the good documents
 * on both sides are read.
 *
 * <p>A document starts at a {@code ---} marker at the start of a line followed by a blank or a line break
 * (inside a document such a line is a syntax error in YAML too, even in a quoted or block scalar), together
 * with the {@code %} directive lines just before it. Lines end where YAML 1.1 (and so SnakeYAML) ends them:
 * LF, CR LF, CR alone, NEL (U+0085), LS (U+2028) and PS (U+2029).
 *
 * <p>Characters YAML forbids (NUL, ESC and other C0/C1 controls, unpaired surrogates) are found here with
 * their line; SnakeYAML would report them at the start of the 1,024-character chunk that holds them.
 */
final class YamlDocuments {

    private YamlDocuments() {}

    /**
     * One document's slice of the text, {@code [start, end)}, starting on 0-based {@code line}.
     * {@code badLine} is the 0-based line of the first character YAML forbids ({@code badCodePoint}), or -1.
     * {@code plainText}: every line ends in LF and no character is a tab, a byte order mark, outside the Basic
     * Multilingual Plane or another YAML line break, so that a char index is a column ({@link BlockYaml} reads
     * only such slices).
     */
    record Slice(int start, int end, int line, int badLine, int badCodePoint, boolean plainText, LineEnds lines) {

        boolean hasForbiddenCharacter() {
            return badLine >= 0;
        }
    }

    /**
     * Where each line of the text ends, found while splitting, so that {@link BlockYaml} need not search for line
     * breaks again (under the launcher's C1-only JIT a second scan of every character costs as much as the first).
     */
    static final class LineEnds {
        private int[] ends = new int[1024];
        private int count;
        private int length;

        private void add(int end) {
            if (count == ends.length) {
                ends = Arrays.copyOf(ends, count * 2);
            }
            ends[count++] = end;
        }

        /** The index of the line break ending 0-based {@code line}, or the text's length for its last line. */
        int end(int line) {
            return line < count ? ends[line] : length;
        }
    }

    static boolean isBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBlankOrBreak(int c) {
        return c == ' ' || c == '\t' || isBreak(c);
    }

    static List<Slice> split(String text) {
        List<Slice> slices = new ArrayList<>();
        LineEnds lines = new LineEnds();
        int sliceStart = 0;
        int sliceLine = 0;
        int badLine = -1;
        int badCodePoint = 0;
        boolean plainText = true;
        int line = 0;
        int lineStart = 0;
        // the first of the directive lines right before this line, if any
        int directivesStart = -1;
        int directivesLine = -1;
        int i = 0;
        int n = text.length();
        lines.length = n;
        while (true) {
            // at the start of a line
            if (text.startsWith("---", lineStart)
                    && (lineStart + 3 == n || isBlankOrBreak(text.charAt(lineStart + 3)))
                    && lineStart > 0) {
                int cut = directivesStart >= 0 ? directivesStart : lineStart;
                int cutLine = directivesStart >= 0 ? directivesLine : line;
                if (cut > sliceStart) {
                    slices.add(new Slice(sliceStart, cut, sliceLine, badLine, badCodePoint, plainText, lines));
                    sliceStart = cut;
                    sliceLine = cutLine;
                    badLine = -1;
                    plainText = true;
                }
            }
            if (lineStart < n && text.charAt(lineStart) == '%') {
                if (directivesStart < 0) {
                    directivesStart = lineStart;
                    directivesLine = line;
                }
            } else {
                directivesStart = -1;
            }
            // to the end of the line
            i = lineStart;
            int c = 0;
            while (i < n) {
                c = text.charAt(i);
                if ((char) (c - ' ') < 0x7F - ' ') {
                    i++; // printable ASCII, nearly every character of a manifest: nothing to check
                    continue;
                }
                c = text.codePointAt(i);
                if (isBreak(c)) {
                    break;
                }
                if (c == '\t' || c >= 0x80 && (c == 0x85 || c == 0xFEFF || c >= 0x2028 && c <= 0x2029 || c > 0xFFFF)) {
                    plainText = false;
                }
                if (badLine < 0 && !StreamReader.isPrintable(c)) {
                    badLine = line;
                    badCodePoint = c;
                }
                i += Character.charCount(c);
            }
            if (i >= n) {
                break;
            }
            if (c != '\n') {
                plainText = false;
            }
            lines.add(i);
            i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            line++;
            lineStart = i;
        }
        if (n > sliceStart || slices.isEmpty()) {
            slices.add(new Slice(sliceStart, n, sliceLine, badLine, badCodePoint, plainText, lines));
        }
        return slices;
    }
}
