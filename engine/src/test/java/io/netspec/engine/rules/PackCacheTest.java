package io.netspec.engine.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.netspec.engine.rules.PrecompiledPacksTest.demoCluster;
import static io.netspec.engine.rules.PrecompiledPacksTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

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

        // Prove the second run reads the entry rather than compiling: plant another pack's
        // compiled form under the demo's key, and the demo "compiles" to that pack's rules.
        List<Pack> other = PackLoader.load(RULES.resolve("exec-model-gap"));
        RuleEngine.compile(other, cache);
        Path otherEntry = cache.file(RuleEngine.hash(other));
        assertThat(otherEntry).exists();
        assertThat(RuleEngine.compile(demo, cache).rules()).extracting(RuleInfo::id).containsExactly(
                "dangling-service", "host-network", "workload-not-isolated");
        Files.copy(otherEntry, cache.file(RuleEngine.hash(demo)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(RuleEngine.compile(demo, cache).rules()).extracting(RuleInfo::id).containsExactly("crowded-namespace");

        Files.delete(cache.file(RuleEngine.hash(demo)));
        assertThat(lines(RuleEngine.compile(demo, cache).run(demoCluster()))).isEqualTo(compiled).hasSize(3);
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
        assertThat(RuleEngine.compile(demo, PackCache.in(file.resolve("cache"))).rules()).hasSize(3);
        assertThat(entries(dir)).isEmpty();
    }

    /** An entry as {@link PackCache#writePackages} frames it, holding {@code objects} instead of packages. */
    static byte[] entryHolding(Object... objects) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new org.drools.base.common.DroolsObjectOutputStream(bytes)) {
            out.writeObject(new java.util.ArrayList<>(List.of(objects)));
        }
        return bytes.toByteArray();
    }

    @Test
    void anEntryHoldingADisallowedClassIsRejectedBeforeItRunsAndRecompiled(@TempDir Path dir) throws Exception {
        io.netspec.testgadget.Planted.ran = false;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PackCache.readPackages(
                new java.io.ByteArrayInputStream(entryHolding(new io.netspec.testgadget.Planted())))))
                .isInstanceOf(java.io.InvalidClassException.class).hasMessageContaining("REJECTED");
        // the URLDNS gadget's classes: HashMap is allowed, java.net.URL is not
        java.util.Map<Object, String> urlDns = new java.util.HashMap<>();
        urlDns.put(new java.net.URI("http://netspec.invalid/").toURL(), "x");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PackCache.readPackages(
                new java.io.ByteArrayInputStream(entryHolding(urlDns)))))
                .isInstanceOf(java.io.InvalidClassException.class).hasMessageContaining("REJECTED");

        PackCache cache = PackCache.in(dir);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.write(entry, entryHolding(new io.netspec.testgadget.Planted()));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(lines(RuleEngine.compile(demo, cache).run(demoCluster()))).hasSize(3);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(io.netspec.testgadget.Planted.ran).as("the planted readObject ran").isFalse();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as("silent without --debug").isEmpty();
        // recompiled and replaced by an entry the filter accepts
        try (java.io.InputStream in = Files.newInputStream(entry)) {
            assertThat(PackCache.readPackages(in).getKiePackages()).isNotEmpty();
        }
    }

    @Test
    void withDebugARejectedEntryIsOneLineOnStderr(@TempDir Path dir) throws Exception {
        PackCache cache = PackCache.in(dir);
        List<Pack> demo = PackLoader.load(RULES.resolve("demo"));
        Path entry = cache.file(RuleEngine.hash(demo));
        Files.write(entry, entryHolding(new io.netspec.testgadget.Planted()));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setProperty(PackCache.DEBUG_PROPERTY, "true");
        try {
            assertThat(RuleEngine.compile(demo, cache).rules()).hasSize(3);
        } finally {
            System.clearProperty(PackCache.DEBUG_PROPERTY);
            System.setErr(oldErr);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("netspec: ignoring pack cache entry "
                + entry + " (java.io.InvalidClassException: filter status: REJECTED); recompiling\n");
    }

    @Test
    void theTestPacksRoundTripThroughTheFilter() throws Exception {
        for (String pack : List.of("demo", "exec-model-gap")) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            PackCache.writePackages(RuleEngine.compileDrl(PackLoader.load(RULES.resolve(pack))), bytes);
            assertThat(PackCache.readPackages(new java.io.ByteArrayInputStream(bytes.toByteArray())).getKiePackages())
                    .as(pack).isNotEmpty();
        }
    }
}
