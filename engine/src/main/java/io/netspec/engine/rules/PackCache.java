package io.netspec.engine.rules;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Compiled organisation packs on disk, so that a pack's DRL is compiled once, not on every run.
 *
 * <p>Drools 10 cannot serialize a rule base, but its compiled packages (rules plus the bytecode
 * of their conditions and consequences) still are {@code Externalizable}: a cache entry is the
 * packages of a classic build, keyed by the packs' content hash and the netspec and Drools code
 * that compiled them, so a new netspec jar never reads an old entry. Reading one back costs about
 * a third of compiling. Any problem reading or writing the cache falls back to compiling.
 */
public final class PackCache {

    /** No cache: always compile. */
    public static final PackCache NONE = new PackCache(null);

    private final Path dir;

    private PackCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} (created when first written). */
    public static PackCache in(Path dir) {
        return new PackCache(dir);
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
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return Optional.of(readPackages(in));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a cache entry we cannot delete is read (and fails) again next time: harmless
            }
            return Optional.empty();
        }
    }

    /** Stores {@code kieBase}'s packages under {@code key}; failures are ignored (the next run compiles again). */
    void write(String key, KieBase kieBase) {
        if (dir == null || CODE_STAMP == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "pack", ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writePackages(kieBase, out);
            }
            Files.move(tmp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The same packs compiled by an older netspec or Drools will not be read again.
            try (java.nio.file.DirectoryStream<Path> old = Files.newDirectoryStream(dir, key + "-*.bin")) {
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
                text.append(p).append(Files.size(p)).append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }
        return HexFormat.of().formatHex(java.util.Arrays.copyOf(
                RuleEngine.sha256(text.toString()), 6));
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
            packages = (List<KiePackage>) objects.readObject();
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return kieBase;
    }
}
