package io.netspec.cli.html;

import io.netspec.engine.connectivity.ReachDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart of the connections a diff changed, for a pull-request comment (GitHub renders
 * {@code ```mermaid} blocks). Added connections are thick arrows labelled {@code +}, removed ones
 * dotted arrows labelled {@code -}, so the picture reads without colour.
 *
 * <p>Names come from the manifests, so every label is reduced to characters that mean nothing to
 * Mermaid, Markdown or HTML (letters, digits, {@code . _ / : , + - [ ] { }} and space); anything else
 * becomes {@code _}. Node ids are generated ({@code n0, n1, ...}), never taken from the input.
 */
public final class MermaidDiagram {

    /** More edges than this make an unreadable picture (and Mermaid's own limit is 500). */
    public static final int MAX_EDGES = 60;

    private MermaidDiagram() {}

    /** The fenced block with a heading line, or an empty string when nothing changed. */
    public static String of(List<ReachDiff.Line> lines, int maxEdges) {
        if (lines.isEmpty()) {
            return "";
        }
        Map<String, String> ids = new LinkedHashMap<>();
        StringBuilder edges = new StringBuilder();
        List<ReachDiff.Line> drawn = lines.subList(0, Math.min(lines.size(), maxEdges));
        for (ReachDiff.Line l : drawn) {
            String from = ids.computeIfAbsent(l.source().id(), k -> "n" + ids.size());
            String to = ids.computeIfAbsent(l.destination().id(), k -> "n" + ids.size());
            boolean added = l.change() == ReachDiff.Change.ADDED;
            edges.append("  ")
                    .append(from)
                    .append(added ? " ==>|\"+ " : " -.->|\"- ")
                    .append(label(l.connections().toString()))
                    .append("\"| ")
                    .append(to)
                    .append('\n');
        }
        StringBuilder out = new StringBuilder("\n```mermaid\nflowchart LR\n");
        ids.forEach((name, id) ->
                out.append("  ").append(id).append("[\"").append(label(name)).append("\"]\n"));
        out.append(edges).append("```\n");
        if (lines.size() > drawn.size()) {
            out.append("\n_The diagram shows ")
                    .append(drawn.size())
                    .append(" of ")
                    .append(lines.size())
                    .append(" changed connections; the table lists them all._\n");
        }
        return out.toString();
    }

    /** The text with every character outside a small safe set replaced by {@code _}. */
    static String label(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || ".-_/:,+[]{} ".indexOf(c) >= 0;
            sb.append(safe ? c : '_');
        }
        return sb.length() > 80 ? sb.substring(0, 79) + "_" : sb.toString();
    }
}
