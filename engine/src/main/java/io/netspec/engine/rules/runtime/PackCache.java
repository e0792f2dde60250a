package io.netspec.engine.rules.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled organisation packs on disk, so that a pack's DRL is compiled once, not on every run.
 *
 * <p>Drools 10 cannot serialize a rule base, but its compiled packages (rules plus the bytecode
 * of their conditions and consequences) still are {@code Externalizable}: a cache entry is the
 * packages of a classic build, keyed by the packs' content hash and the netspec and Drools code
 * that compiled them, so a new netspec jar never reads an old entry. Reading one back costs about
 * a third of compiling. Any problem reading or writing the cache falls back to compiling.
 *
 * <p>An entry is Java-deserialized from the user's cache directory, so reading one is filtered by
 * {@link #FILTER}: only the classes a compiled package is made of (Drools', netspec's engine
 * types, and a short list of JDK values and collections) may be instantiated, and the object graph
 * is bounded. A class outside the list (a deserialization gadget planted in the file) rejects the
 * entry, which is then deleted and the packs recompiled, silently; with {@code --debug}
 * ({@link #withDebug}) or {@code NETSPEC_DEBUG} one line on stderr says why. The filter
 * does not make a writable-by-others cache safe: an entry holds the packs' compiled rule code, which
 * runs, so the directory is created private to the user (0700) and not used when it is not the user's own or
 * others may write to it. An entry starts with the content hash of the packs it was compiled from and is
 * used only for those packs; a rejected entry is deleted and rebuilt once, and if the rebuilt one is rejected
 * too, those packs are compiled on each run instead.
 */
public final class PackCache {

    /** No cache: always compile. */
    public static final PackCache NONE = new PackCache(null, false);

    private static final String HEADER_PREFIX = "netspec-pack-cache 1 ";
    /** Bytes an entry may have (the test packs' entries are about 100 KB). */
    static final long MAX_ENTRY_BYTES = 32L * 1024 * 1024;

    private final Path dir;
    /** The CLI's {@code --debug}: say on stderr why a cache entry is not used. */
    private final boolean debug;
    /** Keys whose entry was rejected after a rebuild: compiled each run from now on, never rewritten. */
    private final Set<String> noRewrite = ConcurrentHashMap.newKeySet();

    private PackCache(Path dir, boolean debug) {
        this.dir = dir;
        this.debug = debug;
    }

    /** A cache in {@code dir} (created when first written). */
    public static PackCache in(Path dir) {
        return new PackCache(dir, false);
    }

    /** This cache, saying on stderr why an entry is not used when {@code on} (the CLI's {@code --debug}). */
    public PackCache withDebug(boolean on) {
        return new PackCache(dir, on);
    }

    /**
     * The user's cache: the system property {@code netspec.cache.dir} (builds point tests at
     * {@code target/}), else {@code $NETSPEC_CACHE_DIR}, else {@code $XDG_CACHE_HOME/netspec/packs},
     * else {@code ~/.cache/netspec/packs}; {@link #NONE} when the property or variable is {@code off}.
     */
    public static PackCache standard() {
        String explicit = System.getProperty("netspec.cache.dir", System.getenv("NETSPEC_CACHE_DIR"));
        if (explicit != null && !explicit.isBlank()) {
            return explicit.equals("off") ? NONE : in(Path.of(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return in(base.resolve("netspec").resolve("packs"));
    }

    /** The compiled packs stored under {@code key}, if any and readable. */
    Optional<KieBase> read(String key) {
        if (dir == null || CODE_STAMP == null) {
            return Optional.empty();
        }
        Path file = file(key);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<String> unsafe = PrivateDirectory.problem(dir);
        if (unsafe.isPresent()) {
            debug("not using pack cache " + dir + ": " + unsafe.get() + "; compiling");
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                throw new IOException("entry is over " + MAX_ENTRY_BYTES + " bytes");
            }
            checkHeader(in, key);
            KieBase base = readPackages(in);
            Files.deleteIfExists(retriedMarker(key));
            return Optional.of(base);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            debug("ignoring pack cache entry " + file + " (" + e + "); recompiling");
            try {
                Files.deleteIfExists(file);
                // rebuilt once: if the rebuilt entry is rejected too, this key is compiled every run, not rewritten
                if (Files.exists(retriedMarker(key))) {
                    noRewrite.add(key);
                } else {
                    Files.createFile(retriedMarker(key));
                }
            } catch (IOException ignored) {
                noRewrite.add(key); // an entry we cannot delete must not be rewritten and re-read forever
            }
            return Optional.empty();
        }
    }

    private void debug(String line) {
        if (debug || System.getenv("NETSPEC_DEBUG") != null) {
            System.err.println("netspec: " + line);
        }
    }

    /** Stores {@code kieBase}'s packages under {@code key}; failures are ignored (the next run compiles again). */
    void write(String key, KieBase kieBase) {
        if (dir == null || CODE_STAMP == null || noRewrite.contains(key)) {
            return;
        }
        try {
            PrivateDirectory.create(dir);
            if (PrivateDirectory.problem(dir).isPresent()) {
                return;
            }
            Path tmp = Files.createTempFile(dir, "pack", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                out.write(header(key));
                writePackages(kieBase, out);
            }
            Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The same packs compiled by an older netspec or Drools will not be read again.
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, key + "-*.bin")) {
                for (Path p : old) {
                    if (!p.equals(file(key))) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: an unwritable cache only costs start-up time
        }
    }

    /**
     * The first line of an entry: the full content hash of the packs it was compiled from. A file name is
     * only where to look: an entry copied under another key (another pack's name) is rejected here.
     */
    static byte[] header(String key) {
        return (HEADER_PREFIX + key + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void checkHeader(InputStream in, String key) throws IOException {
        byte[] expected = header(key);
        byte[] actual = in.readNBytes(expected.length);
        if (!Arrays.equals(expected, actual)) {
            throw new IOException("entry was not compiled from these packs (content hash differs)");
        }
    }

    private Path retriedMarker(String key) {
        return dir.resolve(key + "-" + CODE_STAMP + ".retried");
    }

    Path file(String key) {
        return dir.resolve(key + "-" + CODE_STAMP + ".bin");
    }

    /**
     * Identifies the netspec and Drools code: a new jar (or rebuilt classes) means new cache keys.
     * Null when the code's location cannot be read: then nothing is cached.
     */
    private static final String CODE_STAMP = stamp(RuleEngine.class, KnowledgeBaseFactory.class);

    private static String stamp(Class<?>... classes) {
        StringBuilder text = new StringBuilder();
        for (Class<?> c : classes) {
            try {
                CodeSource source = c.getProtectionDomain().getCodeSource();
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(p)) {
                    p = p.resolve(c.getName().replace('.', '/') + ".class");
                }
                text.append(p)
                        .append(Files.size(p))
                        .append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }
        return HexFormat.of().formatHex(Arrays.copyOf(RuleEngine.sha256(text.toString()), 6));
    }

    /** Writes the compiled packages of a classic rule base. */
    static void writePackages(KieBase kieBase, OutputStream out) throws IOException {
        try (ObjectOutputStream objects = new DroolsObjectOutputStream(out)) {
            objects.writeObject(new ArrayList<>(kieBase.getKiePackages()));
        }
    }

    /** A rule base of packages written by {@link #writePackages}. */
    @SuppressWarnings("unchecked")
    static KieBase readPackages(InputStream in) throws IOException, ClassNotFoundException {
        ClassLoader loader = RuleEngine.class.getClassLoader();
        Collection<KiePackage> packages;
        try (ObjectInputStream objects = new DroolsObjectInputStream(in, loader)) {
            ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
            objects.setObjectInputFilter(global == null ? FILTER : ObjectInputFilter.merge(FILTER, global));
            packages = (List<KiePackage>) objects.readObject();
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return kieBase;
    }

    /**
     * The classes a cache entry may hold: what the classic build's packages of the built-in packs,
     * the examples' and the tests' packs were measured to contain (Drools' rule structures, the
     * engine's fact and function types the rules name, JDK values and collections), plus close
     * relatives (other boxed values and collections, {@code org.drools.*} for constructs those packs
     * do not use), and interfaces (types a rule names, never instantiated). Everything else, proxies
     * included, is rejected; so are graphs deeper than
     * {@value #MAX_DEPTH}, with more than {@value #MAX_REFERENCES} references or an array longer than
     * {@value #MAX_ARRAY_LENGTH} (measured: depth 27, 4,271 references, 80,353 bytes of rule bytecode).
     */
    static final ObjectInputFilter FILTER = PackCache::filter;

    // About twice what was measured: deep nesting of allowed collections (nested HashSets) makes hashing
    // exponential, and millions of references or huge arrays exhaust memory, all from allowed classes.
    static final int MAX_DEPTH = 60;
    static final long MAX_REFERENCES = 200_000;
    static final long MAX_ARRAY_LENGTH = 4L * 1024 * 1024;

    private static final List<String> ALLOWED_PREFIXES = List.of("org.drools.", "org.kie.api.", "io.netspec.engine.");

    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.lang.Object",
            "java.lang.String",
            "java.lang.Enum",
            "java.lang.Number",
            "java.lang.Boolean",
            "java.lang.Character",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double",
            "java.math.BigInteger",
            "java.math.BigDecimal",
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.Arrays$ArrayList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.IdentityHashMap",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet",
            "java.util.Map$Entry",
            "java.util.AbstractMap$SimpleEntry",
            "java.util.CollSer",
            "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap",
            "java.util.Collections$EmptySet",
            "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonMap",
            "java.util.Collections$SingletonSet",
            "java.util.Collections$SynchronizedMap",
            "java.util.Collections$SynchronizedCollection",
            "java.util.Collections$SynchronizedList",
            "java.util.Collections$SynchronizedRandomAccessList",
            "java.util.Collections$SynchronizedSet",
            "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableMap",
            "java.util.Collections$UnmodifiableSet",
            "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.ConcurrentHashMap$KeySetView",
            "java.util.concurrent.ConcurrentHashMap$CollectionView",
            "java.util.concurrent.CopyOnWriteArrayList",
            "java.util.concurrent.atomic.AtomicInteger",
            "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicBoolean",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantLock$Sync",
            "java.util.concurrent.locks.ReentrantLock$NonfairSync",
            "java.util.concurrent.locks.ReentrantLock$FairSync");

    private static ObjectInputFilter.Status filter(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH
                || info.references() > MAX_REFERENCES
                || info.arrayLength() > MAX_ARRAY_LENGTH
                || info.streamBytes() > MAX_ENTRY_BYTES) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || type.isInterface()) {
            // an interface is only ever a type a rule names (java.util.List in a from accumulate):
            // no instance of it is made
            return ObjectInputFilter.Status.ALLOWED;
        }
        if (Proxy.isProxyClass(type)) {
            return ObjectInputFilter.Status.REJECTED;
        }
        String name = type.getName();
        boolean allowed =
                ALLOWED_CLASSES.contains(name) || ALLOWED_PREFIXES.stream().anyMatch(name::startsWith);
        return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }
}
