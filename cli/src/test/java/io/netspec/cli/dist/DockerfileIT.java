package io.netspec.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image definition, checked without a container engine (none runs on the machines
 * this is built on): its instructions are read, the files it copies must exist after
 * {@code package}, and its unpack and training steps are run as written on the real archive, with
 * the image's absolute paths mapped into an empty folder.
 */
class DockerfileIT {

    private static final Path ROOT = Path.of(System.getProperty("netspec.root", ".."));
    private static final Path DOCKERFILE = ROOT.resolve("dist/Dockerfile");

    record Instruction(String keyword, String args) {}

    @Test
    void baseIsAPinnedJreAndTheImageRunsAsANonRootUserWithNetspecAsEntrypoint() throws IOException {
        List<Instruction> all = instructions();
        Map<String, String> args = new LinkedHashMap<>();
        all.stream()
                .filter(i -> i.keyword.equals("ARG") && i.args.contains("="))
                .forEach(i ->
                        args.put(i.args.substring(0, i.args.indexOf('=')), i.args.substring(i.args.indexOf('=') + 1)));
        String from = only(all, "FROM");
        String image = from.startsWith("${") ? args.get(from.substring(2, from.length() - 1)) : from;
        assertThat(image).contains("jre").matches("[^:]+:[^:]+").doesNotEndWith(":latest");
        assertThat(only(all, "USER")).matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(only(all, "ENTRYPOINT")).isEqualTo("[\"/opt/netspec/bin/netspec\"]");
    }

    @Test
    void everyCopySourceExistsAfterPackage() throws IOException {
        for (Instruction copy : instructions()) {
            if (!copy.keyword.equals("COPY")) {
                continue;
            }
            String[] words = copy.args.split("\\s+");
            for (int i = 0; i < words.length - 1; i++) {
                assertThat(matches(words[i])).as("COPY source " + words[i]).isNotEmpty();
            }
        }
    }

    @Test
    void unpackAndTrainingStepsLeaveAWorkingNetspecWithATrainedCache(@TempDir Path fakeRoot) throws Exception {
        Optional<Path> java25 = java25();
        assumeTrue(
                java25.isPresent() || System.getenv("CI") != null,
                "no Java 25+ here: the image's AOT training step cannot be rehearsed");
        assertThat(java25)
                .as("a Java 25+ runtime (the image's JRE) for the training step")
                .isPresent();
        Map<String, Path> mapped = Map.of(
                "/opt/netspec", fakeRoot.resolve("opt/netspec"),
                "/tmp/dist", fakeRoot.resolve("tmp/dist"),
                "/tmp/training", fakeRoot.resolve("tmp/training"),
                "/usr/local/bin", fakeRoot.resolve("usr/local/bin"));
        Files.createDirectories(fakeRoot.resolve("usr/local/bin"));
        for (Instruction step : instructions()) {
            switch (step.keyword) {
                case "COPY" -> {
                    String[] words = step.args.split("\\s+");
                    Path dest = Path.of(map(words[words.length - 1], mapped));
                    for (int i = 0; i < words.length - 1; i++) {
                        for (Path source : matches(words[i])) {
                            copyInto(source, dest, words[words.length - 1].endsWith("/"));
                        }
                    }
                }
                case "RUN" -> {
                    if (step.args.contains("useradd")) {
                        continue; // the image's user; nothing of netspec's layout depends on it
                    }
                    ProcessBuilder pb = new ProcessBuilder("sh", "-c", map(step.args, mapped)).inheritIO();
                    pb.environment().put("JAVA_HOME", java25.get().toString());
                    pb.environment().put("HOME", fakeRoot.toString());
                    Process p = pb.start();
                    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitValue()).as("RUN " + step.args).isZero();
                }
                default -> {}
            }
        }
        Path home = fakeRoot.resolve("opt/netspec");
        assertThat(home.resolve("bin/netspec")).isExecutable();
        assertThat(fakeRoot.resolve("usr/local/bin/netspec")).isSymbolicLink();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .contains("netspec.jar")
                    .anyMatch(n -> n.matches("netspec-jdk\\d+\\.aot"));
        }
        assertThat(fakeRoot.resolve("tmp/training")).doesNotExist();
        assertThat(fakeRoot.resolve("tmp/dist")).doesNotExist();
    }

    /** Instructions with line continuations joined and comments dropped. */
    static List<Instruction> instructions() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                out.add(new Instruction(
                        text.substring(0, space), text.substring(space + 1).strip()));
            }
        }
        return out;
    }

    private static String only(List<Instruction> all, String keyword) {
        List<String> found = all.stream()
                .filter(i -> i.keyword.equals(keyword))
                .map(Instruction::args)
                .toList();
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0);
    }

    private static List<Path> matches(String glob) throws IOException {
        Path dir = ROOT.resolve(glob).getParent();
        String name = Path.of(glob).getFileName().toString();
        if (!name.contains("*")) {
            Path p = ROOT.resolve(glob);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> m.matches(p.getFileName())).toList();
        }
    }

    private static String map(String text, Map<String, Path> mapped) {
        String out = text;
        for (Map.Entry<String, Path> e : mapped.entrySet()) {
            out = out.replace(e.getKey(), e.getValue().toString());
        }
        return out;
    }

    private static void copyInto(Path source, Path dest, boolean intoFolder) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path d = dest.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(d);
                    } else {
                        Files.copy(f, d);
                    }
                }
            }
        } else {
            Path d = intoFolder ? dest.resolve(source.getFileName().toString()) : dest;
            Files.createDirectories(d.getParent());
            Files.copy(source, d);
        }
    }

    private static Optional<Path> java25() throws IOException {
        if (Runtime.version().feature() >= 25) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")))
                    .filter(h -> release(h) >= 25)
                    .findFirst();
        }
    }

    private static int release(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return Integer.parseInt(line.substring(14).split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
