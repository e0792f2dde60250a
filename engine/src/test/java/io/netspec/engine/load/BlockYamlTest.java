package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fast block-YAML path composes exactly the tree SnakeYAML composes (types, tags, values, styles, marks), and
 * hands everything else to SnakeYAML: whole files of the repository, the conformance corpora and generated clusters
 * parse the same with and without it, problems included, and so do random documents in and around the subset.
 * More folders: {@code -Dnetspec.blockyaml.dirs=DIR:DIR} (a generated XXL cluster, say).
 */
class BlockYamlTest {

    /** Files and how many of their documents the fast path composed. */
    private record Coverage(int files, int slices, int fast) {}

    @Test
    void everyYamlFileOfTheRepositoryAndTheCorporaParsesTheSameOnBothPaths() throws IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(repositoryRoot());
        Corpus.root().ifPresent(roots::add);
        String extra = System.getProperty("netspec.blockyaml.dirs", "");
        for (String dir : extra.split(":")) {
            if (!dir.isBlank()) {
                roots.add(Paths.get(dir));
            }
        }
        List<String> differences = new ArrayList<>();
        int files = 0;
        int slices = 0;
        int fast = 0;
        for (Path root : roots) {
            for (Path file : yamlFiles(root)) {
                Coverage c = compare(file, differences);
                files += c.files();
                slices += c.slices();
                fast += c.fast();
            }
        }
        System.out.printf("BlockYamlTest: %d files, %d documents, %d composed by the fast path%n", files, slices, fast);
        assertThat(differences).as("files whose trees differ").isEmpty();
        assertThat(files).isGreaterThan(500);
        // the manifests here are mostly block style: most documents go the fast way (else the test tests little)
        assertThat(fast).isGreaterThan(slices / 2);
    }

    @Test
    void theGeneratorsOutputIsAllInTheSubset() throws IOException {
        List<String> differences = new ArrayList<>();
        List<Path> files = yamlFiles(Paths.get("src/test/resources/load/blockyaml"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            Coverage c = compare(file, differences);
            assertThat(c.fast()).as(file.toString()).isEqualTo(c.slices());
        }
        assertThat(differences).isEmpty();
    }

    private static Coverage compare(Path file, List<String> differences) throws IOException {
        String text;
        try {
            text = TextFiles.utf8(Files.readAllBytes(file));
        } catch (TextFiles.TextFileException e) {
            return new Coverage(0, 0, 0); // not UTF-8: never parsed
        }
        if (DocumentParser.looksLikeJson(text)) {
            return new Coverage(0, 0, 0);
        }
        String name = file.toString();
        YamlTrees.difference(YamlTrees.parse(text, name, false), YamlTrees.parse(text, name, true))
                .ifPresent(d -> differences.add(name + ": " + d));
        int slices = 0;
        int fast = 0;
        for (YamlDocuments.Slice slice : YamlDocuments.split(text)) {
            slices++;
            BlockYaml.Composed composed = BlockYaml.compose(text, slice, name, new PlainScalarResolver(), 100);
            if (composed != null) {
                fast++;
                checksAgree(composed, name).ifPresent(d -> differences.add(name + ": " + d));
            }
        }
        return new Coverage(1, slices, fast);
    }

    private static List<Path> yamlFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (!(Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("engine")))) {
            dir = dir.getParent();
        }
        return dir;
    }

    // --- the subset, and what falls back

    /** The documents of the fast path, or null when it leaves any slice of {@code text} to SnakeYAML. */
    private static List<Node> fast(String text) {
        List<Node> docs = new ArrayList<>();
        for (YamlDocuments.Slice slice : YamlDocuments.split(text)) {
            BlockYaml.Composed composed = BlockYaml.compose(text, slice, "f.yaml", new PlainScalarResolver(), 100);
            if (composed == null) {
                return null;
            }
            docs.addAll(composed.documents());
        }
        return docs;
    }

    @Test
    void composesAManifestWithTheMarksSnakeYamlGives() {
        String text = """
                # a comment
                ---
                apiVersion: v1   # trailing
                kind: Service
                metadata:
                  name: 'it''s'
                  labels: {}
                spec:
                  ports:
                  - port: 80
                    name: "http"
                  selector:
                empty: []
                """;
        List<Node> docs = fast(text);
        assertThat(docs).hasSize(1);
        MappingNode root = (MappingNode) docs.get(0);
        assertThat(root.getStartMark().getLine()).isEqualTo(2);
        ScalarNode port = (ScalarNode) ((MappingNode)
                        ((SequenceNode) ((MappingNode) root.getValue().get(3).getValueNode())
                                        .getValue()
                                        .get(0)
                                        .getValueNode())
                                .getValue()
                                .get(0))
                .getValue()
                .get(0)
                .getValueNode();
        assertThat(port.getValue()).isEqualTo("80");
        assertThat(port.getTag()).isEqualTo(Tag.INT);
        assertThat(port.getStartMark().getLine()).isEqualTo(9);
        assertThat(port.getStartMark().getColumn()).isEqualTo(10);
        assertThat(YamlTrees.difference(YamlTrees.parse(text, "f.yaml", false), YamlTrees.parse(text, "f.yaml", true)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a: &x 1\nb: *x\n", // anchors and aliases
                "a: !!str 1\n", // tags
                "a: |\n  text\n", // block scalars
                "a: >\n  text\n",
                "a: {b: 1}\n", // flow collections with content
                "a: [1, 2]\n",
                "a: one\n  two\n", // a multi-line plain scalar
                "a: \"one\n  two\"\n", // a multi-line quoted scalar
                "a: \"tab\\there\"\n", // escapes
                "a:\tb\n", // a tab
                "a: 1\r\nb: 2\r\n", // CR LF
                "a: 1\n...\n", // a document end marker
                "%YAML 1.1\n---\na: 1\n", // a directive
                "<<:\n  a: 1\n", // a merge key
                "? a\n: b\n", // a complex key
                "- - a\n", // a sequence in a sequence on one line
                "a: b: c\n", // an error
                "a: 1\n b: 2\n", // odd indentation
                "a:\n  - 1\n  b: 2\n",
                "---\n", // an explicit empty document
                "--- a\n", // content on the marker's line
                "just a scalar\n",
                "a: -1\n", // left to SnakeYAML though plain
                "a: \"x\"y\n",
                "a: 😀\n", // beyond the BMP
            })
    void leavesEverythingOutsideTheSubsetToSnakeYaml(String text) {
        assertThat(fast(text)).isNull();
        assertThat(YamlTrees.difference(YamlTrees.parse(text, "f.yaml", false), YamlTrees.parse(text, "f.yaml", true)))
                .isEmpty();
    }

    @Test
    void badInputIsReportedAsBeforeWithFileAndLine() {
        String text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n";
        YamlTrees.Parsed slow = YamlTrees.parse(text, "bad.yaml", false);
        YamlTrees.Parsed fast = YamlTrees.parse(text, "bad.yaml", true);
        assertThat(fast.problems()).isEqualTo(slow.problems()).hasSize(1);
        assertThat(fast.problems().get(0).toString()).startsWith("bad.yaml:4: invalid YAML: ");
    }

    @Test
    void nestingBeyondTheLimitIsLeftToSnakeYamlWhichReportsIt() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        text.append(" ".repeat(120)).append("v: 1\n");
        YamlTrees.Parsed fast = YamlTrees.parse(text.toString(), "deep.yaml", true);
        assertThat(fast.problems()).singleElement().asString().contains("nests deeper than");
        assertThat(YamlTrees.difference(YamlTrees.parse(text.toString(), "deep.yaml", false), fast))
                .isEmpty();
    }

    // --- random documents in and around the subset

    @Property(tries = 1000)
    void randomDocumentsParseTheSameOnBothPaths(@ForAll("documents") String text) {
        boolean tookFastPath = YamlDocuments.split(text).stream()
                .anyMatch(s -> BlockYaml.compose(text, s, "r.yaml", new PlainScalarResolver(), 100) != null);
        Statistics.collect(tookFastPath ? "fast" : "SnakeYAML");
        Optional<String> d =
                YamlTrees.difference(YamlTrees.parse(text, "r.yaml", false), YamlTrees.parse(text, "r.yaml", true));
        assertThat(d).as(text).isEmpty();
    }

    /**
     * The loader hands the parser a file's bytes beside its text: structure is read from the bytes, values from the
     * text. Documents with non-ASCII characters (Latin-1, CJK, line breaks beyond LF, beyond the BMP), CR LF, byte
     * order marks and bytes that are not UTF-8 compose from the bytes exactly as SnakeYAML composes the text.
     */
    @Property(tries = 1000)
    void randomDocumentsReadFromTheirBytesParseAsSnakeYamlDoes(
            @ForAll("documents") String text, @ForAll("byteEdits") String edit, @ForAll int at) {
        byte[] bytes = editBytes(text.getBytes(StandardCharsets.UTF_8), edit, at);
        Statistics.collect(bytes.length == text.length() ? "bytes are the scan" : "scan made from the text");
        Optional<String> d = YamlTrees.difference(
                YamlTrees.parseBytes(bytes, "r.yaml", false), YamlTrees.parseBytes(bytes, "r.yaml", true));
        assertThat(d).as(new String(bytes, StandardCharsets.UTF_8)).isEmpty();
    }

    @Provide
    Arbitrary<String> byteEdits() {
        return Arbitraries.of(
                "", "", "", "bom", "crlf", "byte 80", "byte C3", "byte FF", "é", "日本", "😀", "\u0085", "\u2028",
                "\u00A0", "\u00E9 ", "k: ü\n");
    }

    /** {@code bytes} with one edit: a byte order mark, CR LF line ends, a lone bad byte, or characters at {@code at}. */
    private static byte[] editBytes(byte[] bytes, String edit, int at) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int i = Math.floorMod(at, text.length() + 1);
        return switch (edit) {
            case "" -> bytes;
            case "bom" -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            case "crlf" -> text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            case "byte 80", "byte C3", "byte FF" -> {
                byte[] before = text.substring(0, i).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[bytes.length + 1];
                System.arraycopy(before, 0, out, 0, before.length);
                out[before.length] = (byte) Integer.parseInt(edit.substring(5), 16);
                System.arraycopy(bytes, before.length, out, before.length + 1, bytes.length - before.length);
                yield out;
            }
            default -> (text.substring(0, i) + edit + text.substring(i)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * A document the fast path marks checked goes to the readers without {@link DocumentChecks}: it must be one in
     * which those checks find nothing, and one they find something in must not be marked.
     */
    @Property(tries = 1000)
    void documentsMarkedCheckedAreThoseDocumentChecksFindNothingIn(@ForAll("documents") String text) {
        for (YamlDocuments.Slice slice : YamlDocuments.split(text)) {
            BlockYaml.Composed composed = BlockYaml.compose(text, slice, "r.yaml", new PlainScalarResolver(), 100);
            if (composed != null) {
                Statistics.collect(composed.checked() ? "checked" : "left to DocumentChecks");
                assertThat(checksAgree(composed, "r.yaml")).as(text).isEmpty();
            }
        }
    }

    @Test
    void duplicateKeysAndOtherTagsAreLeftToDocumentChecks() {
        assertMarked("a: 1\nb:\n  c: 2\n  c: 3\n", false); // a duplicate in a small mapping
        assertMarked("k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk2: again\n", false);
        assertMarked("- a: 1\n  \"a\": 2\n", false); // the same key, one quoted
        assertMarked("a: 1\nb:\n  c: 2\n  d: [] \nk: 'c'\n", true);
    }

    private static void assertMarked(String text, boolean checked) {
        BlockYaml.Composed composed =
                BlockYaml.compose(text, YamlDocuments.split(text).get(0), "d.yaml", new PlainScalarResolver(), 100);
        assertThat(composed).as(text).isNotNull();
        assertThat(composed.checked()).as(text).isEqualTo(checked);
        assertThat(checksAgree(composed, "d.yaml")).as(text).isEmpty();
    }

    /** Empty when {@code composed.checked()} says exactly whether {@link DocumentChecks} finds a problem. */
    private static Optional<String> checksAgree(BlockYaml.Composed composed, String name) {
        List<LoadProblem> problems = new ArrayList<>();
        ReadContext ctx = new ReadContext(name, LoadOptions.DEFAULTS, problems, new LabelStrings());
        for (Node doc : composed.documents()) {
            DocumentChecks.check(doc, NodeShape.TREE, ctx);
        }
        if (composed.checked() != problems.isEmpty()) {
            return Optional.of("marked checked " + composed.checked() + " but DocumentChecks reports " + problems);
        }
        return Optional.empty();
    }

    @Property(tries = 500)
    void documentsInTheSubsetTakeTheFastPath(@ForAll("blockDocuments") String text) {
        assertThat(YamlDocuments.split(text))
                .allMatch(s -> BlockYaml.compose(text, s, "r.yaml", new PlainScalarResolver(), 100) != null);
    }

    @Provide
    Arbitrary<String> blockDocuments() {
        return Arbitraries.integers()
                .between(1, 4)
                .flatMap(width ->
                        mapping(0, width, 3).list().ofMinSize(1).ofMaxSize(3).map(docs -> String.join("---\n", docs)));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> block = blockDocuments();
        Arbitrary<String> mutation = Arbitraries.of(
                "\t", "&a ", "*a", "!!str ", "|", ">", "{a: 1}", "[1]", "\r", "...", "- ", ": ", "#", " #", "'", "\"",
                "\\", "<<", "? ", "---", "%", "😀", "\n", "\n  ", "  ", "é", ":", "-", "[x", "{y", "a: b", "x:");
        return Combinators.combine(
                        block,
                        mutation,
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 3))
                .as((doc, m, at, how) -> switch (how) {
                    case 0 -> doc; // unchanged
                    case 1 -> insert(doc, m, at); // a fragment somewhere
                    case 2 -> deleteLine(doc, at); // a line gone (indentation breaks)
                    default -> indentLine(doc, at); // a line moved right
                });
    }

    private static String insert(String doc, String fragment, int at) {
        int i = at % (doc.length() + 1);
        return doc.substring(0, i) + fragment + doc.substring(i);
    }

    private static String deleteLine(String doc, int at) {
        List<String> lines = new ArrayList<>(List.of(doc.split("\n", -1)));
        lines.remove(at % lines.size());
        return String.join("\n", lines);
    }

    private static String indentLine(String doc, int at) {
        List<String> lines = new ArrayList<>(List.of(doc.split("\n", -1)));
        int i = at % lines.size();
        lines.set(i, " " + lines.get(i));
        return String.join("\n", lines);
    }

    private static Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "web",
                        "8080",
                        "0",
                        "010",
                        "0x1F",
                        "1.5",
                        "yes",
                        "No",
                        "on",
                        "y",
                        "null",
                        "~",
                        "true",
                        "0.0.0.0/0",
                        "app.kubernetes.io/name",
                        "a b  c",
                        "x:y",
                        "a#b",
                        "http://h:80/p",
                        "2001-12-14",
                        "=",
                        "<<",
                        "é",
                        "a,b",
                        "x]",
                        "a'b",
                        "a\"b"),
                Arbitraries.of("\"\"", "''", "\"quoted\"", "'single'", "'it''s'", "\"a: b\"", "' # x'", "\"#\""),
                Arbitraries.strings()
                        .withChars("abz09-_./:# ")
                        .ofMinLength(1)
                        .ofMaxLength(8)
                        .filter(s -> !s.isBlank()
                                && "-:# ".indexOf(s.charAt(0)) < 0
                                && !s.contains(": ")
                                && !s.endsWith(":")));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(
                Arbitraries.of("name", "kind", "apiVersion", "a.b/c", "on", "1", "\"q\"", "'k'", "port-name", "x_y"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
    }

    private static Arbitrary<String> comment() {
        return Arbitraries.of("", "", "", " # note", "  #", "\n# line comment", "\n", "\n   \n");
    }

    /** A block mapping in column {@code column}, each level {@code width} deeper, at most {@code levels} deep. */
    private static Arbitrary<String> mapping(int column, int width, int levels) {
        Arbitrary<String> entry = Combinators.combine(key(), value(column, width, levels), comment())
                .as((k, v, c) -> " ".repeat(column) + k + ":" + v.replace("\u0000", c));
        return entry.list().ofMinSize(1).ofMaxSize(4).map(entries -> String.join("", entries));
    }

    /** What follows a key's ":"; \u0000 is where a comment may go on the key's line. */
    private static Arbitrary<String> value(int column, int width, int levels) {
        List<Arbitrary<String>> choices = new ArrayList<>();
        choices.add(scalar().map(s -> " " + s + "\u0000\n"));
        choices.add(Arbitraries.of(" {}\u0000\n", " []\u0000\n", "\u0000\n", " \u0000\n"));
        if (levels > 0) {
            choices.add(Arbitraries.lazy(() -> mapping(column + width, width, levels - 1))
                    .map(m -> "\u0000\n" + m));
            choices.add(Arbitraries.lazy(() -> sequence(column + width, width, levels - 1))
                    .map(s -> "\u0000\n" + s));
            choices.add(
                    Arbitraries.lazy(() -> sequence(column, width, levels - 1)).map(s -> "\u0000\n" + s));
        }
        return Arbitraries.oneOf(choices);
    }

    /** A block sequence whose "-" are in column {@code column}. */
    private static Arbitrary<String> sequence(int column, int width, int levels) {
        String dash = " ".repeat(column) + "-";
        Arbitrary<String> item = Arbitraries.oneOf(
                scalar().map(s -> dash + " " + s + "\n"),
                Arbitraries.of(dash + "\n", dash + " {}\n", dash + " # c\n"),
                Arbitraries.lazy(() -> mapping(column + 2, width, levels - 1))
                        .map(m -> dash + " " + m.substring(column + 2)),
                Arbitraries.lazy(() -> mapping(column + width + 1, width, levels - 1))
                        .map(m -> dash + "\n" + m));
        return (levels > 0 ? item : scalar().map(s -> dash + " " + s + "\n"))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(items -> String.join("", items));
    }
}
