package io.netspec.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterGeneratorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneFilePerNamespaceAndASummary() throws Exception {
        Path out = tmp.resolve("s");
        String summary = ClusterGenerator.run("--size", "s", "--seed", "3", "--out", out.toString());

        assertThat(summary).contains("workloads=50", "policies=20", "seed=3");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("0000-kube-system.yaml", "0001-monitoring.yaml", GeneratedCluster.SUMMARY_FILE)
                    .hasSize(4 + 2 + 1);
        }
        assertThat(Files.readString(out.resolve(GeneratedCluster.SUMMARY_FILE)))
                .isEqualTo(ClusterGenerator.generate(ClusterShape.Size.S, 3).summary() + "\n");
    }

    @Test
    void refusesAFolderWithOtherFilesAndReplacesGeneratedOnesWithForce() throws Exception {
        Path out = tmp.resolve("c");
        ClusterGenerator.run("--workloads", "40", "--policies", "10", "--namespaces", "3", "--out", out.toString());

        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S", "--out", out.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty");
        assertThat(ClusterGenerator.run("--size", "S", "--out", out.toString(), "--force"))
                .contains("workloads=50");
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(4 + 2 + 1);
        }

        Files.writeString(out.resolve("notes.md"), "mine");
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S", "--out", out.toString(), "--force"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.md");
    }

    @Test
    void reuseKeepsAMatchingFolderAndRewritesAStaleOne() throws Exception {
        Path out = tmp.resolve("r");
        assertThat(ClusterGenerator.run("--size", "S", "--out", out.toString(), "--reuse"))
                .endsWith("(written)");
        Path file = out.resolve("0002-payments-prod.yaml");
        long modified = Files.getLastModifiedTime(file).toMillis();
        assertThat(ClusterGenerator.run("--size", "S", "--out", out.toString(), "--reuse"))
                .endsWith("(reused)");
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);

        assertThat(ClusterGenerator.run("--size", "S", "--seed", "9", "--out", out.toString(), "--reuse"))
                .endsWith("(written)");
        assertThat(Files.readString(out.resolve(GeneratedCluster.SUMMARY_FILE))).startsWith("seed=9 ");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "XXXL", "--out", "x"))
                .hasMessageContaining("unknown size 'XXXL'");
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S", "--mix", "admin,istio", "--out", "x"))
                .hasMessageContaining("unknown --mix layer 'istio'");
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S", "--mix", "calico,cilium", "--out", "x"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S")).hasMessageContaining("--out DIR is required");
        assertThatThrownBy(() -> ClusterGenerator.run("--workloads", "lots", "--out", "x"))
                .hasMessageContaining("--workloads needs a whole number");
        assertThatThrownBy(() -> ClusterGenerator.run("--size", "S", "--policies", "3", "--out", "x"))
                .hasMessageContaining("not both");
    }
}
