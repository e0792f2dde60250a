package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, folders, stdin, JSON, multi-document YAML and lists. */
class InputsTest {

    private static final String POD =
            "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec: {containers: [{name: c}]}\n";

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static LoadResult load(List<Path> paths) {
        return new ManifestLoader().load(paths, new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void foldersAreReadRecursivelyInPathOrderAndOnlyManifestExtensions() throws IOException {
        write("b/z.yaml", POD.formatted("pz"));
        write("a/deep/y.yml", POD.formatted("py"));
        write("a/x.json", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"px\"}}");
        write("a/readme.md", "# not a manifest");
        write("a/notes.txt", POD.formatted("ignored"));
        LoadResult r = load(List.of(dir));
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().workloads()).extracting(Workload::name).containsExactly("py", "px", "pz");
        assertThat(r.cluster().workloads().get(0).source())
                .isEqualTo(new SourceRef(dir.resolve("a/deep/y.yml").toString(), 1));
    }

    @Test
    void anExplicitFileIsReadWhateverItsExtension() throws IOException {
        Path txt = write("pods.txt", POD.formatted("t"));
        assertThat(load(List.of(txt)).cluster().workloads())
                .extracting(Workload::name)
                .containsExactly("t");
    }

    @Test
    void aMissingPathIsAnErrorNamingIt() throws IOException {
        Path good = write("good.yaml", POD.formatted("g"));
        Path missing = dir.resolve("nope.yaml");
        LoadResult r = load(List.of(missing, good));
        assertThat(r.errors())
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).isEqualTo(missing + ": no such file or folder"));
        assertThat(r.cluster().workloads()).extracting(Workload::name).containsExactly("g");
    }

    @Test
    void dashReadsStdinNamedStdin() {
        byte[] in = ("---\n" + POD.formatted("from-stdin")).getBytes(StandardCharsets.UTF_8);
        LoadResult r = new ManifestLoader().load(List.of(Path.of("-")), new ByteArrayInputStream(in));
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("from-stdin");
            assertThat(w.source()).isEqualTo(new SourceRef("<stdin>", 2));
        });
    }

    @Test
    void stdinJsonIsRecognisedByItsFirstCharacter() {
        byte[] in = "\n  {\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"j\"}}"
                .getBytes(StandardCharsets.UTF_8);
        LoadResult r = new ManifestLoader().load(List.of(Path.of("-")), new ByteArrayInputStream(in));
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().namespace("j"))
                .hasValueSatisfying(ns -> assertThat(ns.source().line()).isEqualTo(2));
    }

    @Test
    void multiDocumentYamlWithEmptyDocumentsAndHelmComments() {
        LoadResult r =
                new ManifestLoader().loadString("""
                ---
                # Source: chart/templates/a.yaml
                ---
                %s---
                # Source: chart/templates/empty.yaml
                ---
                %s...
                """.formatted(POD.formatted("a"), POD.formatted("b")), "helm.yaml");
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().workloads())
                .extracting(w -> w.name() + "@" + w.source().line())
                .containsExactly("a@4", "b@11");
    }

    @Test
    void jsonWithTabsAndLinesOfEveryObject() throws IOException {
        Path json = write("list.json", """
                {
                \t"apiVersion": "v1",
                \t"kind": "List",
                \t"items": [
                \t\t{
                \t\t\t"apiVersion": "v1",
                \t\t\t"kind": "Service",
                \t\t\t"metadata": {"name": "svc\\u002da", "namespace": "shop"},
                \t\t\t"spec": {"ports": [{"port": 80}]}
                \t\t},
                \t\t{
                \t\t\t"apiVersion": "v1",
                \t\t\t"kind": "Pod",
                \t\t\t"metadata": {"name": "p", "labels": {"app": "web"}}
                \t\t}
                \t]
                }
                """);
        LoadResult r = load(List.of(json));
        assertThat(r.errors()).isEmpty();
        assertThat(r.cluster().services()).singleElement().satisfies(s -> {
            assertThat(s.name()).as("JSON escapes decoded").isEqualTo("svc-a");
            assertThat(s.source().line()).isEqualTo(5);
        });
        assertThat(r.cluster().workloads()).singleElement().satisfies(w -> {
            assertThat(w.podLabels()).containsEntry("app", "web");
            assertThat(w.source().line()).isEqualTo(11);
        });
    }

    @Test
    void typedListItemsTakeTheListsKind() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicyList
                items:
                - metadata: {name: a, namespace: x}
                  spec: {podSelector: {}}
                - metadata: {name: b, namespace: x}
                  spec: {podSelector: {}}
                ---
                apiVersion: v1
                kind: NamespaceList
                items:
                - metadata: {name: x, labels: {env: prod}}
                ---
                apiVersion: v1
                kind: PodList
                items:
                - metadata: {name: p, namespace: x}
                  spec: {containers: [{name: c}]}
                - kind: Service
                  apiVersion: v1
                  metadata: {name: s, namespace: x}
                """, "lists.yaml");
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().policies())
                .extracting(p -> p.name() + "@" + p.source().line())
                .containsExactly("a@4", "b@6");
        assertThat(r.cluster().namespace("x")).hasValueSatisfying(ns -> {
            assertThat(ns.declared()).isTrue();
            assertThat(ns.labels()).containsEntry("env", "prod");
        });
        assertThat(r.cluster().workloads()).extracting(Workload::id).containsExactly("x/p[Pod]");
        assertThat(r.cluster().services()).extracting(s -> s.name()).containsExactly("s");
    }

    @Test
    void itemsOfAPlainListNeedTheirOwnKind() {
        LoadResult r = new ManifestLoader().loadString("""
                apiVersion: v1
                kind: List
                items:
                - metadata: {name: lost}
                - apiVersion: v1
                  kind: Namespace
                  metadata: {name: kept}
                """, "list.yaml");
        assertThat(r.errors()).extracting(LoadProblem::toString).containsExactly("list.yaml:4: object has no kind");
        assertThat(r.cluster().namespace("kept")).isPresent();
    }

    @Test
    void anEmptyFolderIsAWarningAndNoManifestsAtAllAnError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        LoadResult r = load(List.of(empty));
        assertThat(r.problems())
                .extracting(LoadProblem::message)
                .containsExactly(
                        "no .yaml, .yml or .json files in this folder", "no Kubernetes manifests found in " + empty);
        assertThat(r.errors()).hasSize(1);
    }
}
