package io.netspec.features.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs specs through {@link SpecRunner} and keeps what they printed, for assertions. */
record Specs(SpecRunner.Result result, String out, String err) {

    /** The repository's {@code examples/} folder, from the module directory tests run in. */
    static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no examples/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples");
    }

    static Specs run(SpecRunner.Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SpecRunner.Result result = SpecRunner.run(
                options,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Specs(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes a feature file into {@code dir} and runs it. */
    static Specs feature(Path dir, String gherkin) throws IOException {
        Path file = dir.resolve("spec.feature");
        Files.writeString(file, gherkin);
        return run(SpecRunner.Options.of(List.of(file)));
    }
}
