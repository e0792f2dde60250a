package io.netspec.engine.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Node trees compared node for node: type, tag, value, style, both marks, anchors, merge flags. */
final class YamlTrees {

    private YamlTrees() {}

    /** The documents and problems a parse gives. */
    record Parsed(List<Node> documents, List<LoadProblem> problems) {}

    static Parsed parse(String text, String file, boolean blockYaml) {
        List<LoadProblem> problems = new ArrayList<>();
        ReadContext ctx = new ReadContext(file, LoadOptions.DEFAULTS, problems, new LabelStrings());
        List<Node> docs = new ArrayList<>();
        new DocumentParser(LoadOptions.DEFAULTS, blockYaml).parse(text, false, ctx, (doc, shape) -> docs.add(doc));
        return new Parsed(docs, problems);
    }

    /**
     * The documents and problems of a file's bytes as a load reads them: decoded as the loader decodes them (problems
     * included), then parsed with the bytes beside the text ({@code blockYaml}) or by SnakeYAML from the text alone.
     */
    static Parsed parseBytes(byte[] utf8, String file, boolean blockYaml) {
        List<LoadProblem> problems = new ArrayList<>();
        ReadContext ctx = new ReadContext(file, LoadOptions.DEFAULTS, problems, new LabelStrings());
        List<Node> docs = new ArrayList<>();
        String text = ManifestLoader.decodeUtf8(utf8, ctx);
        if (text != null) {
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1); // as the loader drops it
            }
            new DocumentParser(LoadOptions.DEFAULTS, blockYaml)
                    .parse(text, blockYaml ? utf8 : null, false, ctx, (doc, shape) -> docs.add(doc));
        }
        return new Parsed(docs, problems);
    }

    /** The first difference between two parses, as a path and what differs; empty when they are the same. */
    static Optional<String> difference(Parsed expected, Parsed actual) {
        if (!expected.problems().equals(actual.problems())) {
            return Optional.of("problems: " + expected.problems() + " vs " + actual.problems());
        }
        if (expected.documents().size() != actual.documents().size()) {
            return Optional.of("documents: " + expected.documents().size() + " vs "
                    + actual.documents().size());
        }
        for (int i = 0; i < expected.documents().size(); i++) {
            Optional<String> d = difference(
                    "doc" + i, expected.documents().get(i), actual.documents().get(i));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    static Optional<String> difference(String path, Node a, Node b) {
        // the kind of node, not its class: the fast path's scalars are ScalarNodes that make their marks when asked
        if (a.getNodeId() != b.getNodeId()) {
            return Optional.of(path + ": " + a.getNodeId() + " vs " + b.getNodeId());
        }
        if (!a.getTag().equals(b.getTag())) {
            return Optional.of(path + ": tag " + a.getTag() + " vs " + b.getTag());
        }
        Optional<String> marks = mark(path + " start", a.getStartMark(), b.getStartMark())
                .or(() -> mark(path + " end", a.getEndMark(), b.getEndMark()));
        if (marks.isPresent()) {
            return marks;
        }
        if (!Objects.equals(a.getAnchor(), b.getAnchor())) {
            return Optional.of(path + ": anchors " + a.getAnchor() + " vs " + b.getAnchor());
        }
        if (a instanceof ScalarNode sa && b instanceof ScalarNode sb) {
            if (!sa.getValue().equals(sb.getValue()) || sa.getScalarStyle() != sb.getScalarStyle()) {
                return Optional.of(path + ": scalar " + sa.getScalarStyle() + " '" + sa.getValue() + "' vs "
                        + sb.getScalarStyle() + " '" + sb.getValue() + "'");
            }
            return Optional.empty();
        }
        CollectionNode<?> ca = (CollectionNode<?>) a;
        CollectionNode<?> cb = (CollectionNode<?>) b;
        if (ca.getFlowStyle() != cb.getFlowStyle()) {
            return Optional.of(path + ": flow style " + ca.getFlowStyle() + " vs " + cb.getFlowStyle());
        }
        if (a instanceof MappingNode ma && b instanceof MappingNode mb) {
            if (ma.isMerged() != mb.isMerged()
                    || ma.getValue().size() != mb.getValue().size()) {
                return Optional.of(path + ": mapping of " + ma.getValue().size() + " vs "
                        + mb.getValue().size() + " keys, merged " + ma.isMerged() + " vs " + mb.isMerged());
            }
            for (int i = 0; i < ma.getValue().size(); i++) {
                NodeTuple ta = ma.getValue().get(i);
                NodeTuple tb = mb.getValue().get(i);
                String key = ta.getKeyNode() instanceof ScalarNode k ? k.getValue() : "#" + i;
                Optional<String> d = difference(path + "." + key + "(key)", ta.getKeyNode(), tb.getKeyNode())
                        .or(() -> difference(path + "." + key, ta.getValueNode(), tb.getValueNode()));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        SequenceNode qa = (SequenceNode) a;
        SequenceNode qb = (SequenceNode) b;
        if (qa.getValue().size() != qb.getValue().size()) {
            return Optional.of(
                    path + ": " + qa.getValue().size() + " vs " + qb.getValue().size() + " items");
        }
        for (int i = 0; i < qa.getValue().size(); i++) {
            Optional<String> d = difference(
                    path + "[" + i + "]", qa.getValue().get(i), qb.getValue().get(i));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mark(String what, Mark a, Mark b) {
        if (a.getIndex() != b.getIndex()
                || a.getLine() != b.getLine()
                || a.getColumn() != b.getColumn()
                || !a.getName().equals(b.getName())) {
            return Optional.of(what + " mark " + describe(a) + " vs " + describe(b));
        }
        return Optional.empty();
    }

    private static String describe(Mark m) {
        return m.getName() + "@" + m.getIndex() + " line " + m.getLine() + " col " + m.getColumn();
    }
}
