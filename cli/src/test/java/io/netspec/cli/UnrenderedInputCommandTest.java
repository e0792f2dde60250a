package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kustomize tree is an error naming the command; --render runs kubectl kustomize when it is on the PATH. */
class UnrenderedInputCommandTest {

    private static void kustomization(Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: shop
                resources: [deployment.yaml]
                """);
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: api, image: api:1}]}
                """);
    }

    @Test
    void aKustomizeTreeIsAnErrorNamingTheCommand(@TempDir Path dir) throws Exception {
        kustomization(dir);
        MainTest.Run r = MainTest.run("inventory", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(dir.resolve("kustomization.yaml") + ":1: a kustomize source tree, not rendered manifests")
                .contains("kubectl kustomize " + dir);
    }

    @Test
    void renderRunsKubectlKustomize(@TempDir Path dir) throws Exception {
        assumeTrue(
                Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(p -> Files.isExecutable(Path.of(p, "kubectl"))),
                "kubectl is not on the PATH");
        kustomization(dir);
        MainTest.Run r = MainTest.run("inventory", "--render", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("netspec: rendered " + dir + " with `kubectl kustomize " + dir + "`");
        // findings name lines of the rendered file, so it is kept for the user to open
        Matcher kept = Pattern.compile("findings point into (\\S+) \\(kept; delete it when done\\)")
                .matcher(r.err());
        assertThat(kept.find()).as(r.err()).isTrue();
        Path rendered = Path.of(kept.group(1));
        assertThat(Files.readString(rendered)).contains("kind: Deployment");
        Files.delete(rendered);
        assertThat(r.out()).contains("Workloads (1)").contains("shop       no (implicit)");
    }
}
