package io.netspec.engine.load;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's reader over text already in memory, one document's slice of it, with lines numbered from
 * where the slice starts in the file.
 *
 * <p>Why not SnakeYAML's own {@link StreamReader}: it reads 1,024 characters at a time and, each time, copies
 * everything it still holds into a new window; the scanner looks ahead over a whole scalar before consuming
 * it, so one long scalar (a big certificate or script in a ConfigMap) costs time quadratic in its length
 * (4 MB took 9 s). Here looking ahead is an index into the text. Marks carry no copy of the text either:
 * error messages here never show SnakeYAML's snippets.
 *
 * <p>Line breaks are counted as SnakeYAML counts them (YAML 1.1): LF, NEL, LS, PS, and CR not followed by LF;
 * {@link YamlDocuments} splits documents by the same rule, so both agree on every line number.
 */
final class TextStreamReader extends StreamReader {

    private static final int[] NO_BUFFER = new int[0];

    private final String name;
    /** The code points of the slice when it holds surrogate pairs; null when chars are code points. */
    private final int[] codePoints;

    private final String text;
    private final int start;
    private final int length;
    private int pointer;
    private int line;
    private int column;
    private int documentIndex;

    TextStreamReader(String name, String text, int start, int end, int firstLine) {
        super(Reader.nullReader());
        this.name = name;
        this.text = text;
        this.start = start;
        this.line = firstLine;
        int[] cps = null;
        for (int i = start; i < end; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                cps = text.substring(start, end).codePoints().toArray();
                break;
            }
        }
        this.codePoints = cps;
        this.length = cps == null ? end - start : cps.length;
    }

    private int at(int i) {
        if (i >= length) {
            return '\0';
        }
        return codePoints == null ? text.charAt(start + i) : codePoints[i];
    }

    @Override
    public Mark getMark() {
        return new Mark(name, pointer, line, column, NO_BUFFER, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int n) {
        for (int i = 0; i < n && pointer < length; i++) {
            int c = at(pointer++);
            documentIndex++;
            if (YamlDocuments.isBreak(c) && !(c == '\r' && at(pointer) == '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return at(pointer);
    }

    @Override
    public int peek(int index) {
        return at(pointer + index);
    }

    @Override
    public String prefix(int n) {
        int end = Math.min(length, pointer + n);
        if (end <= pointer) {
            return "";
        }
        return codePoints == null
                ? text.substring(start + pointer, start + end)
                : new String(codePoints, pointer, end - pointer);
    }

    @Override
    public String prefixForward(int n) {
        String s = prefix(n);
        forward(n);
        return s;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }
}
