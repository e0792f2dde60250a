package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.NamespaceFact;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile YAML text (issue 16, loading): the line breaks YAML knows beside {@code \n}, control characters,
 * limits that must count per document, aliases to large scalars, very long scalars. Each case: the error
 * is on the right line and the good documents on both sides are read.
 */
class HostileYamlTest {

    private static String namespace(String name) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
    }

    private static LoadResult load(String text) {
        return new ManifestLoader(LoadOptions.DEFAULTS, 1).loadString(text, "f.yaml");
    }

    private static List<String> names(LoadResult r) {
        return r.cluster().namespaces().stream()
                .filter(NamespaceFact::declared)
                .map(NamespaceFact::name)
                .toList();
    }

    /** CR alone, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR end a line in YAML 1.1 as SnakeYAML reads it. */
    @ParameterizedTest
    @ValueSource(strings = {"\r", "\u0085", "\u2028", "\u2029"})
    void yamlLineBreaksPlaceTheErrorAndKeepBothNeighbours(String lineBreak) {
        String text = namespace("before") // lines 1-4
                + "---\n" // 5
                + "kind: Namespace" + lineBreak // 6
                + "metadata:" + lineBreak // 7
                + "  name: [unclosed" + lineBreak // 8
                + "  labels: {a: b}" + lineBreak // 9
                + "---\n" // 10
                + namespace("after") // 11-14
                + "---\n" // 15
                + namespace("BAD_NAME"); // 16-19
        LoadResult r = load(text);
        assertThat(r.problems())
                .extracting(LoadProblem::toString)
                .satisfiesExactly(
                        e -> assertThat(e).startsWith("f.yaml:9: invalid YAML: while parsing a flow sequence"),
                        w -> assertThat(w).startsWith("f.yaml:19: warning: metadata.name: invalid"));
        assertThat(names(r)).containsExactlyInAnyOrder("BAD_NAME", "after", "before");
    }

    @Test
    void lineBreaksYamlKnowsNumberTheLinesOfLaterDocuments() {
        String text = namespace("a").replace("\n", "\u2028") + "---\r" + namespace("b") + "---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: BAD_NAME\n";
        LoadResult r = load(text);
        assertThat(r.problems())
                .extracting(LoadProblem::toString)
                .singleElement()
                .satisfies(e -> assertThat(e).startsWith("f.yaml:14: warning: metadata.name: invalid"));
    }

    @Test
    void nulByteIsReportedOnItsLineAndTheDocumentsAroundItAreRead() {
        String text = namespace("before") + "---\n" + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\u0000y\n"
                + "---\n" + namespace("after");
        LoadResult r = load(text);
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly(
                        "f.yaml:9: control character U+0000 is not allowed in YAML; this document is not read");
        assertThat(names(r)).containsExactlyInAnyOrder("after", "before");
    }

    @Test
    void escapeAndOtherControlCharactersAreNamedByCodePoint() {
        LoadResult r = load(namespace("a") + "---\nkind: x\u001b[31m\n");
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly(
                        "f.yaml:6: control character U+001B is not allowed in YAML; this document is not read");
    }

    @Test
    void theAliasLimitCountsPerDocumentNotPerFile() {
        String doc = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n%d\n  labels: &l {a: b}\n"
                + "  annotations: *l\nspec: {x: *l}\n";
        String text = IntStream.range(0, 60).mapToObj(doc::formatted).collect(Collectors.joining("---\n"));
        LoadResult r = load(text);
        assertThat(r.problems()).isEmpty();
        assertThat(names(r)).hasSize(60);
    }

    @Test
    void manyBadDocumentsDoNotDropTheGoodOnesAfterThem() {
        String text = "a: [\n---\n".repeat(60) + namespace("last");
        LoadResult r = load(text);
        assertThat(names(r)).containsExactlyInAnyOrder("last");
        List<String> errors = r.errors().stream().map(LoadProblem::toString).toList();
        assertThat(errors).hasSize(51);
        assertThat(errors.get(0)).startsWith("f.yaml:2: invalid YAML");
        assertThat(errors.get(50)).isEqualTo("f.yaml:102: 10 more documents with YAML syntax errors are not listed");
    }

    @Test
    @Timeout(30) // a safety net: expanding would exhaust memory, not a measurement
    void aliasesToALargeScalarAreBoundedByTheCharactersTheyExpandTo() {
        String big = "x".repeat(1_000_000);
        String aliases =
                IntStream.range(0, 2000).mapToObj(i -> "  k" + i + ": *big\n").collect(Collectors.joining());
        String text = namespace("before") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
                + "  annotations:\n    a: &big " + big + "\ndata:\n" + aliases + "---\n" + namespace("after");
        LoadResult r = load(text);
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .startsWith("f.yaml:6: aliases expand this document to more than")
                        .contains("characters"));
        assertThat(r.cluster().configMaps()).isEmpty();
        assertThat(names(r)).containsExactlyInAnyOrder("after", "before");
    }

    @Test
    void afewAliasesToAScalarAreFine() {
        String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {a: &v value}\n"
                + "data: {x: *v, y: *v}\n";
        assertThat(load(text).problems()).isEmpty();
    }

    /**
     * A guard against quadratic scanning (SnakeYAML's reader copies its whole window for every 1,024 characters
     * of a token it looks ahead in): 8 M characters took over a minute that way. Not a measurement.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "\"double\"", "'single'", "|-\n    block"})
    @Timeout(30)
    void aLongScalarIsReadInLinearTime(String style) {
        String value = "x".repeat(8_000_000);
        String scalar = style.replace("plain", value)
                .replace("double", value)
                .replace("single", value)
                .replace("block", value);
        String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  big: " + scalar + "\n---\n"
                + namespace("after");
        LoadResult r = load(text);
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().configMaps())
                .singleElement()
                .satisfies(c -> assertThat(c.data().get("big")).hasSize(8_000_000));
        assertThat(names(r)).containsExactlyInAnyOrder("after");
    }

    @Test
    void directivesBeforeADocumentMarkerStayWithTheirDocument() {
        String text = namespace("a") + "...\n%YAML 1.1\n---\n" + namespace("b");
        LoadResult r = load(text);
        assertThat(r.problems()).isEmpty();
        assertThat(names(r)).containsExactlyInAnyOrder("a", "b");
    }
}
