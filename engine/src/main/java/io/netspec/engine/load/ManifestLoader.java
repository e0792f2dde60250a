package io.netspec.engine.load;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads Kubernetes manifests into a {@link io.netspec.engine.model.Cluster}. Never throws for bad
 * input: every problem becomes a {@link LoadProblem} naming file and line, and the good
 * documents alongside are still read.
 */
public final class ManifestLoader {

    private final LoadOptions options;

    public ManifestLoader(LoadOptions options) {
        this.options = options;
    }

    public ManifestLoader() {
        this(LoadOptions.DEFAULTS);
    }

    public LoadOptions options() {
        return options;
    }

    /**
     * Loads files and folders (recursively: {@code .yaml}, {@code .yml}, {@code .json}). The
     * path {@code -} reads {@code stdin}.
     */
    public LoadResult load(List<Path> inputs, InputStream stdin) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public LoadResult load(List<Path> inputs) {
        return load(inputs, System.in);
    }

    /** Loads manifests given as text (a doc string in a spec, a test); {@code sourceName} names it in errors. */
    public LoadResult loadString(String text, String sourceName) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
