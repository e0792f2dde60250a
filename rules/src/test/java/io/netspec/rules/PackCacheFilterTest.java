package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.PackCache;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pack cache's deserialization allow-list admits every class real packs compile to: the
 * built-in packs' DRL (compiled here as if it were an organisation pack) and examples/acme-pack are
 * read back from the cache, not rejected and recompiled.
 */
class PackCacheFilterTest {

    @Test
    void builtInAndExamplePacksAreReadBackFromTheCache(@TempDir Path dir) throws Exception {
        List<Pack> packs = new ArrayList<>();
        for (Pack p : BuiltInPacks.packs()) { // not builtin: so compiled at run time and cached
            packs.add(new Pack(
                    p.name(),
                    p.version(),
                    p.description(),
                    dir.resolve(p.name()).toString(),
                    p.drlFiles(),
                    Optional.empty()));
        }
        packs.addAll(PackLoader.load(Path.of("../examples/acme-pack")));
        PackCache cache = PackCache.in(dir.resolve("cache"));
        List<String> compiled = RuleEngine.compile(packs, cache).rules().stream()
                .map(RuleInfo::id)
                .toList();
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries.filter(p -> p.toString().endsWith(".bin"))).hasSize(1);
        }

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> cached;
        try {
            cached = RuleEngine.compile(packs, cache.withDebug(true)).rules().stream()
                    .map(RuleInfo::id)
                    .toList();
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).as("no entry rejected").isEmpty();
        assertThat(cached).isEqualTo(compiled).hasSizeGreaterThan(20);
    }
}
