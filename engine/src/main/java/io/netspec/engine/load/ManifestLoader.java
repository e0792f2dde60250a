package io.netspec.engine.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests into a {@link io.netspec.engine.model.Cluster}. Never throws for bad
 * input: every problem becomes a {@link LoadProblem} naming file and line, and the good
 * documents alongside are still read.
 */
public final class ManifestLoader {

    /** The source name of standard input. */
    public static final String STDIN = "<stdin>";

    private final LoadOptions options;

    public ManifestLoader(LoadOptions options) {
        this.options = options;
    }

    public ManifestLoader() {
        this(LoadOptions.DEFAULTS);
    }

    public LoadOptions options() {
        return options;
    }

    /**
     * Loads files and folders (recursively: {@code .yaml}, {@code .yml}, {@code .json}, in path
     * order). A file named explicitly is read whatever its extension. The path {@code -} reads
     * {@code stdin}.
     */
    public LoadResult load(List<Path> inputs, InputStream stdin) {
        Session session = new Session();
        boolean stdinRead = false;
        for (Path input : inputs) {
            if (input.toString().equals("-")) {
                if (stdinRead) {
                    session.problems.add(LoadProblem.warning(new io.netspec.engine.model.SourceRef(STDIN, 0),
                            "'-' is given more than once; standard input is read once"));
                    continue;
                }
                stdinRead = true;
                session.readStdin(stdin);
            } else if (Files.isDirectory(input)) {
                session.readFolder(input);
            } else {
                session.readFile(input);
            }
        }
        InputProblems.noManifests(inputs, session.facts.anyObject(), session.problems)
                .ifPresent(session.problems::add);
        return session.result();
    }

    public LoadResult load(List<Path> inputs) {
        return load(inputs, System.in);
    }

    /** Loads manifests given as text (a doc string in a spec, a test); {@code sourceName} names it in errors. */
    public LoadResult loadString(String text, String sourceName) {
        Session session = new Session();
        session.readText(text, sourceName, DocumentParser.looksLikeJson(text));
        return session.result();
    }

    /** One load: the facts and problems of all inputs. */
    private final class Session {
        private final List<LoadProblem> problems = new ArrayList<>();
        private final CollectedFacts facts = new CollectedFacts(problems);
        private final ObjectReader objects = new ObjectReader(facts);
        private final DocumentParser parser = new DocumentParser(options);

        LoadResult result() {
            return new LoadResult(facts.toCluster(), problems);
        }

        void readFolder(Path folder) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(ManifestLoader::isManifestName).sorted().toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                problems.add(LoadProblem.error(new io.netspec.engine.model.SourceRef(folder.toString(), 0),
                        "cannot read folder " + folder + ": " + InputProblems.reason(e)));
                return;
            }
            if (files.isEmpty()) {
                problems.add(LoadProblem.warning(new io.netspec.engine.model.SourceRef(folder.toString(), 0),
                        "no .yaml, .yml or .json files in this folder"));
            }
            files.forEach(this::readFile);
        }

        void readFile(Path file) {
            String name = file.toString();
            ReadContext ctx = new ReadContext(name, options, problems);
            byte[] bytes;
            try {
                long size = Files.size(file);
                if (size > options.maxDocumentBytes()) {
                    ctx.errorAtLine(1, "file is " + size + " bytes, over the limit of " + options.maxDocumentBytes()
                            + " bytes; it is not read");
                    return;
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                ctx.errorAtLine(0, "no such file or folder");
                return;
            } catch (IOException e) {
                ctx.errorAtLine(0, "cannot read " + name + ": " + InputProblems.reason(e));
                return;
            }
            if (bytes.length > options.maxDocumentBytes()) { // grew while we looked
                ctx.errorAtLine(1, "file is over the limit of " + options.maxDocumentBytes() + " bytes; it is not read");
                return;
            }
            readBytes(bytes, ctx, name.toLowerCase(Locale.ROOT).endsWith(".json"));
        }

        void readStdin(InputStream stdin) {
            ReadContext ctx = new ReadContext(STDIN, options, problems);
            byte[] bytes;
            try {
                long cap = options.maxDocumentBytes();
                bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
                if (bytes.length > cap) {
                    ctx.errorAtLine(1, "standard input is over the limit of " + cap + " bytes; it is not read");
                    return;
                }
            } catch (IOException e) {
                ctx.errorAtLine(0, "cannot read standard input: " + InputProblems.reason(e));
                return;
            }
            readBytes(bytes, ctx, null);
        }

        /** {@code json} null means: decide from the content. */
        private void readBytes(byte[] bytes, ReadContext ctx, Boolean json) {
            String text = decodeUtf8(bytes, ctx);
            readText(text, ctx, json == null ? DocumentParser.looksLikeJson(text) : json);
        }

        void readText(String text, String sourceName, boolean json) {
            readText(text, new ReadContext(sourceName, options, problems), json);
        }

        private void readText(String text, ReadContext ctx, boolean json) {
            if (text.length() > options.maxDocumentBytes()) {
                ctx.errorAtLine(1, "text is over the limit of " + options.maxDocumentBytes()
                        + " characters; it is not read");
                return;
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            parser.parse(text, json, ctx, doc -> objects.readDocument(doc, ctx));
        }
    }

    static boolean isManifestName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /**
     * Strict UTF-8: the first malformed byte is reported with its line, then the text is decoded
     * with replacement characters so the rest of the file is still read.
     */
    static String decodeUtf8(byte[] bytes, ReadContext ctx) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstMalformed(bytes);
            int line = 1;
            for (int i = 0; i < bad && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            ctx.errorAtLine(line, "invalid UTF-8 (byte 0x" + String.format("%02x", bytes[Math.min(bad, bytes.length - 1)] & 0xff)
                    + " at offset " + bad + "); manifests must be UTF-8");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int firstMalformed(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            java.nio.charset.CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return bytes.length;
            }
            out.clear();
        }
    }
}
