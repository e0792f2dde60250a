package io.netspec.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.cli.explain.ExplanationRenderers;
import io.netspec.cli.html.EdgeEvidence;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;

/**
 * The HTML report's adapter to the explanation API: the very JSON that {@code explain --format
 * json} prints (each evidence record with its kind, text and fields), so the page shows the same
 * evidence as {@code explain}.
 */
final class HtmlEvidence implements EdgeEvidence {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public JsonNode explain(ConnectivityAnalysis analysis, Endpoint source, Endpoint destination) {
        try {
            return MAPPER.readTree(ExplanationRenderers.json(analysis.explain(source, destination), null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("explain --format json wrote invalid JSON", e);
        }
    }
}
