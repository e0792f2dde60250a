package io.netspec.cli.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;

/**
 * Why one edge of the report is there: the evidence {@code netspec explain} gives for the pair, as
 * a JSON tree the page renders. One implementation adapts the explanation API of the day, so that
 * the report follows a change of that API in one file.
 */
@FunctionalInterface
public interface EdgeEvidence {

    /** The evidence for {@code source} to {@code destination} under {@code analysis}. */
    JsonNode explain(ConnectivityAnalysis analysis, Endpoint source, Endpoint destination);
}
