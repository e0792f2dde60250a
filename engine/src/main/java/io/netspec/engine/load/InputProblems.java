package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Problems with the inputs as a whole: why a file cannot be read, and inputs with no manifest at all. */
final class InputProblems {

    private InputProblems() {}

    /** The operating system's reason, in words: "permission denied", "no such file or folder", ... */
    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (t instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String message = t.getMessage();
        if (t instanceof IOException && message != null && !message.isBlank()) {
            return message.toLowerCase(Locale.ROOT).startsWith("is a directory") ? "is a folder" : message;
        }
        return t.getClass().getSimpleName();
    }

    /**
     * An error when the paths given hold no Kubernetes object at all (an empty folder, only a README,
     * empty standard input, only comments), so that a mistyped path fails a CI gate instead of passing
     * it. None when an object was read or another error already explains the input.
     */
    static Optional<LoadProblem> noManifests(List<Path> inputs, boolean anyObject, List<LoadProblem> problems) {
        if (anyObject || inputs.isEmpty() || problems.stream().anyMatch(LoadProblem::isError)) {
            return Optional.empty();
        }
        List<String> names = inputs.stream()
                .map(p -> p.toString().equals("-") ? ManifestLoader.STDIN : p.toString())
                .distinct()
                .toList();
        return Optional.of(LoadProblem.error(
                new SourceRef(names.get(0), 0),
                "no Kubernetes manifests found in " + names.stream().collect(Collectors.joining(", "))));
    }
}
