package io.netspec.cli.html;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.connectivity.ReachDiff;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data of one HTML report, written as the JSON the page renders ({@code "schema":
 * "netspec.report/v1"}). Tables are indexed to keep a 20,000-workload report small: nodes,
 * namespaces, policies, files and connection sets once each; an edge is four numbers (source,
 * destination, connections, layer), with a row in {@code edgeInfo} when it has an explanation or a change.
 *
 * <p>Explanations are computed here, on the server side, for at most {@code maxExplanations}
 * edges (changed edges first): the page never re-implements policy semantics, and an edge beyond
 * the budget shows the {@code netspec explain} command that answers it.
 */
public final class ReportData {

    /** Which command made the report: the page words its title and panels after it. */
    public enum Mode {
        REPORT,
        CHECK,
        REACH,
        DIFF;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The policy layers that govern an edge, strongest first: an admin tier selects one of its
     * ends, or a NetworkPolicy isolates the source's egress or the destination's ingress, or no
     * policy applies at all. The page draws each with its own colour AND line pattern.
     */
    enum Layer {
        ADMIN("admin"),
        NETWORK_POLICY("network-policy"),
        OPEN("no-policy");

        private final String wire;

        Layer(String wire) {
            this.wire = wire;
        }
    }

    /** How a diff changed an edge; {@link #SAME} outside diff mode. */
    enum Status {
        SAME,
        ADDED,
        REMOVED,
        CHANGED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The NEW side of a diff report is {@link Input#analysis()}; this is the rest. */
    public record Diff(ConnectivityAnalysis older, ReachDiff.Result result) {}

    /**
     * What a report shows.
     *
     * @param reach    the edges (for a diff, NEW's reach lines)
     * @param findings the check's findings, empty when the command ran no rules
     */
    public record Input(
            Mode mode,
            String title,
            String version,
            ConnectivityAnalysis analysis,
            List<Reach> reach,
            Optional<List<Finding>> findings,
            Optional<Diff> diff,
            int maxExplanations) {
        public Input {
            reach = List.copyOf(reach);
            findings = findings.map(List::copyOf);
        }
    }

    private static final class Node {
        final int index;
        final Endpoint endpoint;
        final Workload workload;
        Status status = Status.SAME;

        Node(int index, Endpoint endpoint, Workload workload) {
            this.index = index;
            this.endpoint = endpoint;
            this.workload = workload;
        }
    }

    private static final class Edge {
        final Node source;
        final Node destination;
        /** The ends as the reach line or diff line gave them: OLD's objects for a removed connection. */
        final Endpoint from;

        final Endpoint to;
        ConnectionSet connections;
        Status status = Status.SAME;
        ConnectionSet added;
        ConnectionSet removed;
        int explanation = -1;

        Edge(Node source, Node destination, Endpoint from, Endpoint to, ConnectionSet connections) {
            this.source = source;
            this.destination = destination;
            this.from = from;
            this.to = to;
            this.connections = connections;
        }
    }

    private final Input in;
    private final EdgeEvidence evidence;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<String> namespaces;
    private final Map<String, Integer> namespaceIndex = new HashMap<>();
    private final Map<Object, Integer> policyIndex = new IdentityHashMap<>();
    private final Map<ConnectionSet, Integer> connectionIndex = new LinkedHashMap<>();
    private final Map<String, Integer> fileIndex = new LinkedHashMap<>();
    private List<Edge> explained = List.of();
    /** NEW's workloads, by identity and by id; built on first use. */
    private Set<Workload> current;

    private Map<String, Workload> currentById;

    private ReportData(Input in, EdgeEvidence evidence) {
        this.in = in;
        this.evidence = evidence;
        TreeSet<String> names = new TreeSet<>();
        in.analysis().cluster().namespaces().forEach(n -> names.add(n.name()));
        in.diff().ifPresent(d -> d.older().cluster().namespaces().forEach(n -> names.add(n.name())));
        this.namespaces = List.copyOf(names);
        for (int i = 0; i < namespaces.size(); i++) {
            namespaceIndex.put(namespaces.get(i), i);
        }
        int p = 0;
        for (PolicyFact policy : in.analysis().cluster().policies()) {
            policyIndex.put(policy, p++);
        }
        for (ClusterNetworkPolicyFact policy : in.analysis().cluster().adminPolicies()) {
            policyIndex.put(policy, p++);
        }
    }

    /** Writes the report's data as one JSON object. */
    public static void write(Input in, EdgeEvidence evidence, JsonGenerator g) throws IOException {
        ReportData data = new ReportData(in, evidence);
        data.collect();
        data.writeJson(g);
    }

    // ---------------------------------------------------------------- collecting

    private void collect() {
        in.analysis().cluster().workloads().stream()
                .sorted(Comparator.comparing(Workload::id))
                .forEach(w -> node(new Endpoint.OfWorkload(w)));
        Map<String, Edge> byPair = new HashMap<>();
        for (Reach r : in.reach()) {
            Edge e = new Edge(node(r.source()), node(r.destination()), r.source(), r.destination(), r.connections());
            edges.add(e);
            byPair.put(key(r.source(), r.destination()), e);
        }
        in.diff().ifPresent(d -> collectDiff(d, byPair));
        explainEdges();
    }

    private void collectDiff(Diff d, Map<String, Edge> byPair) {
        for (ReachDiff.WorkloadChange w : d.result().workloads()) {
            Node n = node(new Endpoint.OfWorkload(w.workload()));
            n.status = w.change() == ReachDiff.Change.ADDED ? Status.ADDED : Status.REMOVED;
        }
        for (ReachDiff.Line line : d.result().lines()) {
            Edge e = byPair.get(key(line.source(), line.destination()));
            if (line.change() == ReachDiff.Change.ADDED) {
                if (e == null) {
                    // NEW's policies cut this address range differently from the diff's interval
                    e = new Edge(
                            node(line.source()),
                            node(line.destination()),
                            line.source(),
                            line.destination(),
                            line.connections());
                    edges.add(e);
                    byPair.put(key(line.source(), line.destination()), e);
                }
                e.added = e.added == null ? line.connections() : e.added.union(line.connections());
            } else if (e != null && e.status != Status.REMOVED) {
                e.removed = e.removed == null ? line.connections() : e.removed.union(line.connections());
            } else {
                e = new Edge(
                        node(line.source()),
                        node(line.destination()),
                        line.source(),
                        line.destination(),
                        line.connections());
                e.status = Status.REMOVED;
                edges.add(e);
                byPair.put(key(line.source(), line.destination()), e);
            }
        }
        for (Edge e : edges) {
            if (e.status == Status.REMOVED) {
                continue;
            }
            if (e.added != null && e.removed == null && e.added.equals(e.connections)) {
                e.status = Status.ADDED;
            } else if (e.added != null || e.removed != null) {
                e.status = Status.CHANGED;
            }
        }
    }

    /** Changed edges first, then the rest, as far as the budget goes. */
    private void explainEdges() {
        List<Edge> order = new ArrayList<>();
        edges.stream().filter(e -> e.status != Status.SAME).forEach(order::add);
        edges.stream().filter(e -> e.status == Status.SAME).forEach(order::add);
        explained = new ArrayList<>();
        for (Edge e : order) {
            if (explained.size() >= in.maxExplanations()) {
                break;
            }
            e.explanation = explained.size();
            explained.add(e);
        }
    }

    private Node node(Endpoint endpoint) {
        return nodes.computeIfAbsent(
                endpoint.id(),
                id -> new Node(
                        nodes.size(), endpoint, endpoint instanceof Endpoint.OfWorkload w ? w.workload() : null));
    }

    private static String key(Endpoint source, Endpoint destination) {
        return source.id() + "\u0000" + destination.id();
    }

    /** File paths once each: a generated cluster repeats one file per namespace thousands of times. */
    private int file(String path) {
        return fileIndex.computeIfAbsent(path, x -> fileIndex.size());
    }

    private int connections(ConnectionSet c) {
        return connectionIndex.computeIfAbsent(c, x -> connectionIndex.size());
    }

    /** The strongest layer that governs traffic of a workload (admin tier, NetworkPolicy isolation, none). */
    private Layer layer(Workload w, Direction direction) {
        if (w == null || !currentWorkloads().contains(w)) {
            return Layer.OPEN; // outside the cluster, or a workload only OLD has
        }
        if (!in.analysis().adminPoliciesSelecting(w).isEmpty()) {
            return Layer.ADMIN;
        }
        return in.analysis().isIsolated(w, direction) ? Layer.NETWORK_POLICY : Layer.OPEN;
    }

    private Set<Workload> currentWorkloads() {
        if (current == null) {
            current = Collections.newSetFromMap(new IdentityHashMap<>());
            current.addAll(in.analysis().cluster().workloads());
        }
        return current;
    }

    private Layer layer(Edge e) {
        Layer egress = layer(e.source.workload, Direction.EGRESS);
        Layer ingress = layer(e.destination.workload, Direction.INGRESS);
        return egress.ordinal() < ingress.ordinal() ? egress : ingress;
    }

    // ---------------------------------------------------------------- writing

    private void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", "netspec.report/v1");
        g.writeStringField("mode", in.mode().wire());
        g.writeStringField("title", in.title());
        g.writeStringField("version", in.version());
        g.writeArrayFieldStart("layers");
        for (Layer l : Layer.values()) {
            g.writeString(l.wire);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("namespaces");
        for (String n : namespaces) {
            g.writeString(n);
        }
        g.writeEndArray();
        writePolicies(g);
        writeNodes(g);
        // Four numbers an edge, in one flat array (a 20,000-workload cluster has some 250,000 edges):
        // source, destination, connections, layer. The few edges with an explanation or a change
        // get a row [edge, explanation, change, added, removed] in "edgeInfo".
        // Edges are written before the connection table: writing them interns their connection sets.
        g.writeArrayFieldStart("statuses");
        for (Status s : Status.values()) {
            g.writeString(s.wire());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("edges");
        for (Edge e : edges) {
            g.writeNumber(e.source.index);
            g.writeNumber(e.destination.index);
            g.writeNumber(connections(e.connections));
            g.writeNumber(layer(e).ordinal());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("edgeInfo");
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            if (e.explanation >= 0 || e.status != Status.SAME) {
                int[] row = {
                    i,
                    e.explanation,
                    e.status.ordinal(),
                    e.added == null ? -1 : connections(e.added),
                    e.removed == null ? -1 : connections(e.removed)
                };
                g.writeArray(row, 0, row.length);
            }
        }
        g.writeEndArray();
        writeConnections(g);
        writeExplanations(g);
        writeFindings(g);
        g.writeArrayFieldStart("files");
        for (String f : fileIndex.keySet()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void writePolicies(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("policies");
        for (PolicyFact p : in.analysis().cluster().policies()) {
            g.writeStartObject();
            g.writeStringField("kind", "NetworkPolicy");
            g.writeStringField("ns", p.namespace());
            g.writeStringField("name", p.name());
            g.writeNumberField("f", file(p.source().file()));
            g.writeNumberField("line", p.source().line());
            List<String> types = new ArrayList<>();
            if (p.isolatesIngress()) {
                types.add("Ingress");
            }
            if (p.isolatesEgress()) {
                types.add("Egress");
            }
            g.writeStringField("types", String.join(", ", types));
            g.writeEndObject();
        }
        for (ClusterNetworkPolicyFact p : in.analysis().cluster().adminPolicies()) {
            g.writeStartObject();
            g.writeStringField("kind", p.kind());
            g.writeStringField("ns", "");
            g.writeStringField("name", p.name());
            g.writeNumberField("f", file(p.source().file()));
            g.writeNumberField("line", p.source().line());
            g.writeStringField("types", p.baseline() ? "baseline" : "priority " + p.priority());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeNodes(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("nodes");
        for (Node n : nodes.values()) {
            g.writeStartObject();
            if (n.workload != null) {
                // the page builds the id ns/name[kind]
                Workload w = n.workload;
                g.writeNumberField("ns", namespaceIndex.getOrDefault(w.namespace(), -1));
                g.writeStringField("name", w.name());
                g.writeStringField("kind", w.kind());
                g.writeNumberField("f", file(w.source().file()));
                g.writeNumberField("line", w.source().line());
                g.writeObjectFieldStart("labels");
                for (Map.Entry<String, String> l : w.podLabels().entrySet()) {
                    g.writeStringField(l.getKey(), l.getValue());
                }
                g.writeEndObject();
                if (currentWorkloads().contains(w)) {
                    g.writeArrayFieldStart("pol");
                    for (PolicyFact p : in.analysis().policiesSelecting(w)) {
                        g.writeNumber(policyIndex.get(p));
                    }
                    for (ClusterNetworkPolicyFact p : in.analysis().adminPoliciesSelecting(w)) {
                        g.writeNumber(policyIndex.get(p));
                    }
                    g.writeEndArray();
                    if (!isolation(w).isEmpty()) {
                        g.writeStringField("iso", isolation(w));
                    }
                }
            } else {
                g.writeStringField("id", n.endpoint.id());
                g.writeStringField("t", n.endpoint instanceof Endpoint.IngressController ? "i" : "x");
            }
            if (n.status != Status.SAME) {
                g.writeStringField("change", n.status.wire());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private String isolation(Workload w) {
        boolean ingress = in.analysis().isIsolated(w, Direction.INGRESS);
        boolean egress = in.analysis().isIsolated(w, Direction.EGRESS);
        return ingress && egress ? "ingress and egress" : ingress ? "ingress" : egress ? "egress" : "";
    }

    /** Each connection set as its text and its ranges, so the page filters by port without parsing. */
    private void writeConnections(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("conns");
        for (ConnectionSet c : connectionIndex.keySet()) {
            g.writeStartObject();
            g.writeStringField("text", c.toString());
            g.writeArrayFieldStart("ranges");
            for (Protocol p : c.protocols()) {
                for (PortRange r : c.ranges(p)) {
                    g.writeStartArray();
                    g.writeString(p.name());
                    g.writeNumber(r.from());
                    g.writeNumber(r.to());
                    g.writeEndArray();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeExplanations(JsonGenerator g) throws IOException {
        g.writeNumberField("explanationsOmitted", edges.size() - explained.size());
        g.writeArrayFieldStart("explanations");
        for (Edge e : explained) {
            ConnectivityAnalysis analysis = in.analysis();
            String side = "new";
            Endpoint source = e.from;
            Endpoint destination = e.to;
            if (in.diff().isPresent() && e.status == Status.REMOVED) {
                // why NEW denies it, when both ends still exist; else why OLD allowed it
                Optional<Endpoint> s = current(source);
                Optional<Endpoint> d = current(destination);
                if (s.isPresent() && d.isPresent()) {
                    source = s.get();
                    destination = d.get();
                } else {
                    analysis = in.diff().get().older();
                    side = "old";
                }
            }
            g.writeStartObject();
            if (in.diff().isPresent()) {
                g.writeStringField("side", side);
            }
            g.writeFieldName("evidence");
            g.writeTree(evidence.explain(analysis, source, destination));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The same endpoint in NEW's cluster (workloads by id), if it exists there. */
    private Optional<Endpoint> current(Endpoint e) {
        if (!(e instanceof Endpoint.OfWorkload w)) {
            return Optional.of(e);
        }
        if (currentById == null) {
            currentById = new HashMap<>();
            in.analysis().cluster().workloads().forEach(x -> currentById.put(x.id(), x));
        }
        return Optional.ofNullable(currentById.get(w.id())).map(Endpoint.OfWorkload::new);
    }

    private void writeFindings(JsonGenerator g) throws IOException {
        if (in.findings().isEmpty()) {
            return;
        }
        Map<String, Integer> policyByRef = new HashMap<>();
        in.analysis()
                .cluster()
                .policies()
                .forEach(p -> policyByRef.put("NetworkPolicy " + p.namespace() + "/" + p.name(), policyIndex.get(p)));
        in.analysis()
                .cluster()
                .adminPolicies()
                .forEach(p -> policyByRef.put(p.kind() + " " + p.name(), policyIndex.get(p)));
        Map<String, Integer> nodeByRef = new HashMap<>();
        for (Node n : nodes.values()) {
            if (n.workload != null) {
                nodeByRef.put(
                        n.workload.objectKind() + " " + n.workload.namespace() + "/" + n.workload.name(), n.index);
            }
        }
        g.writeArrayFieldStart("findings");
        for (Finding f : in.findings().get()) {
            g.writeStartObject();
            g.writeStringField("rule", f.ruleId());
            g.writeStringField("severity", f.severity().name().toLowerCase(Locale.ROOT));
            g.writeStringField("title", f.title());
            g.writeStringField("message", f.message());
            g.writeStringField("remediation", f.remediation());
            g.writeStringField("object", f.objectRef());
            g.writeNumberField("f", file(f.source().file()));
            g.writeNumberField("line", f.source().line());
            g.writeNumberField(
                    "ns",
                    namespaceIndex.getOrDefault(
                            f.namespace().isEmpty() && f.objectKind().equals("Namespace") ? f.name() : f.namespace(),
                            -1));
            g.writeNumberField("node", nodeByRef.getOrDefault(f.objectRef(), -1));
            g.writeNumberField("policy", policyByRef.getOrDefault(f.objectRef(), -1));
            if (f.waived()) {
                g.writeStringField("waived", f.waiverReason());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
