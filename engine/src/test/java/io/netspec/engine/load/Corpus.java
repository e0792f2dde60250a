package io.netspec.engine.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the shared conformance corpora: {@code ../shared/conformance} beside the repository root
 * (the folder holding the parent pom), or the folder named by {@code -Dnetspec.conformance}.
 */
final class Corpus {

    private Corpus() {}

    static Optional<Path> root() {
        String override = System.getProperty("netspec.conformance");
        if (override != null && !override.isBlank()) {
            Path p = Paths.get(override);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("engine"))) {
                Path corpus = dir.resolveSibling("shared").resolve("conformance");
                return Files.isDirectory(corpus) ? Optional.of(corpus) : Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    static boolean required() {
        return "true".equals(System.getenv("CI"));
    }
}
