package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code netspec inventory} reads every case of both shared conformance corpora without an error
 * (exit 0, no {@code error} line on stderr). The corpora sit at {@code ../shared/conformance}
 * beside the repository, or where {@code -Dnetspec.conformance} says; required when {@code CI=true}.
 */
class InventoryCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseLoadsWithoutAnError() throws IOException {
        Path root = corpusRoot();
        List<Path> cases;
        try (Stream<Path> corpora = Stream.of("netpol-analyzer", "k8s-e2e").map(root::resolve);
                Stream<Path> all = corpora.flatMap(InventoryCorpusTest::list)) {
            cases = all.filter(c -> Files.isDirectory(c.resolve("manifests")))
                    .sorted()
                    .toList();
        }
        assertThat(cases).as("cases in %s", root).hasSizeGreaterThan(150);
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.getParent().getFileName() + "/" + c.getFileName(), () -> {
                    MainTest.Run r = run("inventory", c.resolve("manifests").toString());
                    assertThat(r.exit()).as(r.err()).isZero();
                    assertThat(r.err().lines().filter(l -> !l.contains(": warning: ")))
                            .as(r.err())
                            .isEmpty();
                    assertThat(r.out()).contains("Workloads (");
                }));
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path corpusRoot() {
        String override = System.getProperty("netspec.conformance");
        Path corpus = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolveSibling("shared")
                        .resolve("conformance");
        if (!Files.isDirectory(corpus)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("conformance corpus not found at " + corpus + " (CI=true requires it)");
            }
            assumeTrue(false, "conformance corpus absent at " + corpus + "; set -Dnetspec.conformance=DIR");
        }
        return corpus;
    }
}
