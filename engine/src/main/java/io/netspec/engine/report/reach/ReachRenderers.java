package io.netspec.engine.report.reach;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.report.Markdown;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The renderers behind {@link ReachFormat}. */
final class ReachRenderers {

    /** Entries of the text renderer's caches before they start over (filters can make fresh endpoints per line). */
    private static final int TEXT_CACHE_LIMIT = 1 << 20;

    private ReachRenderers() {}

    /** {@link Reach#toString()} a line; ids and connection texts repeat, so each is formatted once. */
    static void text(Stream<Reach> reach, Writer out) throws IOException {
        Map<Endpoint, String> ids = new IdentityHashMap<>();
        Map<ConnectionSet, String> connections = new HashMap<>();
        for (Iterator<Reach> it = reach.iterator(); it.hasNext(); ) {
            Reach r = it.next();
            if (ids.size() > TEXT_CACHE_LIMIT || connections.size() > TEXT_CACHE_LIMIT) {
                ids.clear();
                connections.clear();
            }
            // names come from the manifests: control characters are shown, never obeyed by the terminal
            out.write(ids.computeIfAbsent(r.source(), e -> Printable.line(e.id())));
            out.write(" => ");
            out.write(ids.computeIfAbsent(r.destination(), e -> Printable.line(e.id())));
            out.write(" : ");
            out.write(connections.computeIfAbsent(r.connections(), ConnectionSet::toString));
            out.write('\n');
        }
        out.flush();
    }

    static void json(Stream<Reach> reach, Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        for (Iterator<Reach> it = reach.iterator(); it.hasNext(); ) {
            Reach r = it.next();
            g.writeStartObject();
            g.writeStringField("src", r.source().id());
            g.writeStringField("dst", r.destination().id());
            g.writeStringField("conn", r.connections().toString());
            g.writeObjectFieldStart("ports");
            for (Protocol p : r.connections().protocols()) {
                g.writeArrayFieldStart(p.name());
                for (PortRange range : r.connections().ranges(p)) {
                    g.writeString(range.toString());
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            // Protocols beyond TCP/UDP/SCTP only when present, so port-only output stays as it was.
            writeItems(g, "icmp", r.connections().hasIcmp(), r.connections().icmpItems());
            writeItems(
                    g,
                    "ip",
                    r.connections().hasOtherProtocols(),
                    r.connections().otherItems());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.flush();
        out.write('\n');
        out.flush();
    }

    /** {@code "icmp": ["8:0", "3"]} (type:code, or a type with every code), {@code "ip": ["136"]} (protocol numbers). */
    private static void writeItems(JsonGenerator g, String field, boolean present, List<String> items)
            throws IOException {
        if (!present) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (String item : items) {
            g.writeString(item);
        }
        g.writeEndArray();
    }

    static void csv(Stream<Reach> reach, Writer out) throws IOException {
        out.write("src,dst,conn\n");
        for (Iterator<Reach> it = reach.iterator(); it.hasNext(); ) {
            Reach r = it.next();
            out.write(csvField(r.source().id()) + "," + csvField(r.destination().id()) + ","
                    + csvField(r.connections().toString()) + "\n");
        }
        out.flush();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static void markdown(Stream<Reach> reach, Writer out) throws IOException {
        out.write("| src | dst | conn |\n|-----|-----|------|\n");
        for (Iterator<Reach> it = reach.iterator(); it.hasNext(); ) {
            Reach r = it.next();
            out.write("| " + md(r.source().id()) + " | " + md(r.destination().id()) + " | "
                    + md(r.connections().toString()) + " |\n");
        }
        out.flush();
    }

    private static String md(String s) {
        return Markdown.text(s);
    }

    /** Nodes grouped by namespace (external ranges and the ingress controller on their own), then one labelled edge per pair. */
    static void dot(Stream<Reach> reach, Writer out) throws IOException {
        List<Reach> edges = reach.toList();
        Map<String, List<String>> byNamespace = new TreeMap<>();
        List<String> external = new ArrayList<>();
        for (Reach r : edges) {
            for (Endpoint e : List.of(r.source(), r.destination())) {
                if (e instanceof Endpoint.OfWorkload w) {
                    List<String> nodes =
                            byNamespace.computeIfAbsent(w.workload().namespace(), k -> new ArrayList<>());
                    if (!nodes.contains(e.id())) {
                        nodes.add(e.id());
                    }
                } else if (!(e instanceof Endpoint.IngressController) && !external.contains(e.id())) {
                    external.add(e.id());
                }
            }
        }
        out.write("digraph {\n");
        int cluster = 0;
        for (Map.Entry<String, List<String>> ns : byNamespace.entrySet()) {
            out.write("  subgraph cluster_" + cluster++ + " {\n    label=" + quote(ns.getKey()) + "\n");
            for (String id : ns.getValue().stream().sorted().toList()) {
                out.write("    " + quote(id) + " [label=" + quote(id.substring(id.indexOf('/') + 1)) + " shape=box]\n");
            }
            out.write("  }\n");
        }
        for (String id : external.stream().sorted().toList()) {
            out.write("  " + quote(id) + " [shape=ellipse]\n");
        }
        if (edges.stream().anyMatch(r -> r.source() instanceof Endpoint.IngressController)) {
            out.write("  " + quote(Endpoint.INGRESS_CONTROLLER.id()) + " [shape=diamond]\n");
        }
        for (Reach r : edges) {
            out.write("  " + quote(r.source().id()) + " -> "
                    + quote(r.destination().id()) + " [label="
                    + quote(r.connections().toString()) + "]\n");
        }
        out.write("}\n");
        out.flush();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
