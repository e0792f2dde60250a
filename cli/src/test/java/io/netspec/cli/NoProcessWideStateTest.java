package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No process-wide state in the production code of any module: no static field holding a mutable
 * collection (a cache belongs to the object whose lifetime it shares: a check's Network, a spec
 * run), and no {@code System.setProperty} (configuration travels as values). A grep, as the issue
 * asks, over the sources, so that a new offender fails here with its file and line.
 */
class NoProcessWideStateTest {

    private static final List<String> MODULES = List.of("engine", "rules", "features", "cluster", "cli");

    /** A static field initialised with a mutable collection, or a synchronized wrapper of one. */
    static final Pattern STATIC_MUTABLE_COLLECTION =
            Pattern.compile("\\bstatic\\b[^(=;]*=\\s*(new\\s+(Hash|LinkedHash|Tree|"
                    + "ConcurrentHash|WeakHash|IdentityHash|ConcurrentSkipList)(Map|Set)\\b|new\\s+(ArrayList|LinkedList|ArrayDeque|"
                    + "CopyOnWriteArrayList)\\b|Collections\\.synchronized|ConcurrentHashMap\\.newKeySet|\\w*lru\\()");

    static final Pattern SET_PROPERTY =
            Pattern.compile("System\\s*\\.\\s*(setProperty|clearProperty|setProperties)\\s*\\(");

    @Test
    void noStaticMutableCachesAndNoSystemPropertiesInProductionCode() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            if (!Files.isDirectory(sources)) {
                continue; // the rules module is DRL only
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (STATIC_MUTABLE_COLLECTION.matcher(line).find()
                                || SET_PROPERTY.matcher(line).find()) {
                            offenders.add(file + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(offenders).as("process-wide state").isEmpty();
        assertThat(Files.isDirectory(Path.of("../engine/src/main/java/io/netspec/engine/rules")))
                .as("sources found")
                .isTrue();
    }

    /** The patterns are not vacuous: they catch what they are meant to catch, and leave constants alone. */
    @Test
    void thePatternsCatchDeliberateOffendersOnly() {
        assertThat(STATIC_MUTABLE_COLLECTION
                        .matcher(
                                "private static final Map<String, LoadResult> LOADED = Collections.synchronizedMap(new HashMap<>());")
                        .find())
                .isTrue();
        assertThat(STATIC_MUTABLE_COLLECTION
                        .matcher("private static final List<X> RECENT = new ArrayList<>();")
                        .find())
                .isTrue();
        assertThat(STATIC_MUTABLE_COLLECTION
                        .matcher("private static final Map<String, LoadResult> LOADED = lru(64);")
                        .find())
                .isTrue();
        assertThat(SET_PROPERTY
                        .matcher("System.setProperty(KUBECONFIG_PROPERTY, file.toString());")
                        .find())
                .isTrue();
        assertThat(STATIC_MUTABLE_COLLECTION
                        .matcher("static final Map<String, Integer> PORTS = Map.of(\"tcp\", 6);")
                        .find())
                .isFalse();
        assertThat(STATIC_MUTABLE_COLLECTION
                        .matcher("List<String> out = new ArrayList<>();")
                        .find())
                .isFalse();
    }
}
