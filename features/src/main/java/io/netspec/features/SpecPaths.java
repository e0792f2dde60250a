package io.netspec.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Paths of feature files and of the manifests they name, as the user gave them: Cucumber hands
 * out absolute URIs, and a user who typed {@code ../specs} expects {@code ../specs/x.feature} in
 * messages, like every other netspec command prints. The feature paths of the run (as given) are
 * the settings of the {@link SpecRun} bound to the thread.
 */
public final class SpecPaths {

    private SpecPaths() {}

    /** The run's feature paths as given. */
    static List<Path> roots() {
        return SpecRun.current().settings().featureRoots();
    }

    /**
     * {@code path} in the form the user gave for the feature path that holds it: below a root
     * given as {@code ../specs}, {@code ../specs/sub/x.feature}; with no such root, relative to
     * the working directory when below it, else absolute.
     */
    public static Path display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Optional<Path> root = roots().stream()
                .filter(r -> abs.startsWith(r.toAbsolutePath().normalize()))
                .max(Comparator.comparingInt(r -> r.toAbsolutePath().normalize().getNameCount()));
        if (root.isPresent()) {
            Path given = root.get();
            Path shown = given.resolve(given.toAbsolutePath().normalize().relativize(abs))
                    .normalize();
            return shown.toString().isEmpty() ? Path.of(".") : shown;
        }
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    /** A feature's URI as the user gave its path; other schemes (classpath:) as they are. */
    public static String display(URI uri) {
        return "file".equals(uri.getScheme()) ? display(Path.of(uri)).toString() : uri.toString();
    }
}
