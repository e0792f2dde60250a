package io.netspec.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netspec.engine.load.live.ClusterException;
import io.netspec.engine.load.live.ClusterRequest;
import io.netspec.engine.load.live.ClusterSource;
import io.netspec.engine.load.live.LiveCluster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterSource} on the fabric8 client: kubeconfig files and contexts, exec credential
 * plugins and in-cluster service accounts as the client supports them. Registered in
 * {@code META-INF/services}.
 */
public final class Fabric8Source implements ClusterSource {

    /** The system property the client reads the kubeconfig path from (like KUBECONFIG, which it also reads). */
    private static final String KUBECONFIG_PROPERTY = "kubeconfig";

    @Override
    public LiveCluster connect(ClusterRequest request) throws ClusterException {
        Config config = configure(request);
        int millis = (int) Math.min(Integer.MAX_VALUE, request.timeout().toMillis());
        config.setRequestTimeout(millis);
        config.setConnectionTimeout(millis);
        config.setRequestRetryBackoffLimit(request.retries());
        config.setRequestRetryBackoffInterval(500);
        String context = Optional.ofNullable(config.getCurrentContext())
                .map(NamedContext::getName)
                .orElse("in-cluster");
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        return new Fabric8Cluster(client, context, config.getMasterUrl(), request);
    }

    /**
     * The client's configuration for the request's kubeconfig and context, checked so that mistakes are one line.
     * A {@code --kubeconfig} file is read as a value ({@link Config#fromKubeconfig(String, File)}), not through
     * the {@value #KUBECONFIG_PROPERTY} system property, which would change it for the whole JVM.
     */
    static Config configure(ClusterRequest request) throws ClusterException {
        Optional<File> file = Optional.empty();
        if (request.kubeconfig().isPresent()) {
            Path given = request.kubeconfig().get();
            if (!Files.isRegularFile(given)) {
                throw new ClusterException("--kubeconfig " + given + ": no such file");
            }
            file = Optional.of(given.toFile());
        } else if (!anyKubeconfig() && !inCluster()) {
            throw new ClusterException("no kubeconfig found (KUBECONFIG, ~/.kube/config) and not running in a pod;"
                    + " give --kubeconfig FILE");
        }
        try {
            Config current = load(file, null);
            if (request.context().isPresent()) {
                String wanted = request.context().get();
                List<String> names = current.getContexts() == null
                        ? List.of()
                        : current.getContexts().stream()
                                .map(NamedContext::getName)
                                .sorted()
                                .toList();
                if (!names.contains(wanted)) {
                    throw new ClusterException("unknown context '" + wanted + "' in the kubeconfig"
                            + (names.isEmpty() ? " (it has none)" : "; contexts: " + String.join(", ", names)));
                }
                return load(file, wanted);
            }
            if (current.getCurrentContext() == null && !inCluster()) {
                throw new ClusterException("the kubeconfig has no current context; give --context NAME");
            }
            return current;
        } catch (RuntimeException e) {
            // a malformed kubeconfig or a failing exec credential plugin
            throw new ClusterException("cannot use the kubeconfig: " + Failures.oneLine(e), e);
        }
    }

    /** The given kubeconfig file's configuration, else the client's own search (KUBECONFIG, ~/.kube/config, a pod). */
    private static Config load(Optional<File> file, String context) {
        return file.isPresent() ? Config.fromKubeconfig(context, file.get()) : Config.autoConfigure(context);
    }

    private static boolean anyKubeconfig() {
        if (System.getProperty(KUBECONFIG_PROPERTY) != null) {
            return true;
        }
        return Config.getKubeconfigFilenames().stream().anyMatch(f -> new File(f).isFile());
    }

    /** A pod's service account, as the client would use it. */
    private static boolean inCluster() {
        return System.getenv("KUBERNETES_SERVICE_HOST") != null
                && Files.isRegularFile(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
    }
}
