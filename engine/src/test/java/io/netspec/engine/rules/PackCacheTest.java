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
}
