package io.netspec.engine.load;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final OperatorTable operators;

    public ManifestLoader(LoadOptions options) {
        this(options, defaultThreads());
    }

    /** {@code threads} files are parsed at once (1: sequentially, on the calling thread). */
    ManifestLoader(LoadOptions options, int threads) {
        this(options, threads, OperatorTable.BUILT_IN);
    }

    private ManifestLoader(LoadOptions options, int threads, OperatorTable operators) {
        this.options = options;
        this.threads = threads;
        this.operators = operators;
    }

    /**
     * This loader reading the custom resources of {@code table} (the built-in table extended by
     * {@code .netspec.yaml}'s {@code operators}, say) as the workloads their operators run.
     */
    public ManifestLoader withOperators(OperatorTable table) {
        return new ManifestLoader(options, threads, table);
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
        return load(inputs, stdin, new Session());
    }

    private LoadResult load(List<Path> inputs, InputStream stdin, Session session) {
        List<Callable<FileFacts>> units = new ArrayList<>();
        boolean stdinRead = false;
        for (Path input : inputs) {
            if (input.toString().equals("-")) {
                FileFacts read = new FileFacts();
                if (stdinRead) {
                    read.problems.add(LoadProblem.warning(
                            new SourceRef(STDIN, 0), "'-' is given more than once; standard input is read once"));
                    units.add(() -> read);
                    continue;
                }
                stdinRead = true;
                byte[] bytes = session.readStdin(stdin, read);
                units.add(bytes == null ? () -> read : () -> session.readBytes(bytes, STDIN, null, read));
            } else if (Files.isDirectory(input)) {
                units.addAll(session.folder(input));
            } else if (UnrenderedInput.markedBy(input).isPresent()) {
                FileFacts problem = new FileFacts();
                problem.problems.add(
                        UnrenderedInput.problem(UnrenderedInput.markedBy(input).get()));
                units.add(() -> problem);
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

    /**
     * Two versions of the same manifests, each loaded as {@link #load} loads it.
     *
     * @param parsedOnce the files the same on both sides, parsed once for both
     */
    public record Versions(LoadResult older, LoadResult newer, int parsedOnce) {}

    /**
     * Loads two versions of the manifests (a checkout before and after a change), each exactly as
     * {@link #load} would. When both are folders, a file whose bytes are the same at the same place
     * under the other folder is parsed once and read into both versions' facts (each under its own
     * file name): a change to a few files costs the parsing of those files, not of the whole tree twice.
     */
    public Versions loadVersions(Path older, Path newer, InputStream stdin) {
        if (older.toString().equals("-")
                || newer.toString().equals("-")
                || !Files.isDirectory(older)
                || !Files.isDirectory(newer)) {
            return new Versions(load(List.of(older), stdin), load(List.of(newer), stdin), 0);
        }
        Session olderLoad = new Session();
        Session newerLoad = new Session();
        Twins twins = new Twins(older, newer, newerLoad);
        olderLoad.twins = twins;
        olderLoad.older = true;
        newerLoad.twins = twins;
        LoadResult first = load(List.of(older), stdin, olderLoad);
        return new Versions(first, load(List.of(newer), stdin, newerLoad), twins.shared.get());
    }

    /**
     * The files the older version's load parsed for the newer one: a unit of the older load reads its
     * file and the file at the same place in the newer folder; when their bytes are equal it parses
     * them once into both versions' facts and leaves the newer's here, where the newer load's unit
     * for that file takes them instead of parsing again.
     */
    private final class Twins {
        private final Path olderRoot;
        private final Path newerRoot;
        private final Session newer;
        private final Map<Path, FileFacts> parsedForNewer = new ConcurrentHashMap<>();
        private final AtomicInteger shared = new AtomicInteger();

        Twins(Path olderRoot, Path newerRoot, Session newer) {
            this.olderRoot = olderRoot;
            this.newerRoot = newerRoot;
            this.newer = newer;
        }

        Callable<FileFacts> unit(Session session, Path file, boolean older) {
            if (!older) {
                return () -> {
                    FileFacts done = parsedForNewer.remove(file);
                    if (done == null) {
                        return session.readFile(file);
                    }
                    shared.incrementAndGet();
                    return done;
                };
            }
            Path twin = newerRoot.resolve(olderRoot.relativize(file));
            return () -> session.readTwins(file, twin, this);
        }
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
        private final CollectedFacts facts =
                new CollectedFacts(problems, options.kinds().kinds());
        private final DocumentParser parser = new DocumentParser(options);
        private final LabelStrings strings = new LabelStrings();
        /** The other version's load, when two versions are loaded together ({@link #loadVersions}). */
        private Twins twins;

        private boolean older;

        LoadResult result() {
            Cluster cluster = facts.toCluster();
            return new LoadResult(
                    cluster.withPlugin(PluginInference.resolve(options.plugin(), cluster, problems)), problems);
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

        /**
         * The files of a folder as units, in path order. Symbolic links are followed (to files and folders, as
         * kubectl and the shell do); a dangling link, a loop of links, a FIFO or device, and a sub-folder that
         * cannot be listed are each one error, and the rest of the folder is read.
         */
        List<Callable<FileFacts>> folder(Path folder) {
            TreeMap<Path, Callable<FileFacts>> byPath = new TreeMap<>();
            try {
                Files.walkFileTree(
                        folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                if (!isManifestName(file)) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (attrs.isRegularFile()) {
                                    byPath.put(
                                            file,
                                            twins == null
                                                    ? () -> readFile(file)
                                                    : twins.unit(Session.this, file, older));
                                } else if (attrs.isSymbolicLink()) { // following it failed
                                    byPath.put(
                                            file,
                                            problem(
                                                    file,
                                                    "dangling symbolic link" + linkTarget(file) + "; it is not read"));
                                } else if (!attrs.isDirectory()) {
                                    byPath.put(
                                            file,
                                            problem(
                                                    file,
                                                    TextFiles.notRegular(file)
                                                            .orElse("not a regular file; it is not read")));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                if (e instanceof FileSystemLoopException) {
                                    byPath.put(
                                            file,
                                            problem(
                                                    file,
                                                    "symbolic link loop: this folder" + linkTarget(file)
                                                            + " is already being read; it is not followed again"));
                                } else if (Files.isDirectory(file) || isManifestName(file)) {
                                    byPath.put(
                                            file,
                                            problem(
                                                    file,
                                                    "cannot read " + (Files.isDirectory(file) ? "folder" : "file")
                                                            + ": " + InputProblems.reason(e)));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult postVisitDirectory(Path sub, IOException e) {
                                if (e != null) { // listing failed part way: what was listed is read
                                    byPath.put(sub, problem(sub, "cannot read folder: " + InputProblems.reason(e)));
                                }
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                return List.of(problem(folder, "cannot read folder " + folder + ": " + InputProblems.reason(e)));
            }
            // a Helm chart or kustomize tree is not read file by file: that would be a silent partial read
            List<UnrenderedInput.Tree> trees = UnrenderedInput.among(
                    byPath.keySet().stream().filter(Files::isRegularFile).toList());
            byPath.keySet().removeIf(f -> UnrenderedInput.inside(f, trees));
            List<Callable<FileFacts>> units = new ArrayList<>(byPath.values());
            for (UnrenderedInput.Tree tree : trees) {
                FileFacts problem = new FileFacts();
                problem.problems.add(UnrenderedInput.problem(tree));
                units.add(() -> problem);
            }
            if (units.isEmpty()) {
                FileFacts problem = new FileFacts();
                problem.problems.add(LoadProblem.warning(
                        new SourceRef(folder.toString(), 0), "no .yaml, .yml or .json files in this folder"));
                units.add(() -> problem);
            }
            return units;
        }

        private static String linkTarget(Path link) {
            try {
                return Files.isSymbolicLink(link) ? " (to " + Files.readSymbolicLink(link) + ")" : "";
            } catch (IOException e) {
                return "";
            }
        }

        private static Callable<FileFacts> problem(Path file, String message) {
            FileFacts problem = new FileFacts();
            problem.problems.add(LoadProblem.error(new SourceRef(file.toString(), 0), message));
            return () -> problem;
        }

        FileFacts readFile(Path file) {
            String name = file.toString();
            FileFacts read = new FileFacts();
            ReadContext ctx = context(name, read);
            byte[] bytes;
            try {
                // never opens a FIFO or device, and never reads more than the limit (a size can lie: /proc, /dev)
                bytes = TextFiles.readBounded(file, options.maxDocumentBytes());
            } catch (TextFiles.TextFileException e) {
                ctx.errorAtLine(e.line(), e.getMessage());
                return read;
            } catch (NoSuchFileException e) {
                ctx.errorAtLine(0, "no such file or folder");
                return read;
            } catch (IOException e) {
                ctx.errorAtLine(0, "cannot read " + name + ": " + InputProblems.reason(e));
                return read;
            }
            return readBytes(bytes, name, name.toLowerCase(Locale.ROOT).endsWith(".json"), read);
        }

        /**
         * Reads {@code file}; when {@code twin} (the newer version's file at the same place) has the same
         * bytes, parses them once into both versions' facts and leaves the twin's facts in {@code twins}.
         * A file whose text has any problem of its own (encoding, size, syntax) is read on its own on each
         * side, so that problems come out exactly as a separate load gives them.
         */
        FileFacts readTwins(Path file, Path twin, Twins twins) {
            Session other = twins.newer;
            byte[] bytes;
            byte[] twinBytes;
            try {
                bytes = TextFiles.readBounded(file, options.maxDocumentBytes());
                twinBytes = TextFiles.readBounded(twin, options.maxDocumentBytes());
            } catch (IOException | TextFiles.TextFileException e) {
                return readFile(file);
            }
            if (!Arrays.equals(bytes, twinBytes)) {
                return readBytes(
                        bytes,
                        file.toString(),
                        file.toString().toLowerCase(Locale.ROOT).endsWith(".json"),
                        new FileFacts());
            }
            String name = file.toString();
            FileFacts read = new FileFacts();
            FileFacts twinRead = new FileFacts();
            FileFacts parsing = new FileFacts();
            ReadContext parseCtx = context(name, parsing);
            String text = decodeUtf8(bytes, parseCtx);
            if (text == null || !parsing.problems.isEmpty() || text.length() > options.maxDocumentBytes()) {
                return readFile(file);
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            ReadContext ctx = context(name, read);
            ReadContext twinCtx = other.context(twin.toString(), twinRead);
            ObjectReader objects = new ObjectReader(read, operators, options.kinds());
            ObjectReader twinObjects = new ObjectReader(twinRead, operators, options.kinds());
            parser.parse(text, bytes, name.toLowerCase(Locale.ROOT).endsWith(".json"), parseCtx, (doc, shape) -> {
                objects.readDocument(doc, shape, ctx);
                twinObjects.readDocument(doc, shape, twinCtx);
            });
            if (!parsing.problems.isEmpty()) {
                // parse problems interleave with the objects' own: read each side on its own
                return readFile(file);
            }
            twins.parsedForNewer.put(twin, twinRead);
            return read;
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
            if (text == null) {
                return read;
            }
            readText(text, bytes, ctx, json == null ? DocumentParser.looksLikeJson(text) : json, read);
            return read;
        }

        void readText(String text, ReadContext ctx, boolean json, FileFacts read) {
            readText(text, null, ctx, json, read);
        }

        /** {@code utf8}: the bytes {@code text} was decoded from, or null. */
        void readText(String text, byte[] utf8, ReadContext ctx, boolean json, FileFacts read) {
            if (text.length() > options.maxDocumentBytes()) {
                ctx.errorAtLine(
                        1, "text is over the limit of " + options.maxDocumentBytes() + " characters; it is not read");
                return;
            }
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            ObjectReader objects = new ObjectReader(read, operators, options.kinds());
            parser.parse(text, utf8, json, ctx, (doc, shape) -> objects.readDocument(doc, shape, ctx));
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
     * with replacement characters so the rest of the file is still read. UTF-16 and UTF-32 text is one
     * error and null: decoded as UTF-8 it would be nothing but errors.
     */
    static String decodeUtf8(byte[] bytes, ReadContext ctx) {
        try {
            return TextFiles.utf8(bytes);
        } catch (TextFiles.TextFileException e) {
            ctx.errorAtLine(e.line(), e.getMessage());
            return TextFiles.wideEncoding(bytes).isPresent() ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
