package io.netspec.cli;

import io.netspec.engine.load.UnrenderedInput;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code --render}: kustomize trees among the inputs are rendered with {@code kubectl kustomize} (or
 * {@code kustomize build}) from the PATH into a temporary file, which is read instead of the folder and
 * kept, since findings name its lines.
 * Helm charts are not rendered: the release name and values are the user's choice, so the loader's
 * error names the {@code helm template} command.
 */
final class Render {

    /** A render that takes longer is stopped: kustomize may fetch remote bases. */
    private static final long TIMEOUT_SECONDS = 120;

    private Render() {}

    /** The inputs with each kustomize folder replaced by its rendered output; empty when rendering failed. */
    static Optional<List<Path>> inputs(List<Path> inputs, PrintStream err) {
        List<Path> out = new ArrayList<>();
        for (Path input : inputs) {
            Optional<UnrenderedInput.Tree> tree = kustomization(input);
            if (tree.isEmpty()) {
                out.add(input);
                continue;
            }
            Optional<List<String>> command = command(input);
            if (command.isEmpty()) {
                err.println(tree.get().marker() + ":1: --render needs kubectl or kustomize on the PATH; "
                        + "render it yourself: " + tree.get().command());
                return Optional.empty();
            }
            try {
                // kept after netspec exits: the findings' file:line point into it
                Path rendered = Files.createTempFile("netspec-" + safe(input) + "-", ".rendered.yaml");
                Process p = new ProcessBuilder(command.get())
                        .redirectOutput(rendered.toFile())
                        .redirectError(ProcessBuilder.Redirect.PIPE)
                        .start();
                byte[] stderr = p.getErrorStream().readAllBytes();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    err.println(input + ": `" + String.join(" ", command.get()) + "` did not finish in "
                            + TIMEOUT_SECONDS + " s");
                    return Optional.empty();
                }
                if (p.exitValue() != 0) {
                    err.println(input + ": `" + String.join(" ", command.get()) + "` failed (exit " + p.exitValue()
                            + "): " + new String(stderr, StandardCharsets.UTF_8).strip());
                    return Optional.empty();
                }
                err.println("netspec: rendered " + input + " with `" + String.join(" ", command.get())
                        + "`; findings point into " + rendered + " (kept; delete it when done)");
                out.add(rendered);
            } catch (IOException e) {
                err.println(input + ": cannot run " + command.get().get(0) + ": " + e.getMessage());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** A folder with a kustomization file at its top. */
    private static Optional<UnrenderedInput.Tree> kustomization(Path input) {
        if (!Files.isDirectory(input)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(input)) {
            return files.map(UnrenderedInput::markedBy)
                    .flatMap(Optional::stream)
                    .filter(t -> t.kind() == UnrenderedInput.Kind.KUSTOMIZE)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code kubectl kustomize DIR}, else {@code kustomize build DIR}, whichever is on the PATH. */
    private static Optional<List<String>> command(Path dir) {
        if (onPath("kubectl")) {
            return Optional.of(List.of("kubectl", "kustomize", dir.toString()));
        }
        if (onPath("kustomize")) {
            return Optional.of(List.of("kustomize", "build", dir.toString()));
        }
        return Optional.empty();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String safe(Path input) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        return name == null ? "input" : name.toString().replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
