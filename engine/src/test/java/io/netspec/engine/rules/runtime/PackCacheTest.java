package io.netspec.engine.rules.runtime;

import static io.netspec.engine.rules.runtime.PrecompiledPacksTest.demoCluster;
import static io.netspec.engine.rules.runtime.PrecompiledPacksTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.testgadget.Planted;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.drools.base.common.DroolsObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Organisation packs compiled once and read back from the cache on later runs. */
class PackCacheTest {

    static final Path RULES = Path.of("src/test/resources/rules");

    static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void secondCompileReadsTheEntryTheFirstWrote(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir.resolve("packs"));
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        List<String> compiled = lines(RuleEngine.compile(demo, cache).run(demoCluster()));
        List<Path> written = entries(dir.resolve("packs"));
        assertThat(written).singleElement().asString().contains(RuleEngine.hash(demo));

        // Prove the second run reads the entry rather than compiling: its modification time stays
        Path entry = cache.file(RuleEngine.hash(demo));
        FileTime written1 = Files.getLastModifiedTime(entry);
        assertThat(RuleEngine.compile(demo, cache).rules())
                .extracting(RuleInfo::id)
                .containsExactly("dangling-service", "host-network", "workload-not-isolated");
        assertThat(Files.getLastModifiedTime(entry)).isEqualTo(written1);

