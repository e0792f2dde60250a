package io.netspec.cli;

import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.connectivity.AnalysisProblems;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.load.OperatorTable;
import io.netspec.engine.load.live.LiveResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.check.CheckConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The manifests a command reads: {@code PATH...} (files, folders, {@code -} for stdin) and
 * {@code --namespace}, or a running cluster ({@code --cluster}, {@link ClusterOptions}); with both,
 * the files' objects replace their live versions. Mix it into a command with {@code @Mixin InputOptions inputs;}, then
 * {@code LoadResult r = inputs.load(err); if (r.hasErrors()) return ExitCodes.USAGE;}.
 */
public final class InputOptions {

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Manifest files or folders (folders are read recursively for .yaml, .yml and .json "
                    + "files); - reads stdin. With --cluster: manifests whose objects replace their live versions.")
    List<String> paths = List.of();

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            defaultValue = "default",
            description = "Namespace of objects that name none (default: ${DEFAULT-VALUE}), as kubectl -n would. "
                    + "With --cluster: read only this namespace (default: all).")
    String namespace = "default";

    @Option(
            names = "--render",
            description = "Render kustomize folders among the PATHs with kubectl kustomize (or kustomize build) from "
                    + "the PATH before reading them. Without it, a kustomize folder or Helm chart is an error that "
                    + "names the command to render it.")
    boolean render;

    @Mixin
    CniOption cni = new CniOption();

    @Mixin
    PodCidrOption podCidrs = new PodCidrOption();

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private boolean failed;

    /** The {@code -n} namespace: of objects that name none, and of {@code --from}/{@code --to} names without {@code ns/}. */
    public String namespace() {
        return namespace;
    }

    /**
     * True when only files and stdin are read: no live cluster, nothing rendered by an outside tool. Such a load
     * touches nothing but the inputs, so a command may start it before it knows it will need it ({@link EarlyLoad}).
     */
    boolean filesOnly() {
        return !cluster.enabled() && !render;
    }

    public List<Path> paths() {
        return paths.stream().map(Path::of).toList();
    }

    /**
     * Loads the manifests and prints every problem as {@code FILE:LINE: message} on {@code err}.
     * The caller exits {@link ExitCodes#USAGE} when {@link LoadResult#hasErrors()}.
     */
    public LoadResult load(PrintStream err) {
        return load(err, Optional.empty(), List.of(), List.of());
    }

    /**
     * {@code configured}, {@code configuredPodCidrs}, {@code configuredNodeCidrs}: the {@code cni}, {@code podCIDRs}
     * and {@code nodeCIDRs} of a config file the command was given ({@code check --config}).
     */
    public LoadResult load(
            PrintStream err,
            Optional<NetworkPlugin> configured,
            List<Cidr> configuredPodCidrs,
            List<Cidr> configuredNodeCidrs) {
        String misuse = cluster.misuse();
        if (misuse == null && paths.isEmpty() && !cluster.enabled()) {
            misuse = "give manifest files or folders (PATH...), - for stdin, or --cluster";
        }
        if (misuse != null) {
            err.println("netspec " + commandName() + ": " + misuse);
            err.println("Try 'netspec " + commandName() + " --help' for more information.");
            return unusable();
        }
        Optional<NetworkPlugin> plugin;
        List<Cidr> ranges;
        List<Cidr> nodeRanges;
        try {
            plugin = cni.plugin(configured);
            ranges = podCidrs.ranges(configuredPodCidrs);
            nodeRanges = podCidrs.nodeRanges(configuredNodeCidrs);
        } catch (IllegalArgumentException | CheckConfig.ConfigException e) {
            err.println("netspec: " + e.getMessage());
            return new LoadResult(Cluster.EMPTY, List.of(LoadProblem.error(SourceRef.UNKNOWN, e.getMessage())));
        }
        LoadOptions options =
                LoadOptions.DEFAULTS.withDefaultNamespace(namespace).withPlugin(plugin.orElse(NetworkPlugin.AUTO));
        if (!cluster.enabled()) {
            LoadResult result = files(options, err);
            printProblems(result.problems(), err);
            return PodCidrOption.applied(result, ranges, nodeRanges);
        }
        Optional<LiveResult> live =
                cluster.read(namespaceGiven() ? Optional.of(namespace) : Optional.empty(), options, err);
        if (live.isEmpty()) {
            return unusable();
        }
        LoadResult result = live.get().load();
        if (!paths.isEmpty()) {
            result = overlay(result, files(options, err));
        }
        printProblems(result.problems(), err);
        return PodCidrOption.applied(result, ranges, nodeRanges);
    }

    /**
     * The PATHs' manifests, with the operators of {@code .netspec.yaml} and, with {@code --render},
     * kustomize folders rendered first; a problem there is the result's only problem.
     */
    private LoadResult files(LoadOptions options, PrintStream err) {
        ManifestLoader loader = new ManifestLoader(options);
        Path config = Path.of(CheckConfig.FILE_NAME);
        if (Files.isRegularFile(config)) {
            try {
                // custom resources of the user's own operators are workloads too (the operators key)
                loader = loader.withOperators(OperatorTable.fromConfigFile(config));
            } catch (OperatorTable.TableException e) {
                return new LoadResult(Cluster.EMPTY, List.of(e.toProblem()));
            }
        }
        List<Path> inputs = paths();
        if (render) {
            Optional<List<Path>> rendered = Render.inputs(inputs, err);
            if (rendered.isEmpty()) {
                return new LoadResult(
                        Cluster.EMPTY,
                        List.of(LoadProblem.error(new SourceRef("--render", 0), "rendering failed (see above)")));
            }
            inputs = rendered.get();
        }
        return loader.load(inputs, System.in);
    }

    /** What runs with the files' objects in place of their live versions (same kind, namespace and name). */
    static LoadResult overlay(LoadResult live, LoadResult files) {
        List<LoadProblem> problems = new ArrayList<>(live.problems());
        problems.addAll(files.problems());
        return new LoadResult(live.cluster().applying(files.cluster()), problems);
    }

    /**
     * True when nothing could be read at all (a usage mistake, a cluster that cannot be read): the
     * reason is printed, and even a command that shows a load's errors has nothing to show.
     */
    public boolean failed() {
        return failed;
    }

    /** A load that makes the command exit 2, its reason already printed. */
    private LoadResult unusable() {
        failed = true;
        return new LoadResult(Cluster.EMPTY, List.of(LoadProblem.error(SourceRef.UNKNOWN, "no input")));
    }

    private boolean namespaceGiven() {
        return command != null
                && command.commandLine() != null
                && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--namespace");
    }

    private String commandName() {
        return command == null ? "" : command.name();
    }

    /** Where a command that runs no rules says every analysis problem is listed. */
    static final String LISTED_BY_CHECK = "netspec check reports each as an approximated-policy finding";

    /** Where {@code check} says they are when its approximated-policy rule ran. */
    static final String LISTED_IN_REPORT = "each is an approximated-policy finding in the report";

    /** Where {@code check} says they are when that rule did not run (--no-builtin, disabled). */
    static final String LISTED_WHEN_THE_RULE_RUNS = "the rule approximated-policy reports each when it runs";

    /**
     * Prints what the analysis could not evaluate as written (e.g. two AdminNetworkPolicies with
     * one priority), repeated warnings grouped ({@link AnalysisProblems#grouped}), and returns true when any of
     * it is an error, which makes the command exit 2.
     */
    static boolean printAnalysisProblems(ConnectivityAnalysis analysis, PrintStream err) {
        return printAnalysisProblems(analysis.problems(), LISTED_BY_CHECK, err);
    }

    /** The same, a grouped line naming {@code whereListed} as the place that lists every problem it counts. */
    static boolean printAnalysisProblems(List<AnalysisProblem> problems, String whereListed, PrintStream err) {
        AnalysisProblems.grouped(problems, whereListed).forEach(err::println);
        return problems.stream().anyMatch(AnalysisProblem::isError);
    }

    static void printProblems(List<LoadProblem> problems, PrintStream err) {
        for (LoadProblem p : problems) {
            err.println(p);
        }
        long errors = problems.stream().filter(LoadProblem::isError).count();
        if (errors > 0) {
            err.println("netspec: " + errors + (errors == 1 ? " error" : " errors") + " in the input (exit 2)");
        }
    }
}
