package io.netspec.cli;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.live.ClusterException;
import io.netspec.engine.load.live.ClusterRequest;
import io.netspec.engine.load.live.ClusterSource;
import io.netspec.engine.load.live.Denied;
import io.netspec.engine.load.live.LiveCluster;
import io.netspec.engine.load.live.LiveLoader;
import io.netspec.engine.load.live.LiveResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --cluster} and its options, shared by every command that reads manifests (through
 * {@link InputOptions}, and by {@code diff} and {@code test} directly). The client library is
 * reached through {@link ClusterSource#find()} only when {@code --cluster} is given, so that a
 * command reading files never loads it.
 *
 * <p>A read the credentials could not complete (a forbidden resource) still runs the command on
 * what was read; {@link Main} then turns its exit code into 2 unless {@code --partial}
 * ({@link #exitCode(int, PrintStream)}).
 */
public final class ClusterOptions {

    @Option(
            names = "--cluster",
            description =
                    "Read the objects from a running cluster (the kubeconfig's current context) instead of files. "
                            + "Secrets are never read; ConfigMaps only when a workload refers to them. Sources read "
                            + "cluster:CONTEXT/KIND/NS/NAME where files show FILE:LINE.")
    boolean cluster;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "With --cluster: the kubeconfig context to read (default: the current one).")
    String context;

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description =
                    "With --cluster: the kubeconfig file (default: KUBECONFIG, else ~/.kube/config, else the pod's service account).")
    Path kubeconfig;

    @Option(
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "With --cluster: seconds one request to the API server may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 30;

    @Option(
            names = "--partial",
            description = "With --cluster: when the credentials may not read some resources, exit as usual on what "
                    + "could be read instead of 2.")
    boolean partial;

    private LiveResult read;

    public boolean enabled() {
        return cluster;
    }

    /** Options that only mean something with {@code --cluster}, given without it: a usage error (null when fine). */
    String misuse() {
        if (cluster) {
            return timeoutSeconds <= 0 ? "--request-timeout must be a positive number of seconds" : null;
        }
        if (context != null) {
            return "--context needs --cluster";
        }
        if (kubeconfig != null) {
            return "--kubeconfig needs --cluster";
        }
        return partial ? "--partial needs --cluster" : null;
    }

    /**
     * Reads the cluster and prints what could not be read; empty when it cannot be read at all (the
     * reason is printed as one line, and the command exits 2).
     *
     * @param namespace {@code -n} when given: only that namespace
     */
    public Optional<LiveResult> read(Optional<String> namespace, LoadOptions options, PrintStream err) {
        Optional<ClusterSource> source = ClusterSource.find();
        if (source.isEmpty()) {
            err.println("netspec: --cluster needs " + ClusterSource.JAR + " beside netspec.jar, and it is not there"
                    + " (rebuild netspec: mvn -B -DskipTests package)");
            return Optional.empty();
        }
        ClusterRequest request = ClusterRequest.of(
                        Optional.ofNullable(kubeconfig), Optional.ofNullable(context), namespace)
                .withTimeout(Duration.ofSeconds(timeoutSeconds));
        Progress.phase("connecting to the cluster");
        // the client finds its own parts (HTTP client, model types) through the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(source.get().getClass().getClassLoader());
        try (LiveCluster live = source.get().connect(request)) {
            LiveResult result = LiveLoader.load(live, options, Progress::phase);
            if (!result.absent().isEmpty()) {
                err.println("netspec: cluster " + result.context() + ": not installed, nothing to read: "
                        + String.join(", ", result.absent()));
            }
            for (Denied d : result.denied()) {
                err.println("netspec: cluster " + result.context() + ": " + d.describe());
            }
            read = result;
            return Optional.of(result);
        } catch (ClusterException e) {
            err.println("netspec: cluster" + (context == null ? "" : " " + context) + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * The command's exit code, made 2 when the read was incomplete and {@code --partial} was not
     * given; says so on {@code err}.
     */
    int exitCode(int code, PrintStream err) {
        if (read == null || !read.incomplete()) {
            return code;
        }
        int n = read.denied().size();
        if (partial) {
            err.println("netspec: cluster " + read.context() + ": incomplete read (" + n + " forbidden); --partial: "
                    + "exit " + code + " on what could be read");
            return code;
        }
        err.println("netspec: cluster " + read.context() + ": incomplete read (" + n + " forbidden): the results above "
                + "leave those objects out; exit 2 (--partial accepts an incomplete read)");
        return Math.max(code, ExitCodes.USAGE);
    }

    /** The options of the command being run (directly or inside a mixin such as {@link InputOptions}), if it has any. */
    static Optional<ClusterOptions> of(CommandSpec spec) {
        if (spec.userObject() instanceof ClusterOptions c) {
            return Optional.of(c);
        }
        for (CommandSpec mixin : spec.mixins().values()) {
            Optional<ClusterOptions> found = of(mixin);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
