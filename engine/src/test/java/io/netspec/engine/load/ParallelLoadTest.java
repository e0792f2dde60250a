package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read in parallel give exactly what a sequential read gives: the same facts and the same
 * problems in the same order (path order, then document order), including what only the merge
 * can see: objects defined again in a later file, and pods of one owner spread over files.
 */
class ParallelLoadTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeCluster() throws IOException {
        for (int i = 0; i < 40; i++) {
            String ns = "team-" + (i % 3);
            StringBuilder y = new StringBuilder();
            y.append("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
                    .append(ns)
                    .append(", labels: {team: t")
                    .append(i % 3)
                    .append("}}\n---\n");
            // the same Deployment in every third file: "defined again" warnings naming the first file
            y.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ")
                    .append(ns)
                    .append("}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n")
                    .append("    metadata: {labels: {app: web, version: v")
                    .append(i)
                    .append("}}\n")
                    .append(
                            "    spec: {containers: [{name: main, ports: [{name: http, containerPort: 8080}]}]}\n---\n");
            // pods of one ReplicaSet spread over the files, with differing labels: warnings at the merge
            y.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: rs-pod-")
                    .append(i)
                    .append("\n  namespace: shared\n")
                    .append("  labels: {app: api, pod: p")
                    .append(i % 2)
                    .append("}\n")
                    .append("  ownerReferences: [{kind: ReplicaSet, name: api-rs, controller: true}]\n")
                    .append("spec: {containers: [{name: c}]}\n---\n");
            if (i % 4 == 0) {
                y.append("apiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: ")
                        .append(ns)
                        .append("}\nspec: {selector: {app: \"-bad-\"}, ports: [{port: 80}]}\n---\n");
            }
            if (i % 5 == 0) {
                y.append("just: a mapping\n---\n");
                y.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [broken\n---\n");
            }
            y.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-")
                    .append(i)
                    .append(", namespace: ")
                    .append(ns)
                    .append(", labels: {Bad Key: x}}\n");
            Path file = dir.resolve("sub" + (i % 4)).resolve(String.format("f%02d.yaml", i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, y.toString());
        }
        Files.writeString(
                dir.resolve("sub0/z.json"),
                "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"json-pod\", \"namespace\": \"team-0\","
                        + " \"labels\": {\"app\": \"web\"}}}");
    }

    private LoadResult load(int threads) {
        return new ManifestLoader(LoadOptions.DEFAULTS, threads)
                .load(List.of(dir), new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void parallelReadsGiveTheSequentialResult() {
        LoadResult sequential = load(1);
        assertThat(sequential.problems()).hasSizeGreaterThan(60);
        assertThat(sequential.problems())
                .anyMatch(p -> p.message().contains("is defined again"))
                .anyMatch(p -> p.message().contains("invalid label value"))
                .anyMatch(p -> p.message().contains("invalid label key"))
                .anyMatch(p -> p.message().startsWith("invalid YAML"))
                .anyMatch(p -> p.message().startsWith("document skipped"))
                .anyMatch(p -> p.message().contains("the first pod's labels are used"));
        for (int threads : new int[] {2, 3, 8}) {
            LoadResult parallel = load(threads);
            assertThat(parallel.problems()).as("%d threads", threads).containsExactlyElementsOf(sequential.problems());
            assertThat(parallel.cluster()).as("%d threads", threads).isEqualTo(sequential.cluster());
        }
    }

    @Test
    void problemsFollowPathOrder() {
        List<Path> reading = new ArrayList<>();
        for (LoadProblem p : load(2).problems()) {
            if (!p.message().startsWith("pod ")) { // owned pods are compared once all files are in: they come last
                reading.add(Path.of(p.source().file()));
            }
        }
        // within a file, problems come in reading order (a field's problem before its object's): the same
        // order as a sequential read, which parallelReadsGiveTheSequentialResult checks
        assertThat(reading).isSorted();
        assertThat(reading.get(0)).endsWith(Path.of("sub0", "f00.yaml"));
    }

    @Test
    void theLaterDefinitionWinsAndTheWarningNamesTheFirst() {
        LoadResult r = load(2);
        Workload web = r.cluster().workloads().stream()
                .filter(w -> w.id().equals("team-0/web[Deployment]"))
                .findFirst()
                .orElseThrow();
        assertThat(web.podLabels()).containsEntry("version", "v39"); // f39 is the last file of team-0
        assertThat(r.problems())
                .filteredOn(p -> p.message().startsWith("Deployment team-0/web is defined again"))
                .hasSize(13)
                .allMatch(p -> p.message().contains("sub0/f00.yaml:5"));
    }

    @Test
    void labelStringsAreSharedAcrossFiles() {
        List<Workload> workloads = load(2).cluster().workloads();
        Workload first = workloads.get(0);
        Workload last = workloads.get(workloads.size() - 1);
        assertThat(first.podLabels()).containsKey("app");
        assertThat(last.podLabels()).containsKey("app");
        String firstKey = first.podLabels().keySet().stream()
                .filter("app"::equals)
                .findFirst()
                .orElseThrow();
        String lastKey = last.podLabels().keySet().stream()
                .filter("app"::equals)
                .findFirst()
                .orElseThrow();
        assertThat(lastKey).isSameAs(firstKey);
        assertThat(last.namespace()).isNotEqualTo("default");
    }

    @Test
    void standardInputKeepsItsPlaceAmongTheInputs() throws IOException {
        Path later =
                Files.writeString(dir.resolve("later.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: 'Later'}\n");
        byte[] stdin = "apiVersion: v1\nkind: Pod\nmetadata: {name: 'From_Stdin'}\n".getBytes(StandardCharsets.UTF_8);
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS, 2)
                .load(List.of(dir.resolve("sub1"), Path.of("-"), later), new ByteArrayInputStream(stdin));
        List<String> files =
                r.problems().stream().map(p -> p.source().file()).distinct().toList();
        assertThat(files).last().isEqualTo(later.toString());
        assertThat(files.get(files.size() - 2)).isEqualTo(ManifestLoader.STDIN);
        assertThat(files.get(0)).contains("sub1");
    }
}
