package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netspec.engine.model.NamespaceFact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that are not regular files, and text that is not UTF-8 (issue 16): each is one line naming the path,
 * and the good files beside it are read. Timeouts are safety nets against a hang, not measurements.
 */
class HostilePathsTest {

    @TempDir
    Path dir;

    private Path good(String relative, String name) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n");
        return p;
    }

    private static LoadResult load(Path... paths) {
        return new ManifestLoader(LoadOptions.DEFAULTS, 1).load(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    private static List<String> names(LoadResult r) {
        return r.cluster().namespaces().stream()
                .filter(NamespaceFact::declared)
                .map(NamespaceFact::name)
                .toList();
    }

    private static List<String> errors(LoadResult r) {
        return r.errors().stream().map(LoadProblem::toString).toList();
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("mkfifo", p.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    @Timeout(20)
    void aFifoInAFolderIsNeverOpened() throws Exception {
        good("a.yaml", "a");
        mkfifo(dir.resolve("pipe.yaml"));
        good("z.yaml", "z");
        LoadResult r = load(dir);
        assertThat(errors(r))
                .containsExactly(
                        dir.resolve("pipe.yaml") + ": not a regular file (a FIFO, socket or device); it is not read");
        assertThat(names(r)).containsExactlyInAnyOrder("a", "z");
    }

    @Test
    @Timeout(20)
    void aFifoGivenAsPathIsNeverOpened() throws Exception {
        Path pipe = dir.resolve("pipe");
        mkfifo(pipe);
        LoadResult r = load(pipe, good("a.yaml", "a"));
        assertThat(errors(r)).containsExactly(pipe + ": not a regular file (a FIFO, socket or device); it is not read");
        assertThat(names(r)).containsExactly("a");
    }

    @Test
    @Timeout(20)
    void aDeviceOrALinkToItIsRefusedAndNeverReadToTheEnd() throws IOException {
        Path link = dir.resolve("zero.yaml");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        LoadResult r = load(Path.of("/dev/zero"), dir);
        assertThat(errors(r))
                .containsExactly(
                        "/dev/zero: not a regular file (a FIFO, socket or device); it is not read",
                        link + ": not a regular file (a FIFO, socket or device); it is not read");
    }

    @Test
    void aFileThatLiesAboutItsSizeIsReadOnlyUpToTheLimit() throws IOException {
        // /proc files report size 0 and have content: the read itself is bounded
        LoadOptions tight = new LoadOptions("default", 100, 100, 10);
        LoadResult r = new ManifestLoader(tight, 1)
                .load(List.of(Path.of("/proc/self/status")), new ByteArrayInputStream(new byte[0]));
        assertThat(errors(r))
                .containsExactly("/proc/self/status:1: file is over the limit of 10 bytes; it is not read");
    }

    @Test
    void danglingAndLoopingLinksAreOneLineEachAndTheRestIsRead() throws IOException {
        good("a.yaml", "a");
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("missing.yaml"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/up"), dir);
        good("sub/b.yaml", "b");
        LoadResult r = load(dir);
        assertThat(errors(r))
                .containsExactly(
                        dir.resolve("gone.yaml") + ": dangling symbolic link (to " + dir.resolve("missing.yaml")
                                + "); it is not read",
                        dir.resolve("sub/up") + ": symbolic link loop: this folder (to " + dir
                                + ") is already being read; it is not followed again");
        assertThat(names(r)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aLinkToAFolderGivenAsPathIsFollowed() throws IOException {
        good("real/a.yaml", "a");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, dir.resolve("real"));
        LoadResult r = load(link);
        assertThat(r.problems()).isEmpty();
        assertThat(names(r)).containsExactly("a");
    }

    @Test
    void linksToFilesAndFoldersInsideAFolderAreFollowed() throws IOException {
        good("elsewhere/x/b.yaml", "b");
        good("elsewhere/c.yaml", "c");
        Files.createDirectories(dir.resolve("in"));
        Files.createSymbolicLink(dir.resolve("in/x"), dir.resolve("elsewhere/x"));
        Files.createSymbolicLink(dir.resolve("in/c.yaml"), dir.resolve("elsewhere/c.yaml"));
        LoadResult r = load(dir.resolve("in"));
        assertThat(r.problems()).isEmpty();
        assertThat(names(r)).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void anUnreadableSubFolderIsOneLineAndTheFilesBesideItAreRead() throws IOException {
        good("a.yaml", "a");
        good("z/z.yaml", "z");
        Path locked = dir.resolve("locked");
        good("locked/secret.yaml", "secret");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            if (canList(locked)) {
                // root reads a mode-000 folder; the kernel still refuses some folders to root
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
                deleteTree(locked);
                Path refused = Path.of("/proc/1/map_files");
                assumeTrue(Files.isDirectory(refused) && !canList(refused), "no folder this user cannot list");
                Files.createSymbolicLink(locked, refused);
            }
            LoadResult r = load(dir);
            assertThat(errors(r)).containsExactly(locked + ": cannot read folder: permission denied");
            assertThat(names(r)).containsExactlyInAnyOrder("a", "z");
        } finally {
            if (Files.isDirectory(locked, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    private static boolean canList(Path folder) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            // reading the first entry is what fails in a folder without read permission; its result does not matter
            boolean readable = s.iterator().hasNext() || true;
            return readable;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    @Test
    void utf16And32AreOneNotUtf8Error() throws IOException {
        String text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: wide\n";
        Path bom16 = dir.resolve("bom16.yaml");
        Files.write(bom16, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        Path plain16 = dir.resolve("plain16.yaml");
        Files.write(plain16, text.getBytes(StandardCharsets.UTF_16BE));
        Path plain32 = dir.resolve("plain32.yaml");
        Files.write(plain32, text.getBytes(Charset.forName("UTF-32LE")));
        good("ok.yaml", "ok");
        LoadResult r = load(dir);
        assertThat(errors(r))
                .containsExactly(
                        bom16 + ":1: not UTF-8: the text looks like UTF-16LE (byte order mark FF FE); save it as UTF-8",
                        plain16 + ":1: not UTF-8: the text looks like UTF-16 (no byte order mark); save it as UTF-8",
                        plain32 + ":1: not UTF-8: the text looks like UTF-32 (no byte order mark); save it as UTF-8");
        assertThat(names(r)).containsExactly("ok");
    }
}
