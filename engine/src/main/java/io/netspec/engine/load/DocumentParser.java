package io.netspec.engine.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Text to document nodes, never to Java objects: SnakeYAML's composer for YAML (YAML 1.1, as
 * kubectl reads it), Jackson's streaming parser for JSON (SnakeYAML rejects tab-indented JSON),
 * turned into the same SnakeYAML node tree with 1-based lines kept in the marks.
 *
 * <p>A YAML syntax error costs only its own document: parsing resumes at the next {@code ---} line.
 */
final class DocumentParser {

    /** Resumptions after syntax errors per file; past this the rest of the file is given up. */
    private static final int MAX_RECOVERIES = 50;

    /** Stateless once built, so one serves every parse, on every thread. */
    private static final Resolver RESOLVER = new PlainScalarResolver();

    private final LoadOptions options;

    DocumentParser(LoadOptions options) {
        this.options = options;
    }

    /** True for text that starts like JSON ({@code {} or {@code [}), used for stdin and strings. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /**
     * Hands each document to {@code sink} as soon as it is composed, so that a large file's node trees
     * (whose marks hold SnakeYAML's read buffers) never all live at once.
     */
    void parse(String text, boolean json, ReadContext ctx, DocumentSink sink) {
        if (json) {
            parseJson(text, ctx, sink);
        } else {
            parseYaml(text, ctx, sink);
        }
    }

