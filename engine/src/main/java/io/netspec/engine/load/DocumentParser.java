package io.netspec.engine.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Text to document nodes, never to Java objects: SnakeYAML's composer for YAML (YAML 1.1, as
 * kubectl reads it), Jackson's streaming parser for JSON (SnakeYAML rejects tab-indented JSON),
 * turned into the same SnakeYAML node tree with 1-based lines kept in the marks.
 *
 * <p>Each YAML document is parsed on its own ({@link YamlDocuments}): a syntax error or a limit costs only
 * its own document, and the limits count per document.
 */
final class DocumentParser {

    /** Documents with syntax errors listed per file; the rest are still parsed, and counted in one line. */
    private static final int MAX_LISTED_ERRORS = 50;

    /** Stateless once built, so one serves every parse, on every thread. */
    private static final Resolver RESOLVER = new PlainScalarResolver();

    private final LoadOptions options;
    /** Block-style documents composed by {@link BlockYaml}, the rest by SnakeYAML; false: all by SnakeYAML (tests). */
    private final boolean blockYaml;

    DocumentParser(LoadOptions options) {
        this(options, true);
    }

    DocumentParser(LoadOptions options, boolean blockYaml) {
        this.options = options;
        this.blockYaml = blockYaml;
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
        parse(text, null, json, ctx, sink);
    }

    /** As {@link #parse(String, boolean, ReadContext, DocumentSink)}; {@code utf8}: the bytes of the text, or null. */
    void parse(String text, byte[] utf8, boolean json, ReadContext ctx, DocumentSink sink) {
        if (json) {
            parseJson(text, ctx, sink);
        } else {
            parseYaml(text, utf8, ctx, sink);
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

    /** Receives each document with what the parser knows of its shape (JSON is always a tree). */
    interface DocumentSink {
        void accept(Node document, NodeShape shape);
    }

    private void parseYaml(String text, byte[] utf8, ReadContext ctx, DocumentSink sink) {
        int errors = 0;
        int unlisted = 0;
        int firstUnlistedLine = 0;
        FileStrings strings = new FileStrings();
        for (YamlDocuments.Slice slice : YamlDocuments.split(text, YamlDocuments.scanBytes(text, utf8))) {
            Problem problem = parseDocument(text, slice, strings, ctx, sink);
            if (problem == null) {
                continue;
            }
            if (errors++ < MAX_LISTED_ERRORS) {
                ctx.errorAtLine(problem.line(), problem.message());
            } else if (unlisted++ == 0) {
                firstUnlistedLine = problem.line();
            }
        }
        if (unlisted > 0) {
            ctx.errorAtLine(
                    firstUnlistedLine,
                    unlisted + " more document" + (unlisted == 1 ? "" : "s") + " with YAML syntax errors "
                            + (unlisted == 1 ? "is" : "are") + " not listed");
        }
    }

    /** A document that could not be read: its 1-based line and why. */
    private record Problem(int line, String message) {}

    /** Parses one document's slice with its own parser, so that SnakeYAML's limits count per document. */
    private Problem parseDocument(
            String text, YamlDocuments.Slice slice, FileStrings strings, ReadContext ctx, DocumentSink sink) {
        if (slice.hasForbiddenCharacter()) {
            return new Problem(
                    slice.badLine() + 1,
                    String.format(
                            "control character U+%04X is not allowed in YAML;" + " this document is not read",
                            slice.badCodePoint()));
        }
        BlockYaml.Composed composed = blockYaml
                ? BlockYaml.compose(text, slice, ctx.file(), strings, RESOLVER, options.maxNestingDepth())
                : null;
        if (composed != null) {
            NodeShape shape = composed.checked() ? NodeShape.CHECKED_TREE : NodeShape.TREE;
            for (Node n : composed.documents()) {
                sink.accept(n, shape);
            }
            return null;
        }
        LoaderOptions lo = loaderOptions();
        TrackingParser parser = new TrackingParser(
                new ParserImpl(new TextStreamReader(ctx.file(), text, slice.start(), slice.end(), slice.line()), lo));
        Composer composer = new Composer(parser, RESOLVER, lo);
        try {
            while (composer.checkNode()) {
                int aliasesBefore = parser.aliases;
                Node n = composer.getNode();
                if (n != null) {
                    sink.accept(n, parser.aliases != aliasesBefore ? NodeShape.SHARED : NodeShape.TREE);
                }
            }
            return null;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return new Problem((mark == null ? slice.line() : mark.getLine()) + 1, yamlMessage(e));
        } catch (YAMLException e) {
            // limits (nesting, aliases, size) carry no mark: the last event read is where it broke
            return new Problem(parser.lastLine().orElse(slice.line()) + 1, yamlMessage(e));
        }
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
        // each document is parsed on its own, so the stream SnakeYAML sees ends where the document does
        msg = msg.replaceAll("\\s+", " ").trim().replace("but got <stream end>", "but the document ends");
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
                sink.accept(jsonNode(p, t, ctx.file()), NodeShape.TREE);
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
            String msg =
                    e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\s+", " ");
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
                    Node key = new ScalarNode(
                            Tag.STR,
                            p.currentName(),
                            mark(p, file),
                            mark(p, file),
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
        return new Mark(
                file,
                (int) Math.max(0, loc.getCharOffset()),
                Math.max(0, loc.getLineNr() - 1),
                Math.max(0, loc.getColumnNr() - 1),
                new int[0],
                0);
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

        Optional<Integer> lastLine() {
            return Optional.ofNullable(last).map(Mark::getLine);
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
}
