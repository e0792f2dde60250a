package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final int threads;

    public ManifestLoader(LoadOptions options) {
        this(options, defaultThreads());
    }

    /** {@code threads} files are parsed at once (1: sequentially, on the calling thread). */
    ManifestLoader(LoadOptions options, int threads) {
        this.options = options;
        this.threads = threads;
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
     *
     * <p>Files are parsed in parallel on a small pool of daemon threads (at most
     * {@link #defaultThreads()}), each into its own {@link FileFacts}; those are merged in input order,
     * so facts and problems come out exactly as a sequential read gives them.
     */
    public LoadResult load(List<Path> inputs, InputStream stdin) {
        Session session = new Session();
        List<Callable<FileFacts>> units = new ArrayList<>();
        boolean stdinRead = false;
        for (Path input : inputs) {
            if (input.toString().equals("-")) {
                FileFacts read = new FileFacts();
                if (stdinRead) {
                    read.problems.add(LoadProblem.warning(new SourceRef(STDIN, 0),
                            "'-' is given more than once; standard input is read once"));
                    units.add(() -> read);
                    continue;
                }
                stdinRead = true;
                byte[] bytes = session.readStdin(stdin, read);
                units.add(bytes == null ? () -> read : () -> session.readBytes(bytes, STDIN, null, read));
            } else if (Files.isDirectory(input)) {
                units.addAll(session.folder(input));
            } else {
                units.add(() -> session.readFile(input));
            }
        }
        session.run(units, threads);
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
        FileFacts read = new FileFacts();
        session.readText(text, session.context(sourceName, read), DocumentParser.looksLikeJson(text), read);
        session.merge(read);
        return session.result();
    }

    /**
     * Loads objects that are not files, each a JSON or YAML text under its own name (a live cluster's
     * {@code cluster:CONTEXT/KIND/NS/NAME}). The name is the whole place: facts and problems carry
     * no line, since the text was made by us, not written by the user.
     */
    public LoadResult loadDocuments(List<NamedDocument> documents) {
        Session session = new Session();
        for (NamedDocument doc : documents) {
            FileFacts read = new FileFacts();
            ReadContext ctx = new ReadContext(doc.name(), options, read.problems, session.strings, false);
            session.readText(doc.text(), ctx, DocumentParser.looksLikeJson(doc.text()), read);
            session.merge(read);
        }
        return session.result();
    }

    /** Threads a load uses by default: two, or one on a single-core machine. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** One load: the facts and problems of all inputs. */
    private final class Session {
        private final List<LoadProblem> problems = new ArrayList<>();
        private final CollectedFacts facts = new CollectedFacts(problems);
        private final DocumentParser parser = new DocumentParser(options);
        private final LabelStrings strings = new LabelStrings();

        LoadResult result() {
            return new LoadResult(facts.toCluster(), problems);
        }

        ReadContext context(String file, FileFacts into) {
            return new ReadContext(file, options, into.problems, strings);
        }

        void merge(FileFacts read) {
            read.mergeInto(facts, problems);
        }

        /**
         * Reads every unit and merges them in order. With one thread (or one unit) everything runs here,
         * each unit merged as soon as it is read; otherwise a pool reads ahead while this thread merges.
         */
        void run(List<Callable<FileFacts>> units, int threads) {
            if (threads <= 1 || units.size() <= 1) {
                for (Callable<FileFacts> unit : units) {
                    merge(call(unit));
                }
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, units.size()), READERS);
            List<Future<FileFacts>> pending = new ArrayList<>(units.size());
            try {
                for (Callable<FileFacts> unit : units) {
                    pending.add(pool.submit(unit));
                }
                for (int i = 0; i < pending.size(); i++) {
                    merge(await(pending.get(i)));
                    pending.set(i, null); // merged: let its facts go to the cluster, not stay here twice
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private FileFacts call(Callable<FileFacts> unit) {
            try {
                return unit.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // units read files themselves and report I/O as problems
            }
        }

        private FileFacts await(Future<FileFacts> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("loading manifests was interrupted");
            } catch (ExecutionException e) {
                // a bug in a reader: rethrow it as a sequential load would have
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** The files of a folder as units, in path order; a folder that cannot be listed is one problem. */
        List<Callable<FileFacts>> folder(Path folder) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder)) {
                files = walk.filter(Files::isRegularFile).filter(ManifestLoader::isManifestName).sorted().toList();
            } catch (IOException | java.io.UncheckedIOException e) {
                FileFacts problem = new FileFacts();
                problem.problems.add(LoadProblem.error(new SourceRef(folder.toString(), 0),
                        "cannot read folder " + folder + ": " + InputProblems.reason(e)));
                return List.of(() -> problem);
            }
            List<Callable<FileFacts>> units = new ArrayList<>();
            if (files.isEmpty()) {
                FileFacts problem = new FileFacts();
                problem.problems.add(LoadProblem.warning(new SourceRef(folder.toString(), 0),
                        "no .yaml, .yml or .json files in this folder"));
                units.add(() -> problem);
            }
            for (Path file : files) {
                units.add(() -> readFile(file));
            }
            return units;
        }

        FileFacts readFile(Path file) {
            String name = file.toString();
            FileFacts read = new FileFacts();
            ReadContext ctx = context(name, read);
            byte[] bytes;
            try {
                long size = Files.size(file);
                if (size > options.maxDocumentBytes()) {
                    ctx.errorAtLine(1, "file is " + size + " bytes, over the limit of " + options.maxDocumentBytes()
                            + " bytes; it is not read");
                    return read;
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                ctx.errorAtLine(0, "no such file or folder");
                return read;
            } catch (IOException e) {
                ctx.errorAtLine(0, "cannot read " + name + ": " + InputProblems.reason(e));
                return read;
            }
            if (bytes.length > options.maxDocumentBytes()) { // grew while we looked
                ctx.errorAtLine(1, "file is over the limit of " + options.maxDocumentBytes() + " bytes; it is not read");
                return read;
            }
            return readBytes(bytes, name, name.toLowerCase(Locale.ROOT).endsWith(".json"), read);
        }

        /** The bytes of standard input, or null when they cannot be read (reported in {@code read}). */
        byte[] readStdin(InputStream stdin, FileFacts read) {
            ReadContext ctx = context(STDIN, read);
            try {
                long cap = options.maxDocumentBytes();
                byte[] bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
                if (bytes.length > cap) {
                    ctx.errorAtLine(1, "standard input is over the limit of " + cap + " bytes; it is not read");
                    return null;
                }
                return bytes;
            } catch (IOException e) {
                ctx.errorAtLine(0, "cannot read standard input: " + InputProblems.reason(e));
                return null;
            }
        }

        /** {@code json} null means: decide from the content. */
        FileFacts readBytes(byte[] bytes, String name, Boolean json, FileFacts read) {
            ReadContext ctx = context(name, read);
            String text = decodeUtf8(bytes, ctx);
            readText(text, ctx, json == null ? DocumentParser.looksLikeJson(text) : json, read);
            return read;
        }

        void readText(String text, ReadContext ctx, boolean json, FileFacts read) {
            if (text.length() > options.maxDocumentBytes()) {
                ctx.errorAtLine(1, "text is over the limit of " + options.maxDocumentBytes()
                        + " characters; it is not read");
                return;
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            ObjectReader objects = new ObjectReader(read);
            parser.parse(text, json, ctx, (doc, aliases) -> objects.readDocument(doc, aliases, ctx));
        }
    }

    /** Daemon threads, so that a load never keeps the JVM alive. */
    private static final ThreadFactory READERS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "netspec-load-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

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
