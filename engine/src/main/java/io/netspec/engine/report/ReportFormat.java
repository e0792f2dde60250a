package io.netspec.engine.report;

import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code netspec check}. */
public enum ReportFormat {
    TEXT(new TextRenderer()),
    JSON(new JsonRenderer()),
    JUNIT(new JunitRenderer()),
    SARIF(new SarifRenderer()),
    GITHUB(new GithubRenderer()),
    MARKDOWN(new MarkdownRenderer());

    private final Renderer renderer;

    ReportFormat(Renderer renderer) {
        this.renderer = renderer;
    }

    public Renderer renderer() {
        return renderer;
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
