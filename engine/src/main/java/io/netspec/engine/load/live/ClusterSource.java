package io.netspec.engine.load.live;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A way to reach a running cluster. Found with {@link ServiceLoader} ({@link #find()}), so that a
 * command that reads files never loads the client library.
 */
public interface ClusterSource {

    /** The jar of the implementation and its libraries, beside netspec.jar (not inside it: start-up). */
    String JAR = "netspec-cluster.jar";

    /**
     * Resolves the kubeconfig and context (or the pod's service account) and opens a client.
     * Nothing is requested from the API server yet.
     *
     * @throws ClusterException an unknown context, an unreadable kubeconfig, no configuration at all
     */
    LiveCluster connect(ClusterRequest request) throws ClusterException;

    /**
     * The implementation: on the class path (tests, an embedding application), else in
     * {@value #JAR} beside the jar this class came from, loaded now in a class loader of its own.
     */
    static Optional<ClusterSource> find() {
        ClassLoader own = ClusterSource.class.getClassLoader();
        Optional<ClusterSource> found =
                ServiceLoader.load(ClusterSource.class, own).findFirst();
        if (found.isPresent()) {
            return found;
        }
        try {
            Path here = Path.of(ClusterSource.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path jar = here.resolveSibling(JAR);
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            URLClassLoader loader =
                    new URLClassLoader("netspec-cluster", new URL[] {jar.toUri().toURL()}, own);
            return ServiceLoader.load(ClusterSource.class, loader).findFirst();
        } catch (URISyntaxException | MalformedURLException | SecurityException | NullPointerException e) {
            return Optional.empty(); // no code source to look beside
        }
    }
}
