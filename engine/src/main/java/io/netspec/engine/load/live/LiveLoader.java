package io.netspec.engine.load.live;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.load.NamedDocument;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a live cluster into facts: every object through the same loader as a file, so every reader,
 * check and error message applies unchanged. ConfigMaps are read in a second step, and only those
 * the workloads refer to: rules read their values for service addresses, and nothing else in a
 * ConfigMap matters to netspec.
 */
public final class LiveLoader {

    private LiveLoader() {}

    public static LiveResult load(LiveCluster cluster, LoadOptions options, Consumer<String> progress)
            throws ClusterException {
        Listing listed = cluster.list(progress);
        ManifestLoader loader = new ManifestLoader(options);
        progress.accept("reading objects");
        LoadResult first = loader.loadDocuments(listed.objects());
        Set<ObjectName> referenced = new LinkedHashSet<>();
        for (Workload w : first.cluster().workloads()) {
            w.configMapRefs().forEach(ref -> referenced.add(new ObjectName(w.namespace(), ref.configMap())));
        }
        List<String> absent = new ArrayList<>(listed.absent());
        List<Denied> denied = new ArrayList<>(listed.denied());
        if (referenced.isEmpty()) {
            return new LiveResult(cluster.context(), first, absent, denied);
        }
        Listing configMaps = cluster.configMaps(referenced, progress);
        denied.addAll(configMaps.denied());
        if (configMaps.objects().isEmpty()) {
            return new LiveResult(cluster.context(), first, absent, denied);
        }
        List<NamedDocument> all = new ArrayList<>(listed.objects());
        all.addAll(configMaps.objects());
        progress.accept("reading objects");
        return new LiveResult(cluster.context(), loader.loadDocuments(all), absent, denied);
    }
}
