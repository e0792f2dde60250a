package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netspec.engine.model.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of the shared conformance corpora loads with no ERROR, and the workloads found are
 * those the expected output names.
 */
class ConformanceLoadTest {

    private static final Pattern WORKLOAD = Pattern.compile("([A-Za-z0-9.\\-_]+/[A-Za-z0-9.\\-_]+)\\[([A-Za-z]+)]");
    private static final Pattern E2E_POD = Pattern.compile("^(\\S+/\\S+) -> (\\S+/\\S+) ");

    @TestFactory
    Stream<DynamicTest> netpolAnalyzerCases() throws IOException {
        return cases("netpol-analyzer").stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    LoadResult result = load(dir);
                    Set<String> ids = result.cluster().workloads().stream()
                            .map(Workload::id)
                            .collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expected = new TreeSet<>();
                    Matcher m = WORKLOAD.matcher(Files.readString(dir.resolve("expected.txt")));
                    while (m.find()) {
                        expected.add(m.group(1) + "[" + m.group(2) + "]");
                    }
                    assertThat(ids).as("workload ids of %s", dir).containsAll(expected);
                }));
    }

    @TestFactory
    Stream<DynamicTest> k8sE2eCases() throws IOException {
        return cases("k8s-e2e").stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    LoadResult result = load(dir);
                    Set<String> pods = result.cluster().workloads().stream()
                            .filter(w -> w.kind().equals("Pod"))
                            .map(w -> w.namespace() + "/" + w.name())
                            .collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expected = new TreeSet<>();
                    for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
                        Matcher m = E2E_POD.matcher(line);
                        if (m.find()) {
                            expected.add(m.group(1));
                            expected.add(m.group(2));
                        }
                    }
                    assertThat(expected).as("pods named in expected.txt").isNotEmpty();
                    assertThat(pods).as("pods of %s", dir).isEqualTo(expected);
                    assertThat(result.cluster().namespaces())
                            .extracting(n -> n.labels().get("ns"))
                            .containsExactlyInAnyOrder("x", "y", "z");
                }));
    }

    /**
     * The corpora load without errors. Their only name problems are NetworkPolicy names with '_',
     * which the API server rejects and netpol-analyzer reads: warnings here. Case name to those names.
     */
    private static final Map<String, List<String>> INVALID_NAMES = Map.of(
            "example_pods_w_same_owner_and_labels_gap_with_good_match_expression",
            List.of("use_common_labels_same_values"),
            "example_pods_w_same_owner_and_labels_gap_with_good_match_expression2",
            List.of("use_match_exp_with_all_gap_values_of_app"),
            "example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap",
            List.of("use_common_labels_same_values"));

    private static LoadResult load(Path caseDir) {
        LoadResult result = new ManifestLoader().load(List.of(caseDir.resolve("manifests")), InputStreamNone.INSTANCE);
        List<String> invalid = INVALID_NAMES.getOrDefault(caseDir.getFileName().toString(), List.of());
        assertThat(result.errors()).as("load errors of %s", caseDir).isEmpty();
        assertThat(result.problems().stream().filter(LoadProblem::isInvalidName).toList())
                .as("name warnings of %s", caseDir)
                .allSatisfy(w -> {
                    assertThat(w.isError()).isFalse();
                    assertThat(w.message()).startsWith("metadata.name: invalid NetworkPolicy name \"");
                })
                .extracting(w -> w.message().split("\"")[1])
                .containsExactlyElementsOf(invalid);
        assertThat(result.cluster().workloads()).as("workloads of %s", caseDir).isNotEmpty();
        return result;
    }

    private static List<Path> cases(String corpus) throws IOException {
        var root = Corpus.root();
        if (root.isEmpty() && Corpus.required()) {
            fail("conformance corpus not found (expected ../shared/conformance beside the repository, or"
                    + " -Dnetspec.conformance=DIR) and CI=true");
        }
        assumeTrue(
                root.isPresent(),
                "conformance corpus absent: ../shared/conformance not found beside the"
                        + " repository root and -Dnetspec.conformance not set; skipping the conformance load test");
        Path dir = root.get().resolve(corpus);
        assertThat(dir).as("corpus folder").isDirectory();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> Files.isDirectory(p.resolve("manifests")))
                    .sorted()
                    .toList());
            assertThat(out).as("cases in %s", dir).isNotEmpty();
            return out;
        }
    }

    /** Stdin is never read by these loads. */
    private static final class InputStreamNone extends InputStream {
        static final InputStreamNone INSTANCE = new InputStreamNone();

        @Override
        public int read() {
            throw new AssertionError("stdin must not be read");
        }
    }
}