    private LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false); // SnakeYAML checks this only when constructing; DocumentChecks does it on nodes
        o.setMaxAliasesForCollections(options.maxAliases());
        o.setNestingDepthLimit(options.maxNestingDepth());
        o.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(options.maxDocumentBytes(), 1)));
        o.setAllowRecursiveKeys(false);
        o.setProcessComments(false);
        // The default TagInspector refuses every global tag (!!java.io.File ...): kept, although nothing is
        // ever constructed here; DocumentChecks also rejects local and unknown standard tags.
        return o;
    }

    /** Receives each document; {@code aliases} says whether it uses YAML aliases (JSON never does). */
    interface DocumentSink {
        void accept(Node document, boolean aliases);
    }

    private void parseYaml(String text, ReadContext ctx, DocumentSink sink) {
        int startLine = 0;
        for (int attempt = 0; attempt <= MAX_RECOVERIES; attempt++) {
            LoaderOptions lo = loaderOptions();
            // not a StringReader: its reads are synchronized, and SnakeYAML reads in small chunks
            Reader reader = new ResumingReader(text, startLine);
            TrackingParser parser = new TrackingParser(new ParserImpl(new StreamReader(reader), lo));
            Composer composer = new Composer(parser, RESOLVER, lo);
            int errorLine;
            try {
                while (composer.checkNode()) {
                    int aliasesBefore = parser.aliases;
                    Node n = composer.getNode();
                    if (n != null) {
                        sink.accept(n, parser.aliases != aliasesBefore);
                    }
                }
                return;
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                errorLine = mark == null ? 0 : mark.getLine();
                ctx.errorAtLine(errorLine + 1, yamlMessage(e));
            } catch (YAMLException e) {
                // limits (nesting, aliases, size) carry no mark: the last event read is where it broke
                errorLine = parser.lastLine().orElse(startLine);
                ctx.errorAtLine(errorLine + 1, yamlMessage(e));
            }
            // resume at the next document marker, which may be the very line that broke (an unclosed flow
            // collection runs into the next `---`), but never where this attempt started
            int next = nextDocumentStart(text, Math.max(errorLine, startLine + 1));
            if (next < 0) {
                return;
            }
            startLine = next;
        }
        ctx.errorAtLine(startLine + 1, "too many syntax errors; the rest of the file is not read");
    }

    /** The 0-based line of the first {@code ---} document marker at or after {@code fromLine}, or -1. */
    static int nextDocumentStart(String text, int fromLine) {
        int line = 0;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            if (line >= fromLine && text.startsWith("---", pos)
                    && (pos + 3 == end || pos + 3 >= text.length() || Character.isWhitespace(text.charAt(pos + 3)))) {
                return line;
            }
            pos = end + 1;
            line++;
        }
        return -1;
    }

    private static String yamlMessage(YAMLException e) {
        String msg;
        if (e instanceof MarkedYAMLException m) {
            String problem = m.getProblem() == null ? "" : m.getProblem();
            String context = m.getContext() == null ? "" : m.getContext();
            msg = context.isEmpty() ? problem : context + ": " + problem;
        } else {
            msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        msg = msg.replaceAll("\\s+", " ").trim();
        if (msg.startsWith("Global tag is not allowed")) {
            String tag = msg.substring(msg.indexOf(':') + 1).trim();
            return "tag " + DocumentChecks.shortTag(tag) + " is not allowed: only standard YAML tags are read,"
                    + " and nothing is ever instantiated";
        }
        if (msg.startsWith("Nesting Depth exceeded")) {
            return "document nests deeper than " + msg.substring(msg.lastIndexOf(' ') + 1) + " levels";
        }
        if (msg.contains("Number of aliases for non-scalar nodes exceeds")) {
            return "too many aliases (a YAML alias bomb?): " + msg;
        }
        if (msg.contains("exceeds the limit") || msg.contains("code points")) {
            return "document too large: " + msg;
        }
        return "invalid YAML: " + msg;
    }

    private void parseJson(String text, ReadContext ctx, DocumentSink sink) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(options.maxNestingDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(options.maxDocumentBytes(), 1)))
                        .build())
                .build();
        JsonParser p = null;
        try {
            p = factory.createParser(text);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                sink.accept(jsonNode(p, t, ctx.file()), false);
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ");
            if (msg.contains("Document nesting depth")) {
                msg = "document nests deeper than " + options.maxNestingDepth() + " levels";
            } else {
                msg = "invalid JSON: " + msg;
            }
            ctx.errorAtLine(loc == null ? 0 : Math.max(1, loc.getLineNr()), msg);
        } catch (IOException e) {
            ctx.errorAtLine(0, "cannot read JSON: " + e.getMessage());
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a string source: nothing to release
                }
            }
        }
    }

    private static Node jsonNode(JsonParser p, JsonToken t, String file) throws IOException {
        Mark mark = mark(p, file);
        switch (t) {
            case START_OBJECT -> {
                List<NodeTuple> tuples = new ArrayList<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    Node key = new ScalarNode(Tag.STR, p.currentName(), mark(p, file), mark(p, file),
                            DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                    Node value = jsonNode(p, p.nextToken(), file);
                    tuples.add(new NodeTuple(key, value));
                }
                return new MappingNode(Tag.MAP, true, tuples, mark, mark, DumperOptions.FlowStyle.FLOW);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(jsonNode(p, i, file));
                }
                return new SequenceNode(Tag.SEQ, true, items, mark, mark, DumperOptions.FlowStyle.FLOW);
            }
            case VALUE_STRING -> {
                return scalar(Tag.STR, p.getText(), mark, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            }
            case VALUE_NUMBER_INT -> {
                return scalar(Tag.INT, p.getText(), mark, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NUMBER_FLOAT -> {
                return scalar(Tag.FLOAT, p.getText(), mark, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return scalar(Tag.BOOL, p.getText(), mark, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NULL -> {
                return scalar(Tag.NULL, "null", mark, DumperOptions.ScalarStyle.PLAIN);
            }
            default -> throw new IOException("unexpected JSON token " + t);
        }
    }

    private static ScalarNode scalar(Tag tag, String value, Mark mark, DumperOptions.ScalarStyle style) {
        return new ScalarNode(tag, value, mark, mark, style);
    }

    private static Mark mark(JsonParser p, String file) {
        JsonLocation loc = p.currentTokenLocation();
        return new Mark(file, (int) Math.max(0, loc.getCharOffset()), Math.max(0, loc.getLineNr() - 1),
                Math.max(0, loc.getColumnNr() - 1), new int[0], 0);
    }

    /** Remembers where the last event came from, to place errors SnakeYAML throws without a mark. */
    private static final class TrackingParser implements Parser {
        private final Parser delegate;
        private Mark last;
        /** Alias events read so far. */
        int aliases;

        TrackingParser(Parser delegate) {
            this.delegate = delegate;
        }

        java.util.Optional<Integer> lastLine() {
            return java.util.Optional.ofNullable(last).map(Mark::getLine);
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event e = delegate.getEvent();
            if (e != null && e.getStartMark() != null) {
                last = e.getStartMark();
            }
            if (e != null && e.is(Event.ID.Alias)) {
                aliases++;
            }
            return e;
        }
    }

    /**
     * Reads {@code text} from line {@code startLine} on, preceded by as many empty lines, so that marks
     * keep the file's line numbers without copying the text.
     */
    private static final class ResumingReader extends Reader {
        private int pendingNewlines;
        private int pos;
        private final String text;

        ResumingReader(String text, int startLine) {
            this.text = text;
            this.pendingNewlines = startLine;
            int p = 0;
            for (int l = 0; l < startLine && p >= 0; l++) {
                p = text.indexOf('\n', p);
                p = p < 0 ? text.length() : p + 1;
            }
            this.pos = Math.min(p, text.length());
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len && pendingNewlines > 0) {
                buf[off + n++] = '\n';
                pendingNewlines--;
            }
            int copy = Math.min(len - n, text.length() - pos);
            if (copy > 0) {
                text.getChars(pos, pos + copy, buf, off + n);
                pos += copy;
                n += copy;
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() {
        }
    }
}
