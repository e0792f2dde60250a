package io.netspec.cli.diff;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netspec.cli.html.MermaidDiagram;
import io.netspec.engine.connectivity.ReachDiff;
import io.netspec.engine.connectivity.ReachDiff.Change;
import io.netspec.engine.report.Ansi;
import io.netspec.engine.report.Markdown;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * The renderers of {@code netspec diff}'s result, one per format (the HTML page is the report's):
 * text ({@code +}/{@code -} lines and the counts), JSON (schema {@code netspec.diff/v1}) and Markdown
 * (tables and a Mermaid diagram, for a pull-request comment). Each has a golden file ({@code DiffRenderersTest}).
 */
public final class DiffRenderers {

    private DiffRenderers() {}

    public static String text(List<ReachDiff.WorkloadChange> workloads, List<DiffLine> lines, Ansi ansi) {
        StringBuilder out = new StringBuilder();
        for (ReachDiff.WorkloadChange w : workloads) {
            out.append(sign(w.change(), ansi))
                    .append(" workload ")
                    .append(w.workload().id())
                    .append(" (")
                    .append(w.workload().source())
                    .append(")\n");
        }
        for (DiffLine s : lines) {
            ReachDiff.Line l = s.line();
            out.append(sign(l.change(), ansi))
                    .append(' ')
                    .append(l.source().id())
                    .append(" => ")
                    .append(l.destination().id())
                    .append(" : ")
                    .append(l.connections())
                    .append('\n');
            s.evidence().forEach(e -> out.append("    ").append(e).append('\n'));
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        return out.append(summary(workloads, lines)).append('\n').toString();
    }

    private static String sign(Change change, Ansi ansi) {
        String sign = String.valueOf(change.sign());
        return change == Change.ADDED ? ansi.green(sign) : ansi.red(sign);
    }

    private static long count(List<DiffLine> lines, Change change) {
        return lines.stream().filter(s -> s.line().change() == change).count();
    }

    private static long countWorkloads(List<ReachDiff.WorkloadChange> workloads, Change change) {
        return workloads.stream().filter(w -> w.change() == change).count();
    }

    private static String summary(List<ReachDiff.WorkloadChange> workloads, List<DiffLine> lines) {
        long added = count(lines, Change.ADDED);
        return added + (added == 1 ? " connection" : " connections") + " added, " + count(lines, Change.REMOVED)
                + " removed; " + countWorkloads(workloads, Change.ADDED)
                + (countWorkloads(workloads, Change.ADDED) == 1 ? " workload" : " workloads") + " added, "
                + countWorkloads(workloads, Change.REMOVED) + " removed";
    }

    public static String json(List<ReachDiff.WorkloadChange> workloads, List<DiffLine> lines) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", "netspec.diff/v1");
            g.writeArrayFieldStart("workloads");
            for (ReachDiff.WorkloadChange w : workloads) {
                g.writeStartObject();
                g.writeStringField("change", w.change().word());
                g.writeStringField("id", w.workload().id());
                g.writeStringField("source", w.workload().source().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("connections");
            for (DiffLine s : lines) {
                g.writeStartObject();
                g.writeStringField("change", s.line().change().word());
                g.writeStringField("src", s.line().source().id());
                g.writeStringField("dst", s.line().destination().id());
                g.writeStringField("conn", s.line().connections().toString());
                if (!s.evidence().isEmpty()) {
                    g.writeArrayFieldStart("evidence");
                    for (String e : s.evidence()) {
                        g.writeString(e);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("connectionsAdded", count(lines, Change.ADDED));
            g.writeNumberField("connectionsRemoved", count(lines, Change.REMOVED));
            g.writeNumberField("workloadsAdded", countWorkloads(workloads, Change.ADDED));
            g.writeNumberField("workloadsRemoved", countWorkloads(workloads, Change.REMOVED));
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.append('\n').toString();
    }

    public static String markdown(List<ReachDiff.WorkloadChange> workloads, List<DiffLine> lines) {
        StringBuilder out = new StringBuilder("**netspec diff**: ")
                .append(summary(workloads, lines))
                .append("\n");
        if (!workloads.isEmpty()) {
            out.append("\n| | workload | defined at |\n|---|---|---|\n");
            for (ReachDiff.WorkloadChange w : workloads) {
                out.append("| ")
                        .append(w.change().word())
                        .append(" | ")
                        .append(Markdown.code(w.workload().id()))
                        .append(" | ")
                        .append(Markdown.text(w.workload().source().toString()))
                        .append(" |\n");
            }
        }
        if (!lines.isEmpty()) {
            out.append("\n| | source | destination | connections |\n|---|---|---|---|\n");
            for (DiffLine s : lines) {
                out.append("| ")
                        .append(s.line().change().word())
                        .append(" | ")
                        .append(Markdown.code(s.line().source().id()))
                        .append(" | ")
                        .append(Markdown.code(s.line().destination().id()))
                        .append(" | ")
                        .append(Markdown.text(s.line().connections().toString()));
                for (String evidence : s.evidence()) {
                    out.append("<br>").append(Markdown.text(evidence)); // each line of evidence escaped, one line
                }
                out.append(" |\n");
            }
        }
        out.append(MermaidDiagram.of(lines.stream().map(DiffLine::line).toList(), MermaidDiagram.MAX_EDGES));
        return out.toString();
    }
}
