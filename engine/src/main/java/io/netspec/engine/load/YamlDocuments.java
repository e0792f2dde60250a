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
     * only such slices). {@code scan}: the whole text's {@link #scanBytes scan bytes}.
     */
    record Slice(
            int start,
            int end,
            int line,
            int badLine,
            int badCodePoint,
            boolean plainText,
            LineEnds lines,
            byte[] scan) {

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

    /**
     * One byte per char of {@code text}: the char itself when it is ASCII, a byte of 0x80 or more when not. The
     * split and {@link BlockYaml} read the structure from it and take values from the text: YAML's syntax is all
     * ASCII, and under the launcher's C1-only JIT {@code String.charAt} (coder test, index check, call) costs more
     * than the work done with the char. {@code utf8}, the bytes the text was decoded from (or null), is the array
     * itself when it has as many bytes as the text has chars: then every byte became one char, an ASCII byte itself
     * and any other byte U+FFFD (a UTF-8 sequence of two or more bytes gives fewer chars than bytes). Otherwise
     * (non-ASCII text, a dropped byte order mark, text not from bytes) one byte per char is made here.
     */
    static byte[] scanBytes(String text, byte[] utf8) {
        if (utf8 != null && utf8.length == text.length()) {
            return utf8;
        }
        byte[] scan = new byte[text.length()];
        for (int i = 0; i < scan.length; i++) {
            char c = text.charAt(i);
            scan[i] = c < 0x80 ? (byte) c : (byte) 0x80;
        }
        return scan;
    }

    static List<Slice> split(String text) {
        return split(text, scanBytes(text, null));
    }

    /** The documents of {@code text}, whose {@link #scanBytes scan bytes} are {@code scan}. */
    static List<Slice> split(String text, byte[] scan) {
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
            if (lineStart > 0
                    && lineStart + 3 <= n
                    && scan[lineStart] == '-'
                    && scan[lineStart + 1] == '-'
                    && scan[lineStart + 2] == '-'
                    && (lineStart + 3 == n || isBlankOrBreak(text.charAt(lineStart + 3)))) {
                int cut = directivesStart >= 0 ? directivesStart : lineStart;
                int cutLine = directivesStart >= 0 ? directivesLine : line;
                if (cut > sliceStart) {
                    slices.add(new Slice(sliceStart, cut, sliceLine, badLine, badCodePoint, plainText, lines, scan));
                    sliceStart = cut;
                    sliceLine = cutLine;
                    badLine = -1;
                    plainText = true;
                }
            }
            if (lineStart < n && scan[lineStart] == '%') {
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
                c = scan[i];
                if ((char) (c - ' ') < 0x7F - ' ') {
                    i++; // printable ASCII, nearly every character of a manifest: nothing to check
                    continue;
                }
                if (c < 0) {
                    c = text.codePointAt(i); // not ASCII: the text has the character
                }
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
            i += c == '\r' && i + 1 < n && scan[i + 1] == '\n' ? 2 : 1;
            line++;
            lineStart = i;
        }
        if (n > sliceStart || slices.isEmpty()) {
            slices.add(new Slice(sliceStart, n, sliceLine, badLine, badCodePoint, plainText, lines, scan));
        }
        return slices;
    }
}
