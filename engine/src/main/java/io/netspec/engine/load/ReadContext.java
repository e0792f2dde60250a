package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** The file being read, the options, and where its problems go. Lines come from node marks (0-based). */
final class ReadContext {

    private final String file;
    private final LoadOptions options;
    private final List<LoadProblem> problems;
    private final LabelStrings strings;
    private final Set<Node> warned = Collections.newSetFromMap(new IdentityHashMap<>());
    /** False for an object that is not a file (from a live cluster): its name is the whole place, no line. */
    private final boolean lines;

    ReadContext(String file, LoadOptions options, List<LoadProblem> problems, LabelStrings strings) {
        this(file, options, problems, strings, true);
    }

    ReadContext(String file, LoadOptions options, List<LoadProblem> problems, LabelStrings strings, boolean lines) {
        this.file = file;
        this.options = options;
        this.problems = problems;
        this.strings = strings;
        this.lines = lines;
    }

    String file() {
        return file;
    }

    LoadOptions options() {
        return options;
    }

    /** Label strings validated so far in this load, shared by all its files. */
    LabelStrings strings() {
        return strings;
    }

    SourceRef at(Node node) {
        return new SourceRef(
                file, node == null || !lines ? 0 : node.getStartMark().getLine() + 1);
    }

    SourceRef atLine(int line) {
        return new SourceRef(file, lines ? line : 0);
    }

    void error(Node node, String message) {
        problems.add(LoadProblem.error(at(node), message));
    }

    void warning(Node node, String message) {
        problems.add(LoadProblem.warning(at(node), message));
    }

    /** A warning reported once per node, however often the field is read. */
    void warnOnce(Node node, String message) {
        if (warned.add(node)) {
            warning(node, message);
        }
    }

    void errorAtLine(int line, String message) {
        problems.add(LoadProblem.error(atLine(line), message));
    }

    void warningAtLine(int line, String message) {
        problems.add(LoadProblem.warning(atLine(line), message));
    }
}
