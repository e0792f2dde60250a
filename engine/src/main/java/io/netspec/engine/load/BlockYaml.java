package io.netspec.engine.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the block-style YAML that Kubernetes manifests are written in straight into the node tree SnakeYAML's
 * composer would build for it: the same node types, tags (from the same resolver), values, styles and marks
 * (index, line, column at both ends). SnakeYAML's scanner, parser and composer cost several times more per byte
 * (a token queue, simple-key bookkeeping, an event per node), and loading was most of a large cluster's check.
 *
 * <p>The subset read here: block mappings and sequences (indentless sequences too), plain scalars and quoted
 * scalars on one line (double-quoted without escapes), empty flow collections ({@code {}}, {@code []}), comments,
 * blank lines and one leading {@code ---}. Anything else, or anything in doubt (anchors, aliases, tags, block
 * scalars, flow collections with content, multi-line scalars, merge keys, directives, odd indentation, tabs, CR,
 * characters beyond the BMP), gives up on the whole slice ({@link #compose} returns null), and the caller hands it
 * to SnakeYAML unchanged: so SnakeYAML decides everything outside the subset, errors and limits included, and
 * nothing here ever reports a problem. Nesting deeper than the limit gives up too, so that SnakeYAML reports it.
 * {@code BlockYamlTest} compares the trees of both on every YAML file of the repository and the corpora.
 */
final class BlockYaml {

    /** SnakeYAML's scanner allows a simple key this long at most; longer ones are left to it. */
    private static final int MAX_KEY_LENGTH = 1000;

    private static final int[] NO_BUFFER = new int[0];

    /** Characters a plain scalar here may not start with: YAML indicators, a quote, a blank. */
    private static final boolean[] NOT_PLAIN_START = new boolean[128];

    static {
        for (char c : "-?:,[]{}#&*!|>'\"%@` ".toCharArray()) {
            NOT_PLAIN_START[c] = true;
        }
    }

    /** Mappings up to this many keys are checked for duplicates by comparing keys, larger ones with a set. */
    private static final int SMALL_MAPPING = 8;

    private final String text;
    /** The text's {@link YamlDocuments#scanBytes scan bytes}: structure is read there, values taken from the text. */
    private final byte[] scan;

    private final int start;
    private final int end;
    private final String name;
    private final FileStrings strings;
    private final Resolver resolver;
    private final int maxDepth;
    private final int firstLine;
    private final YamlDocuments.LineEnds lines;

    // the current content line (not blank, not a comment): where it starts and ends, its number and indentation
    private int lineStart;
    private int lineEnd;
    private int line;
    private int indent;
    /** True past the last content line; then {@link #eofLine}/{@link #eofColumn} are where the slice ends. */
    private boolean eof;

    private int eofLine;
    private int eofColumn;
    /** Where the last key's ':' ended. */
    private int afterKey;

    private int depth;

    /**
     * True while every key of every mapping is distinct and every tag standard: then {@link DocumentChecks} has
     * nothing to find in the documents, and they go to the readers without its walk.
     */
    private boolean checked = true;

    private BlockYaml(
            String text, YamlDocuments.Slice slice, String name, FileStrings strings, Resolver resolver, int maxDepth) {
        this.text = text;
        this.strings = strings;
        this.scan = slice.scan();
        this.start = slice.start();
        this.end = slice.end();
        this.name = name;
        this.resolver = resolver;
        this.maxDepth = maxDepth;
        this.firstLine = slice.line();
        this.lines = slice.lines();
    }

    /** Thrown to give a slice up to SnakeYAML: one shared instance without a stack trace, so it costs nothing. */
    private static final class GiveUp extends RuntimeException {
        private static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super(null, null, false, false);
        }
    }

    private static GiveUp giveUp() {
        return GiveUp.INSTANCE;
    }

    /**
     * Documents composed here. {@code checked}: no mapping has a duplicate key and every tag is standard, so
     * {@link DocumentChecks} would report nothing ({@code BlockYamlTest} checks that it does not).
     */
    record Composed(List<Node> documents, boolean checked) {}

    /**
     * The documents of {@code slice} as SnakeYAML's composer gives them (none for a slice of comments), or null
     * when the slice is not all in the subset and must be parsed by SnakeYAML.
     */
    static Composed compose(
            String text, YamlDocuments.Slice slice, String name, Resolver resolver, int maxNestingDepth) {
        return compose(text, slice, name, new FileStrings(), resolver, maxNestingDepth);
    }

    /** As above, sharing the strings of {@code strings} (one per file). */
    static Composed compose(
            String text,
            YamlDocuments.Slice slice,
            String name,
            FileStrings strings,
            Resolver resolver,
            int maxNestingDepth) {
        if (!slice.plainText() || slice.hasForbiddenCharacter()) {
            return null;
        }
        try {
            BlockYaml composer = new BlockYaml(text, slice, name, strings, resolver, maxNestingDepth);
            List<Node> documents = composer.documents();
            return new Composed(documents, composer.checked);
        } catch (GiveUp e) {
            return null;
        }
    }

    private List<Node> documents() {
        firstContentLine(start, firstLine);
        boolean explicit = false;
        if (!eof && lineStart == start && indent == 0 && marker(start, "---")) {
            // the document start marker: nothing may follow it on its line but a comment
            int p = lineStart + 3;
            if (p < lineEnd && scan[p] != ' ') {
                throw giveUp();
            }
            if (!restIsComment(p)) {
                throw giveUp();
            }
            explicit = true;
            nextLine();
        }
        if (eof) {
            if (explicit) {
                throw giveUp(); // an explicit empty document: a null scalar, left to SnakeYAML
            }
            return List.of();
        }
        Node root = block();
        if (!eof) {
            throw giveUp(); // more after the root node: another document (after "..."), or an error
        }
        return List.of(root);
    }

    /** The block collection starting on the current line, at its indentation. */
    private Node block() {
        return dashLine() ? sequence(indent, false) : mapping(lineStart + indent);
    }

    /**
     * A block mapping whose first key starts at {@code p} on the current line (after "- " when it is an item of a
     * sequence); its keys are in that column. Leaves the current line at the first line after it.
     */
    private MappingNode mapping(int p) {
        enter();
        int column = p - lineStart;
        Mark startMark = mark(p);
        List<NodeTuple> tuples = new ArrayList<>();
        Set<String> keys = null;
        Mark endMark;
        while (true) {
            ScalarNode key = key(p);
            if (checked) {
                if (keys == null && tuples.size() >= SMALL_MAPPING) {
                    keys = new HashSet<>();
                    for (NodeTuple t : tuples) {
                        keys.add(((ScalarNode) t.getKeyNode()).getValue());
                    }
                }
                checked = keys != null ? keys.add(key.getValue()) : !repeats(tuples, key.getValue());
            }
            Node value = value(column, afterKey, true);
            tuples.add(new NodeTuple(key, value));
            if (eof) {
                endMark = eofMark();
                break;
            }
            if (indent < column) {
                endMark = mark(lineStart + indent);
                break;
            }
            if (indent > column || dashLine()) {
                throw giveUp(); // a continuation line, or an error: SnakeYAML's to read or report
            }
            p = lineStart + indent;
        }
        depth--;
        return new MappingNode(Tag.MAP, true, tuples, startMark, endMark, FlowStyle.BLOCK);
    }

    /** One of the keys of {@code tuples} is {@code key}. */
    private static boolean repeats(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (key.equals(((ScalarNode) tuples.get(i).getKeyNode()).getValue())) {
                return true;
            }
        }
        return false;
    }

    /** A scalar's tag as resolved, noting a tag {@link DocumentChecks} would report. */
    private Tag resolved(String value, boolean implicit) {
        Tag tag = resolver.resolve(NodeId.scalar, value, implicit);
        if (tag != Tag.STR && tag != Tag.INT && !DocumentChecks.isStandard(tag)) {
            checked = false;
        }
        return tag;
    }

    /**
     * A block sequence whose first "-" is at {@code column} of the current line. {@code indentless}: the value of
     * a mapping key written in the key's own column, which ends at the mapping's next key.
     */
    private SequenceNode sequence(int column, boolean indentless) {
        enter();
        Mark startMark = mark(lineStart + column);
        List<Node> items = new ArrayList<>();
        Mark endMark;
        while (true) {
            items.add(value(column, lineStart + column + 1, false));
            if (eof) {
                endMark = eofMark();
                break;
            }
            if (indent < column || indent == column && indentless && !dashLine()) {
                endMark = mark(lineStart + indent);
                break;
            }
            if (indent > column || !dashLine()) {
                throw giveUp();
            }
        }
        depth--;
        return new SequenceNode(Tag.SEQ, true, items, startMark, endMark, FlowStyle.BLOCK);
    }

    private void enter() {
        // SnakeYAML reports nesting over the limit; give up well before it so that it does
        if (++depth >= maxDepth - 1) {
            throw giveUp();
        }
    }

    /**
     * The node after a mapping's ":" or a sequence's "-" ending at {@code p}, whose mapping or sequence is in
     * {@code column}: on the same line, on the lines below (more indented; for a mapping value also a sequence in
     * the key's column), or else an empty (null) scalar. Leaves the current line at the first line after it.
     */
    private Node value(int column, int p, boolean mappingValue) {
        int q = skipSpaces(p);
        if (q == lineEnd || scan[q] == '#' && q > p) {
            int emptyIndex = p - start;
            int emptyLine = line;
            int emptyColumn = p - lineStart;
            nextLine();
            if (!eof) {
                if (indent > column) {
                    return block();
                }
                if (mappingValue && indent == column && dashLine()) {
                    return sequence(column, true);
                }
            }
            return new Scalar(resolved("", true), "", ScalarStyle.PLAIN, name, emptyIndex, emptyLine, emptyColumn, 0);
        }
        byte c = scan[q];
        Node node;
        int after;
        if (c == '{' || c == '[') {
            if (q + 1 >= lineEnd || scan[q + 1] != (c == '{' ? '}' : ']')) {
                throw giveUp(); // a flow collection with content
            }
            after = q + 2;
            enter();
            depth--;
            node = c == '{'
                    ? new MappingNode(Tag.MAP, true, new ArrayList<>(), mark(q), mark(after), FlowStyle.FLOW)
                    : new SequenceNode(Tag.SEQ, true, new ArrayList<>(), mark(q), mark(after), FlowStyle.FLOW);
        } else if (c == '"' || c == '\'') {
            int close = closingQuote(q);
            if (!mappingValue && isKeyEnd(close + 1)) {
                return mapping(q); // "- key: value", the key quoted
            }
            after = close + 1;
            String value = quoted(q, close);
            node = scalar(
                    resolved(value, false),
                    value,
                    q,
                    after,
                    c == '"' ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.SINGLE_QUOTED);
        } else {
            plainStart(q);
            int scalarEnd = q;
            int i = q;
            while (i < lineEnd) {
                byte ch = scan[i];
                if (ch == ':' && isKeyEnd(i)) {
                    if (mappingValue) {
                        throw giveUp(); // "a: b: c"
                    }
                    return mapping(q); // "- key: value"
                }
                if (ch == '#' && scan[i - 1] == ' ') {
                    break;
                }
                if (ch != ' ') {
                    scalarEnd = i + 1;
                }
                i++;
            }
            after = scalarEnd;
            String value = strings.get(text, scan, q, scalarEnd);
            node = scalar(resolved(value, true), value, q, scalarEnd, ScalarStyle.PLAIN);
        }
        if (!restIsComment(after)) {
            throw giveUp();
        }
        nextLine();
        if (!eof && indent > column) {
            throw giveUp(); // a plain scalar going on below, or an error
        }
        return node;
    }

    /** The key starting at {@code p} on the current line, its ":" then followed by a blank or the line's end. */
    private ScalarNode key(int p) {
        byte c = scan[p];
        ScalarNode key;
        int colon;
        if (c == '"' || c == '\'') {
            int close = closingQuote(p);
            colon = close + 1;
            String value = quoted(p, close);
            key = scalar(
                    resolved(value, false),
                    value,
                    p,
                    colon,
                    c == '"' ? ScalarStyle.DOUBLE_QUOTED : ScalarStyle.SINGLE_QUOTED);
        } else {
            plainStart(p);
            colon = p;
            while (colon < lineEnd && !(scan[colon] == ':' && isKeyEnd(colon))) {
                if (scan[colon] == '#' && scan[colon - 1] == ' ') {
                    throw giveUp();
                }
                colon++;
            }
            if (colon == lineEnd || scan[colon - 1] == ' ') {
                throw giveUp(); // no ":" (a plain scalar or an error), or blanks before it
            }
            String value = strings.get(text, scan, p, colon);
            Tag tag = resolved(value, true);
            if (Tag.MERGE.equals(tag)) {
                throw giveUp(); // "<<": the composer marks the mapping merged
            }
            key = scalar(tag, value, p, colon, ScalarStyle.PLAIN);
        }
        if (colon - p > MAX_KEY_LENGTH || !isKeyEnd(colon)) {
            throw giveUp();
        }
        afterKey = colon + 1;
        return key;
    }

    /** A ":" at {@code i} followed by a blank or the end of the line: the end of a key. */
    private boolean isKeyEnd(int i) {
        return i < lineEnd && scan[i] == ':' && (i + 1 == lineEnd || scan[i + 1] == ' ');
    }

    /** Only plain scalars that start with a character no YAML indicator uses; "-x", "?x", ":x" are left out too. */
    private void plainStart(int p) {
        byte c = scan[p];
        if (c >= 0 && NOT_PLAIN_START[c]) {
            throw giveUp();
        }
    }

    /** The closing quote of the one-line quoted scalar opened at {@code q}. */
    private int closingQuote(int q) {
        byte quote = scan[q];
        int i = q + 1;
        while (i < lineEnd) {
            byte ch = scan[i];
            if (ch == quote) {
                if (quote == '\'' && i + 1 < lineEnd && scan[i + 1] == '\'') {
                    i += 2; // '' is a quote in a single-quoted scalar
                    continue;
                }
                return i;
            }
            if (ch == '\\' && quote == '"') {
                throw giveUp(); // escapes are SnakeYAML's
            }
            i++;
        }
        throw giveUp(); // a quoted scalar going on to the next line
    }

    private String quoted(int q, int close) {
        String value = strings.get(text, scan, q + 1, close);
        return scan[q] == '\'' ? value.replace("''", "'") : value;
    }

    /** From {@code p} to the end of the line there are only blanks and perhaps a comment after a blank. */
    private boolean restIsComment(int p) {
        int q = skipSpaces(p);
        return q == lineEnd || scan[q] == '#' && q > p;
    }

    private int skipSpaces(int p) {
        while (p < lineEnd && scan[p] == ' ') {
            p++;
        }
        return p;
    }

    /** The current line starts with a block sequence entry: "-" then a blank or the end of the line. */
    private boolean dashLine() {
        int p = lineStart + indent;
        return scan[p] == '-' && (p + 1 == lineEnd || scan[p + 1] == ' ');
    }

    /** Makes the first content line at or after {@code from} (line {@code number}) current; gives up at markers. */
    private void firstContentLine(int from, int number) {
        int s = from;
        int n = number;
        while (true) {
            if (s >= end) {
                atEnd(n, 0);
                return;
            }
            // a plain-text slice breaks lines at LF only, so line n's end is the LF the split found
            int e = Math.min(lines.end(n), end);
            int q = s;
            while (q < e && scan[q] == ' ') {
                q++;
            }
            if (q < e && scan[q] != '#') {
                lineStart = s;
                lineEnd = e;
                line = n;
                indent = q - s;
                boolean leadingMarker = s == start && marker(s, "---");
                if (q == s && !leadingMarker && (marker(s, "---") || marker(s, "...") || scan[s] == '%')) {
                    throw giveUp(); // directives, "..." and a second "---" are SnakeYAML's
                }
                return;
            }
            if (e >= end) {
                atEnd(n, e - s);
                return;
            }
            s = e + 1;
            n++;
        }
    }

    private void nextLine() {
        if (lineEnd >= end) {
            atEnd(line, lineEnd - lineStart);
        } else {
            firstContentLine(lineEnd + 1, line + 1);
        }
    }

    private void atEnd(int lastLine, int column) {
        eof = true;
        eofLine = lastLine;
        eofColumn = column;
    }

    private boolean marker(int s, String marker) {
        int p = s + 3;
        return text.startsWith(marker, s) && (p >= end || scan[p] == ' ' || scan[p] == '\n');
    }

    /** A scalar from {@code from} to {@code to} on the current line. */
    private Scalar scalar(Tag tag, String value, int from, int to, ScalarStyle style) {
        return new Scalar(tag, value, style, name, from - start, line, from - lineStart, to - from);
    }

    /**
     * A scalar on one line whose marks are made when asked for. Its two marks were the largest part of a composed
     * scalar, and readers ask for the line of a few nodes only ({@link ReadContext#at}). Its marks are the ones
     * SnakeYAML gives the same scalar ({@code BlockYamlTest}); nothing else differs from a {@link ScalarNode}.
     */
    private static final class Scalar extends ScalarNode {
        private final String file;
        private final int index;
        private final int line;
        private final int column;
        private final int length;

        Scalar(Tag tag, String value, ScalarStyle style, String file, int index, int line, int column, int length) {
            super(tag, true, value, null, null, style);
            this.file = file;
            this.index = index;
            this.line = line;
            this.column = column;
            this.length = length;
        }

        @Override
        public Mark getStartMark() {
            return new Mark(file, index, line, column, NO_BUFFER, 0);
        }

        @Override
        public Mark getEndMark() {
            return new Mark(file, index + length, line, column + length, NO_BUFFER, 0);
        }
    }

    private Mark mark(int p) {
        return new Mark(name, p - start, line, p - lineStart, NO_BUFFER, 0);
    }

    private Mark eofMark() {
        return new Mark(name, end - start, eofLine, eofColumn, NO_BUFFER, 0);
    }
}