        Files.delete(cache.file(RuleEngine.hash(demo)));
        assertThat(lines(RuleEngine.compile(demo, cache).run(demoCluster())))
                .isEqualTo(compiled)
                .hasSize(3);
    }

    /** Issue 16: an entry is keyed by the packs' content, not by its file name. */
    @Test
    void anEntryCopiedUnderAnotherPacksKeyIsRejectedAndThePacksOwnRulesRun(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir.resolve("packs"));
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        List<Pack> other = PackLoader.load(RULES.resolve("exec-model-gap"));
        RuleEngine.compile(other, cache);
        Path otherEntry = cache.file(RuleEngine.hash(other));
        assertThat(otherEntry).exists();
        Files.copy(otherEntry, cache.file(RuleEngine.hash(demo)), StandardCopyOption.REPLACE_EXISTING);
        assertThat(RuleEngine.compile(demo, cache).rules())
                .extracting(RuleInfo::id)
                .containsExactly("dangling-service", "host-network", "workload-not-isolated");
    }

    @Test
    void theCacheDirectoryIsPrivateAndNotUsedWhenOthersMayWriteIt(@TempDir Path dir) throws Exception {
        Path packs = dir.resolve("cache/netspec/packs");
        PackCache cache = PackCache.in(packs);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        RuleEngine.compile(demo, cache);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(packs)))
                .isEqualTo("rwx------");
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.setPosixFilePermissions(packs, PosixFilePermissions.fromString("rwxrwxrwx"));
        // a planted entry in a world-writable cache is not read: the packs compile instead
        Files.write(entry, framed(RuleEngine.hash(demo), entryHolding(new Planted())));
        Planted.ran = false;
        assertThat(RuleEngine.compile(demo, cache).rules()).hasSize(3);
        assertThat(Planted.ran).isFalse();
        assertThat(entry).exists(); // not ours to clean up in a shared directory
    }

    @Test
    @org.junit.jupiter.api.Timeout(30) // a safety net: nested sets hash for ever, not a measurement
    void deserializationIsBoundedInDepthReferencesAndArrays() throws Exception {
        // nested HashSets: each level doubles the hashing work when the outer set is rebuilt
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        assertRejected(entryHolding(root));
        assertRejected(entryHolding((Object) new long[8_000_000]));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            many.add(new ArrayList<>());
        }
        assertRejected(entryHolding(many));
    }

    private static void assertRejected(byte[] entry) {
        assertThat(Assertions.catchThrowable(() -> PackCache.readPackages(new ByteArrayInputStream(entry))))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void aBadEntryIsRebuiltOnceAndThenNeverRewritten(@TempDir Path dir) throws Exception {
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        PackCache first = PackCache.in(dir);
        Path entry = first.file(RuleEngine.hash(demo));
        Files.writeString(entry, "damaged");
        RuleEngine.compile(demo, first);
        assertThat(Files.size(entry)).as("rebuilt").isGreaterThan(1000);
        Files.writeString(entry, "damaged again"); // the rebuilt entry is bad too
        PackCache second = PackCache.in(dir);
        assertThat(RuleEngine.compile(demo, second).rules()).hasSize(3);
        assertThat(entry).as("not rebuilt a second time").doesNotExist();
        assertThat(RuleEngine.compile(demo, second).rules()).hasSize(3);
        assertThat(entry).doesNotExist();
    }

    @Test
    void entriesOfOlderCodeForTheSamePacksAreDropped(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path stale = dir.resolve(RuleEngine.hash(demo) + "-000000000000.bin");
        Path unrelated = dir.resolve("0123456789abcdef01234567-000000000000.bin");
        Files.writeString(stale, "old");
        Files.writeString(unrelated, "other packs");
        RuleEngine.compile(demo, cache);
        assertThat(entries(dir)).containsExactlyInAnyOrder(cache.file(RuleEngine.hash(demo)), unrelated);
    }

    @Test
    void aDamagedEntryIsRecompiledAndReplaced(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.writeString(entry, "not a compiled pack");
        assertThat(lines(RuleEngine.compile(demo, cache).run(demoCluster()))).hasSize(3);
        assertThat(Files.size(entry)).isGreaterThan(1000);
    }

    @Test
    void noCacheWritesNothingAndAnUnwritableOneIsIgnored(@TempDir Path dir) throws Exception {
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        assertThat(RuleEngine.compile(demo, PackCache.NONE).rules()).hasSize(3);
        Path file = dir.resolve("a-file");
        Files.writeString(file, "");
        assertThat(RuleEngine.compile(demo, PackCache.in(file.resolve("cache"))).rules())
                .hasSize(3);
        assertThat(entries(dir)).isEmpty();
    }

    /** An entry as {@link PackCache#writePackages} frames it, holding {@code objects} instead of packages. */
    static byte[] entryHolding(Object... objects) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(objects)));
        }
        return bytes.toByteArray();
    }

    /** {@code body} behind the header {@link PackCache} checks for {@code key}. */
    static byte[] framed(String key, byte[] body) {
        byte[] header = PackCache.header(key);
        byte[] out = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    @Test
    void anEntryHoldingADisallowedClassIsRejectedBeforeItRunsAndRecompiled(@TempDir Path dir) throws Exception {
        Planted.ran = false;
        assertThat(Assertions.catchThrowable(
                        () -> PackCache.readPackages(new ByteArrayInputStream(entryHolding(new Planted())))))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
        // the URLDNS gadget's classes: HashMap is allowed, java.net.URL is not
        Map<Object, String> urlDns = new HashMap<>();
        urlDns.put(new URI("http://netspec.invalid/").toURL(), "x");
        assertThat(Assertions.catchThrowable(
                        () -> PackCache.readPackages(new ByteArrayInputStream(entryHolding(urlDns)))))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");

        PackCache cache = PackCache.in(dir);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.write(entry, framed(RuleEngine.hash(demo), entryHolding(new Planted())));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(lines(RuleEngine.compile(demo, cache).run(demoCluster())))
                    .hasSize(3);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(Planted.ran).as("the planted readObject ran").isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("silent without --debug")
                .isEmpty();
        // recompiled and replaced by an entry the filter accepts
        try (InputStream in = Files.newInputStream(entry)) {
            in.skipNBytes(PackCache.header(RuleEngine.hash(demo)).length);
            assertThat(PackCache.readPackages(in).getKiePackages()).isNotEmpty();
        }
    }

    @Test
    void withDebugARejectedEntryIsOneLineOnStderr(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir).withDebug(true);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.write(entry, framed(RuleEngine.hash(demo), entryHolding(new Planted())));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(RuleEngine.compile(demo, cache).rules()).hasSize(3);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("netspec: ignoring pack cache entry " + entry
                        + " (java.io.InvalidClassException: filter status: REJECTED); recompiling\n");
    }

    @Test
    void theTestPacksRoundTripThroughTheFilter() throws Exception {
        for (String pack : List.of("demo", "exec-model-gap")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PackCache.writePackages(RuleEngine.compileDrl(PackLoader.load(RULES.resolve(pack))), bytes);
            assertThat(PackCache.readPackages(new ByteArrayInputStream(bytes.toByteArray()))
                            .getKiePackages())
                    .as(pack)
                    .isNotEmpty();
        }
    }
}
