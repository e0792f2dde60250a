package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions loaded together ({@link ManifestLoader#loadVersions}) give exactly what two separate
 * loads give: the same facts under each version's own file names, the same problems in the same order,
 * whether a file is the same on both sides, changed, only on one side, or broken.
 */
class LoadVersionsTest {

    private static final String BROKEN = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x\n";
    private static final String BAD_OBJECT = "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\n"
            + "spec: {ports: [{port: notaport}]}\n---\napiVersion: v1\nkind: Widget\nmetadata: {name: w}\n";

    @Test
    void eachVersionIsWhatItsOwnLoadGives(@TempDir Path dir) throws IOException {
        Path older = dir.resolve("old");
        Path newer = dir.resolve("new");
        for (Path side : List.of(older, newer)) {
            copy(Path.of("../examples/shop"), side);
            copy(Path.of("../examples/calico"), side.resolve("calico"));
            // the same broken file on both sides: read on each side on its own, problems named per side
            Files.writeString(side.resolve("broken.yaml"), BROKEN);
            Files.writeString(side.resolve("objects.yaml"), BAD_OBJECT);
        }
        Path changed = newer.resolve("backend.yaml");
        Files.writeString(changed, Files.readString(changed).replace("app: api", "app: api2"));
        Files.delete(newer.resolve("data.yaml"));
        Files.writeString(newer.resolve("only-new.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n");
        assertThat(Files.readString(changed)).contains("app: api2");

        ManifestLoader loader = new ManifestLoader();
        ManifestLoader.Versions both = loader.loadVersions(older, newer, empty());

        LoadResult alone = loader.load(List.of(older), empty());
        LoadResult newAlone = loader.load(List.of(newer), empty());
        assertThat(both.older()).isEqualTo(alone);
        assertThat(both.newer()).isEqualTo(newAlone);
        assertThat(both.newer().problems())
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.source().file()).startsWith(newer.toString()));
        assertThat(both.newer().cluster().workloads())
                .allSatisfy(w -> assertThat(w.source().file()).startsWith(newer.toString()));
        assertThat(both.older().cluster()).isNotEqualTo(both.newer().cluster());
        // 16 example files less the changed and the deleted one, plus objects.yaml; not broken.yaml
        assertThat(both.parsedOnce()).isEqualTo(15);
    }

    @Test
    void filesAndStandardInputAreLoadedOneByOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        ManifestLoader loader = new ManifestLoader();
        ManifestLoader.Versions both = loader.loadVersions(
                file,
                Path.of("-"),
                new ByteArrayInputStream(
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(both.older().cluster().namespaces())
                .extracting(n -> n.name())
                .containsExactly("a");
        assertThat(both.newer().cluster().namespaces())
                .extracting(n -> n.name())
                .containsExactly("b");
        assertThat(both.parsedOnce()).isZero();
    }

    private static ByteArrayInputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
