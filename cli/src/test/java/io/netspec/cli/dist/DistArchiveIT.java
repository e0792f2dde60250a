package io.netspec.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: unpacked into an empty folder outside the repository and
 * run with only a Java runtime, on a copy of the examples. Runs after {@code package} (failsafe),
 * because the archive is made there.
 */
class DistArchiveIT {

    private static final String VERSION = System.getProperty("netspec.version");
    private static final Path TARGET = Path.of(System.getProperty("netspec.target", "target"));
    private static final Path EXAMPLES = Path.of(System.getProperty("netspec.examples", "../examples"));

    @TempDir
    static Path work;

    static Path home;
    static Path examples;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = TARGET.resolve("netspec-" + VERSION + ".tar.gz");
        assertThat(archive).as("the release archive").isRegularFile();
        Path install = Files.createDirectories(work.resolve("install"));
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "-C", install.toString())
                .inheritIO()
                .start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        home = install.resolve("netspec-" + VERSION);
        // The shop's specs load an organisation pack from ../../acme-pack: copy both, side by side.
        examples = work.resolve("examples");
        copyTree(EXAMPLES.resolve("shop"), examples.resolve("shop"));
        copyTree(EXAMPLES.resolve("acme-pack"), examples.resolve("acme-pack"));
        copyTree(EXAMPLES.resolve("broken"), examples.resolve("broken"));
    }

    @Test
    void archiveHoldsTheLauncherTheJarTheDocsAndTheLicense() throws IOException {
        assertThat(home.resolve("bin/netspec")).isRegularFile();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/netspec")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("lib/netspec.jar")).isRegularFile();
        assertThat(home.resolve("lib/netspec-cluster.jar")).isRegularFile();
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
        assertThat(home.resolve("README.md")).content().contains("netspec " + VERSION);
        try (Stream<Path> docs = Files.list(home.resolve("docs/rules"))) {
            assertThat(docs.map(p -> p.getFileName().toString())).contains("segmentation.md", "service-discovery.md");
        }
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarball() throws IOException {
        Set<String> zipped = new TreeSet<>();
        try (ZipInputStream zip =
                new ZipInputStream(Files.newInputStream(TARGET.resolve("netspec-" + VERSION + ".zip")))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    zipped.add(e.getName());
                }
            }
        }
        Set<String> unpacked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home.getParent())) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("netspec-jdk.*\\.(aot|jsa)"))
                    .forEach(p -> unpacked.add(home.getParent().relativize(p).toString()));
        }
        assertThat(zipped).isEqualTo(unpacked);
    }

    @Test
    void checksumFilesMatchTheArchivesInSha256sumFormat() throws Exception {
        for (String name : List.of("netspec-" + VERSION + ".tar.gz", "netspec-" + VERSION + ".zip")) {
            String line = Files.readString(TARGET.resolve(name + ".sha256"), StandardCharsets.US_ASCII)
                    .strip();
            assertThat(line).isEqualTo(sha256(TARGET.resolve(name)) + "  " + name);
        }
    }

    @Test
    void checkFindsTheShopsDeliberateWeaknessAndPasses() throws Exception {
        Run run = netspec(Map.of(), "check", examples.resolve("shop").toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.stdout)
                .contains("backend.yaml:100: warning [unknown-dependency]")
                .contains("0 errors, 1 warning");
    }

    @Test
    void checkFailsOnWarningsWhenAsked() throws Exception {
        Run run = netspec(Map.of(), "check", examples.resolve("shop").toString(), "--fail-on", "warning");
        assertThat(run.status).as(run.toString()).isEqualTo(1);
    }

    @Test
    void testRunsTheShopsSpecsAndFailsOnABrokenExample() throws Exception {
        Run pass = netspec(Map.of(), "test", examples.resolve("shop/specs").toString());
        assertThat(pass.status).as(pass.toString()).isZero();
        assertThat(pass.stdout).containsPattern("\\d+ scenarios: \\d+ passed, 0 failed");

        Path broken;
        try (Stream<Path> folders = Files.list(examples.resolve("broken"))) {
            broken = folders.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        Run fail = netspec(Map.of(), "test", broken.toString());
        assertThat(fail.status).as(fail.toString()).isEqualTo(1);
    }

    @Test
    void badInputIsExitTwo() throws Exception {
        Run run = netspec(Map.of(), "check", work.resolve("no-such-folder").toString());
        assertThat(run.status).as(run.toString()).isEqualTo(2);
    }

    @Test
    void versionPrintsTheVersion() throws Exception {
        Run run = netspec(Map.of(), "--version");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.stdout).contains(VERSION);
    }

    @Test
    void firstRealRunTrainsAStartUpCacheBesideTheJarAndLaterRunsUseIt() throws Exception {
        Map<String, String> cacheOn = Map.of("NETSPEC_CACHE", "on");
        Run first = netspec(cacheOn, "check", examples.resolve("shop").toString());
        assertThat(first.status).as(first.toString()).isZero();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.matches("netspec-jdk\\d+\\.(aot|jsa)"));
        }
        Run second = netspec(cacheOn, "check", examples.resolve("shop").toString());
        assertThat(second.stdout).isEqualTo(first.stdout);
        assertThat(second.stderr).isEqualTo(first.stderr);
    }

    @Test
    void givesTheJvmALargerFirstHeapAndOnJava25CompactObjectHeadersBeforeTheUsersOptions() throws Exception {
        List<String> java25 = jvmArguments("25.0.1", "-XX:-UseCompactObjectHeaders");
        assertThat(java25).contains("-XX:+UseParallelGC", "-XX:InitialRAMPercentage=6", "-XX:+UseCompactObjectHeaders");
        // the user's options come after ours, so that theirs win
        assertThat(java25.indexOf("-XX:-UseCompactObjectHeaders"))
                .isGreaterThan(java25.indexOf("-XX:+UseCompactObjectHeaders"));

        // Java 17-24 do not have the option as a product one: it would stop the JVM
        List<String> java21 = jvmArguments("21.0.2", "");
        assertThat(java21).contains("-XX:InitialRAMPercentage=6").doesNotContain("-XX:+UseCompactObjectHeaders");
    }

    /** What the launcher passes to a stand-in java of that version that only writes its arguments down. */
    private static List<String> jvmArguments(String version, String userOptions) throws Exception {
        Path bin = Files.createDirectories(work.resolve("java-" + version + "/bin"));
        Path arguments = bin.resolveSibling("arguments.txt");
        Path java = bin.resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\n"
                        + "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version
                        + "\" 2025-01-01' >&2; exit 0; fi\n"
                        + "printf '%s\\n' \"$@\" > '" + arguments + "'\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Run run = netspec(
                Map.of("NETSPEC_JAVA", java.toString(), "NETSPEC_JAVA_OPTS", userOptions),
                "check",
                examples.resolve("shop").toString());
        assertThat(run.status).as(run.toString()).isZero();
        return Files.readAllLines(arguments);
    }

    @Test
    void aStartUpCacheOlderThanTheLauncherIsTrainedAgain() throws Exception {
        // A copy of the installation, so that the times set here touch no other test's files.
        Path copy = work.resolve("stale-cache");
        copyTree(home, copy);
        Path launcher = copy.resolve("bin/netspec");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Map<String, String> cacheOn = Map.of("NETSPEC_CACHE", "on");
        Run first = netspec(launcher, cacheOn, "check", examples.resolve("shop").toString());
        assertThat(first.status).as(first.toString()).isZero();
        Path cache;
        try (Stream<Path> lib = Files.list(copy.resolve("lib"))) {
            cache = lib.filter(p -> p.getFileName().toString().matches("netspec-jdk\\d+\\.(aot|jsa)"))
                    .findFirst()
                    .orElseThrow();
        }
        // jar < cache < launcher: the jar is the same, but the launcher (its JVM options) is newer
        FileTime now = Files.getLastModifiedTime(launcher);
        Files.setLastModifiedTime(copy.resolve("lib/netspec.jar"), FileTime.fromMillis(now.toMillis() - 20_000));
        Files.setLastModifiedTime(cache, FileTime.fromMillis(now.toMillis() - 10_000));

        Run second =
                netspec(launcher, cacheOn, "check", examples.resolve("shop").toString());
        assertThat(second.stdout).isEqualTo(first.stdout);
        assertThat(second.stderr).isEqualTo(first.stderr);
        FileTime retrained = Files.getLastModifiedTime(cache);
        assertThat(retrained).isGreaterThan(now);

        // a cache newer than both is used as it is
        Run third = netspec(launcher, cacheOn, "check", examples.resolve("shop").toString());
        assertThat(third.stdout).isEqualTo(first.stdout);
        assertThat(Files.getLastModifiedTime(cache)).isEqualTo(retrained);
    }

    @Test
    void refusesAJavaOlderThan17WithOneLine() throws Exception {
        Path fake = Files.createDirectories(work.resolve("old-java/bin"));
        Path java = fake.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        java.toFile().setExecutable(true);
        Run run = netspec(
                Map.of("NETSPEC_JAVA", java.toString()),
                "check",
                examples.resolve("shop").toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.stderr.strip())
                .startsWith("netspec: ")
                .contains("Java 11")
                .contains("17")
                .doesNotContain("\n");
    }

    private record Run(int status, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static Run netspec(Map<String, String> env, String... args) throws Exception {
        return netspec(home.resolve("bin/netspec"), env, args);
    }

    private static Run netspec(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NETSPEC_") || k.equals("JAVA_HOME"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HOME", work.resolve("home").toString());
        pb.environment().put("NETSPEC_CACHE", "off");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/netspec " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
    }
}
