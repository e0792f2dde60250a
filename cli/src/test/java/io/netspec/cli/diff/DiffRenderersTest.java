package io.netspec.cli.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.ReachDiff;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.report.Ansi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every format of {@code netspec diff} against its golden file: a change that isolates the database
 * (connections removed), adds a cache workload and a connection to it (with evidence, as
 * {@code --explain} gives it). To accept a deliberate change, run once with
 * {@code -Dnetspec.updateGolden=true} and review the diff.
 */
class DiffRenderersTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/diff");

    private static final String BEFORE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec: {template: {metadata: {labels: {app: db}}}}
            """;

    private static final String AFTER = BEFORE + """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache, namespace: shop}
            spec: {template: {metadata: {labels: {app: cache}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 5432}]
            """;

    private static ReachDiff.Result diff() {
        ManifestLoader loader = new ManifestLoader(LoadOptions.DEFAULTS);
        LoadResult before = loader.loadString(BEFORE, "old/shop.yaml");
        LoadResult after = loader.loadString(AFTER, "new/shop.yaml");
        assertThat(before.hasErrors() || after.hasErrors()).isFalse();
        return ReachDiff.of(ConnectivityAnalysis.of(before.cluster()), ConnectivityAnalysis.of(after.cluster()));
    }

    private static List<DiffLine> lines(ReachDiff.Result result) {
        List<DiffLine> out = new ArrayList<>();
        for (ReachDiff.Line line : result.lines()) {
            boolean first = out.stream().noneMatch(l -> l.line().change() == ReachDiff.Change.ADDED)
                    && line.change() == ReachDiff.Change.ADDED;
            out.add(new DiffLine(
                    line,
                    first
                            ? List.of(
                                    "allowed: source shop/web is not isolated for egress",
                                    "allowed by | a <rule> | with markup (new/shop.yaml:20)")
                            : List.of()));
        }
        return out;
    }

    @Test
    void text() throws IOException {
        ReachDiff.Result result = diff();
        assertGolden("diff.txt", DiffRenderers.text(result.workloads(), lines(result), Ansi.PLAIN));
    }

    @Test
    void textInColourMarksTheSigns() {
        ReachDiff.Result result = diff();
        assertThat(DiffRenderers.text(result.workloads(), lines(result), Ansi.COLOR))
                .contains(Ansi.COLOR.green("+") + " workload shop/cache[Deployment]")
                .contains(Ansi.COLOR.red("-") + " ");
    }

    @Test
    void json() throws IOException {
        ReachDiff.Result result = diff();
        assertGolden("diff.json", DiffRenderers.json(result.workloads(), lines(result)));
    }

    @Test
    void markdown() throws IOException {
        ReachDiff.Result result = diff();
        assertGolden("diff.md", DiffRenderers.markdown(result.workloads(), lines(result)));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("netspec.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
