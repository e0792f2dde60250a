package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;

/** Generated manifests loaded for a property (tests). */
final class LoadedClusters {
    private LoadedClusters() {}

    /** The cluster of {@code yaml}, asserting it loads without errors (the YAML is shown when it does not). */
    static Cluster load(String yaml) {
        LoadResult loaded = new ManifestLoader().loadString(yaml, "random.yaml");
        assertThat(loaded.errors()).as(yaml).isEmpty();
        return loaded.cluster();
    }
}
