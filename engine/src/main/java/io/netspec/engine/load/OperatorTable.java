package io.netspec.engine.load;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Custom resources whose operator runs pods (Prometheus, Alertmanager, ThanosRuler, CloudNativePG
 * clusters...), with the labels and ports the operator gives those pods: a data table shipped as
 * {@code netspec/kinds/operators.yaml}, extended by the {@code operators} key of {@code .netspec.yaml}.
 */
public final class OperatorTable {

    private static final String RESOURCE = "/netspec/kinds/operators.yaml";

    /** The table shipped with netspec. */
    public static final OperatorTable BUILT_IN = builtIn();

    /** An empty table: operator resources stay not analysed. */
    public static final OperatorTable NONE = new OperatorTable(Map.of());

    /**
     * One custom resource kind that makes pods.
     *
     * @param podLabels       labels on every pod; {@code {name}} is replaced by the resource's name
     * @param podLabelsFrom   dotted paths to label maps in the resource that are copied to the pods
     * @param replicasFrom    dotted path to the replica count, or empty
     */
    public record Entry(
            String group,
            String kind,
            Map<String, String> podLabels,
            List<String> podLabelsFrom,
            String replicasFrom,
            int defaultReplicas,
            List<ContainerPort> ports,
            List<String> images) {
        public Entry {
            podLabels = Map.copyOf(podLabels);
            podLabelsFrom = List.copyOf(podLabelsFrom);
            ports = List.copyOf(ports);
            images = List.copyOf(images);
        }
    }

    private final Map<String, Entry> entries;

    private OperatorTable(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries.values().stream()
                .sorted(Comparator.comparing(e -> e.group() + "/" + e.kind()))
                .toList();
    }

    Optional<Entry> find(String group, String kind) {
        return Optional.ofNullable(entries.get(group + "/" + kind));
    }

    /** This table with {@code more}'s entries added; an entry for the same group and kind replaces this one's. */
    public OperatorTable with(OperatorTable more) {
        Map<String, Entry> out = new LinkedHashMap<>(entries);
        out.putAll(more.entries);
        return new OperatorTable(out);
    }

    /**
     * Reads a table from a composed YAML node (a sequence of entries). Every mistake is an
     * {@link IllegalArgumentException} whose message starts with {@code file:line: }.
     */
    public static OperatorTable parse(Node node, String file) {
        if (!(node instanceof SequenceNode seq)) {
            throw problem(file, node, "operators must be a list of entries (group, kind, podLabels, ports, ...)");
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Node item : seq.getValue()) {
            Entry e = entry(item, file);
            out.put(e.group() + "/" + e.kind(), e);
        }
        return new OperatorTable(out);
    }

    private static Entry entry(Node node, String file) {
        if (!(node instanceof MappingNode m)) {
            throw problem(file, node, "an operators entry must be a mapping");
        }
        String group = null;
        String kind = null;
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> from = new ArrayList<>();
        String replicasFrom = "";
        int defaultReplicas = 1;
        List<ContainerPort> ports = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), file);
            Node v = t.getValueNode();
            switch (key) {
                case "group" -> group = scalar(v, file);
                case "kind" -> kind = scalar(v, file);
                case "podLabels" -> labels.putAll(stringMap(v, file));
                case "podLabelsFrom" -> from.addAll(strings(v, file));
                case "replicasFrom" -> replicasFrom = scalar(v, file);
                case "defaultReplicas" -> defaultReplicas = number(v, file, 0, Integer.MAX_VALUE);
                case "ports" -> {
                    if (!(v instanceof SequenceNode ps)) {
                        throw problem(file, v, "ports must be a list of {name, port, protocol}");
                    }
                    for (Node p : ps.getValue()) {
                        ports.add(port(p, file));
                    }
                }
                case "images" -> images.addAll(strings(v, file));
                default ->
                    throw problem(
                            file,
                            t.getKeyNode(),
                            "unknown key " + key + " (expected group, kind,"
                                    + " podLabels, podLabelsFrom, replicasFrom, defaultReplicas, ports, images)");
            }
        }
        if (group == null || group.isEmpty() || kind == null || kind.isEmpty()) {
            throw problem(file, node, "an operators entry needs a group and a kind");
        }
        return new Entry(group, kind, labels, from, replicasFrom, defaultReplicas, ports, images);
    }

    private static ContainerPort port(Node node, String file) {
        if (!(node instanceof MappingNode m)) {
            throw problem(file, node, "a port must be a mapping {name, port, protocol}");
        }
        String name = "";
        int number = 0;
        Protocol protocol = Protocol.TCP;
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), file);
            switch (key) {
                case "name" -> name = scalar(t.getValueNode(), file);
                case "port" -> number = number(t.getValueNode(), file, 1, 65535);
                case "protocol" -> {
                    String p = scalar(t.getValueNode(), file).toUpperCase(Locale.ROOT);
                    try {
                        protocol = Protocol.valueOf(p);
                    } catch (IllegalArgumentException e) {
                        throw problem(file, t.getValueNode(), "protocol " + p + " is not TCP, UDP or SCTP");
                    }
                }
                default ->
                    throw problem(file, t.getKeyNode(), "unknown key " + key + " (expected name, port, protocol)");
            }
        }
        if (number == 0) {
            throw problem(file, node, "a port needs a port number");
        }
        return new ContainerPort(name, number, protocol, "");
    }

    private static String scalar(Node node, String file) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw problem(file, node, "expected a single value");
    }

    private static int number(Node node, String file, int min, int max) {
        String text = scalar(node, file);
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem(file, node, "expected a number from " + min + " to " + max + ", found " + text);
    }

    private static List<String> strings(Node node, String file) {
        if (node instanceof SequenceNode s) {
            return s.getValue().stream().map(n -> scalar(n, file)).toList();
        }
        return List.of(scalar(node, file));
    }

    private static Map<String, String> stringMap(Node node, String file) {
        if (!(node instanceof MappingNode m)) {
            throw problem(file, node, "expected a mapping of label keys to values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            out.put(scalar(t.getKeyNode(), file), scalar(t.getValueNode(), file));
        }
        return out;
    }

    private static TableException problem(String file, Node node, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new TableException(new SourceRef(file, line), message);
    }

    /** A mistake in a table, at a file and line. */
    public static final class TableException extends IllegalArgumentException {
        private final transient SourceRef where;

        TableException(SourceRef where, String message) {
            super(where + ": " + message);
            this.where = where;
        }

        public LoadProblem toProblem() {
            return LoadProblem.error(
                    where, getMessage().substring(where.toString().length() + 2));
        }
    }

    /**
     * The built-in table extended by the {@code operators} key of a {@code .netspec.yaml} (its other
     * keys are the rules' business); the built-in table when the file has no such key.
     */
    public static OperatorTable fromConfigFile(Path file) {
        String shown = file.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new TableException(new SourceRef(shown, e.getProblemMark().getLine() + 1), e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new TableException(new SourceRef(shown, 0), String.valueOf(e.getMessage()));
        }
        if (root instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("operators")) {
                    return BUILT_IN.with(parse(t.getValueNode(), shown));
                }
            }
        }
        return BUILT_IN;
    }

    private static OperatorTable builtIn() {
        try (InputStream in = OperatorTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return parse(new Yaml(options).compose(reader), RESOURCE.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MarkedYAMLException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
