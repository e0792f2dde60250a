package io.netspec.engine.report.reach;

import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import java.io.IOException;
import java.io.Writer;
import java.util.stream.Stream;

/** Writes a connectivity list, consuming the stream as it goes (except DOT, which needs its nodes first). */
@FunctionalInterface
public interface ReachRenderer {
    void render(Stream<Reach> reach, Writer out) throws IOException;
}
