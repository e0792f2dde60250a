package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnrenderedInputTest {

    @Test
    void aHelmChartIsAnErrorNamingHelmTemplateAndIsNotReadFileByFile(@TempDir Path dir) throws IOException {
        Path chart = Files.createDirectories(dir.resolve("charts/shop"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "shop.fullname" . }}
                """);
        Files.writeString(dir.resolve("plain.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");

        LoadResult r = new ManifestLoader().load(List.of(dir));
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .singleElement()
                .asString()
                .contains("Chart.yaml:1: a Helm chart, not rendered manifests")
                .contains("helm template RELEASE " + chart + " --namespace NAMESPACE > shop.rendered.yaml");
        assertThat(r.cluster().namespaces()).extracting(n -> n.name()).containsExactly("shop");
    }

    @Test
    void aKustomizationIsAnErrorNamingKubectlKustomize(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [deployment.yaml]\nnamespace: shop\n");
        Files.writeString(dir.resolve("deployment.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");

        LoadResult r = new ManifestLoader().load(List.of(dir));
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .anySatisfy(e -> assertThat(e)
                        .contains("kustomization.yaml:1: a kustomize source tree, not rendered manifests")
                        .contains("kubectl kustomize " + dir + " > ")
                        .contains("--render"));
        assertThat(r.cluster().namespaces()).as("no silent partial read").isEmpty();
        LoadResult single = new ManifestLoader().load(List.of(dir.resolve("kustomization.yaml")));
        assertThat(single.errors()).isNotEmpty();
    }

    @Test
    void nestedTreesAreOneErrorForTheOutermost(@TempDir Path dir) throws IOException {
        // an overlay with its bases and components below it, and a second, separate tree beside it
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("kustomization.yaml"), "resources: [base]\ncomponents: [components/np]\n");
        for (String nested : List.of("base", "components/np", "components/np/chart")) {
            Files.createDirectories(app.resolve(nested));
        }
        Files.writeString(app.resolve("base/kustomization.yaml"), "resources: []\n");
        Files.writeString(app.resolve("components/np/kustomization.yaml"), "kind: Component\n");
        Files.writeString(app.resolve("components/np/chart/Chart.yaml"), "apiVersion: v2\nname: np\n");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("kustomization.yaml"), "resources: []\n");

        LoadResult r = new ManifestLoader().load(List.of(dir));
        assertThat(r.errors())
                .extracting(e -> e.source().file())
                .containsExactlyInAnyOrder(
                        app.resolve("kustomization.yaml").toString(),
                        other.resolve("kustomization.yaml").toString());
    }
}
