package io.netspec.engine.report.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every format against its golden file. To accept a deliberate change, run once with
 * {@code -Dnetspec.updateGolden=true} and review the diff.
 */
class RendererGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/report/golden");

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void matchesGoldenFile(ReportFormat format) throws IOException {
        String actual = format.renderer().render(ReportFixtures.result(), ReportFixtures.CONTEXT);
        Path golden = GOLDEN.resolve("check." + extension(format));
        if (Boolean.getBoolean("netspec.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static String extension(ReportFormat format) {
        return switch (format) {
            case TEXT -> "txt";
            case JSON -> "json";
            case JUNIT -> "xml";
            case SARIF -> "sarif";
            case GITHUB -> "github.txt";
            case MARKDOWN -> "md";
        };
    }
}
