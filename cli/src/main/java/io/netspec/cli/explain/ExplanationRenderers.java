package io.netspec.cli.explain;

import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.model.Protocol;

/**
 * An explanation (why one source may or may not reach one destination) in each format
 * {@code netspec explain} offers. Without a port, the whole explanation; with one, the verdict for
 * that port and the part holding it. The text form is the engine's own ({@link Explanation#render()}),
 * so that spec failures and {@code explain} say the same words. Golden files: {@code ExplanationGoldenTest}.
 */
public final class ExplanationRenderers {

    private ExplanationRenderers() {}

    /** The verdict port by port and the policy rules behind it; {@code port} null for every port. */
    public static String text(Explanation explanation, Protocol protocol, Integer port) {
        return port == null ? explanation.render() : explanation.renderFor(protocol, port);
    }

    /** The same evidence as one JSON object ({@code explanation.schema.json}); {@code port} null for every port. */
    public static String json(Explanation explanation, Protocol protocol, Integer port) {
        return ExplanationJson.render(explanation, protocol, port);
    }
}
