package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import java.util.Random;

/** The random Cilium and Calico clusters of a seed, loaded (and asserted to load without errors). */
public final class RandomLayerClusters {

    private RandomLayerClusters() {}

    /** {@link RandomCiliumClusters}' cluster of {@code seed}. */
    public static Cluster cilium(long seed) {
        return load(seed, new RandomCiliumClusters(seed).next());
    }

    /** {@link RandomCalicoClusters}' cluster of {@code seed}, with one or two replicas of each pod. */
    public static Cluster calico(long seed) {
        Random r = new Random(seed);
        return load(seed, RandomCalicoClusters.cluster(r, 1 + r.nextInt(2)));
    }

    private static Cluster load(long seed, String manifests) {
        LoadResult loaded = new ManifestLoader().loadString(manifests, "random.yaml");
        assertThat(loaded.errors()).as("seed %d:\n%s", seed, manifests).isEmpty();
        return loaded.cluster();
    }
}
