package io.netspec.engine.report.reach;

import java.util.Locale;
import java.util.Optional;

/** The output formats of a connectivity list. */
public enum ReachFormat {
    /** The netpol-analyzer corpus lines: {@code src => dst : conns}. */
    TEXT,
    /** A JSON array of {@code {src, dst, conn, ports}} objects. */
    JSON,
    /** {@code src,dst,conn} with a header row (RFC 4180 quoting). */
    CSV,
    /** A Markdown table. */
    MD,
    /** A Graphviz digraph, one cluster per namespace. */
    DOT;

    public static Optional<ReachFormat> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public ReachRenderer renderer() {
        return switch (this) {
            case TEXT -> ReachRenderers::text;
            case JSON -> ReachRenderers::json;
            case CSV -> ReachRenderers::csv;
            case MD -> ReachRenderers::markdown;
            case DOT -> ReachRenderers::dot;
        };
    }
}
