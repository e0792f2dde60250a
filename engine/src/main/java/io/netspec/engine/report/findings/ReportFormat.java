package io.netspec.engine.report.findings;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The output formats of {@code netspec check}. Renderers are made on demand: the JSON ones load
 * Jackson, which a text report should not pay for at start-up.
 */
public enum ReportFormat {
    TEXT(TextRenderer::new),
    JSON(JsonRenderer::new),
    JUNIT(JunitRenderer::new),
    SARIF(SarifRenderer::new),
    GITHUB(GithubRenderer::new),
    MARKDOWN(MarkdownRenderer::new);

    private final Supplier<Renderer> renderer;

    ReportFormat(Supplier<Renderer> renderer) {
        this.renderer = renderer;
    }

    public Renderer renderer() {
        return renderer.get();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportFormat> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
