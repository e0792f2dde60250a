package io.netspec.cli;

import io.netspec.cli.diff.DiffLine;
import io.netspec.cli.diff.DiffRenderers;
import io.netspec.cli.html.ReportData;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.EndpointRef;
import io.netspec.engine.connectivity.Evidence;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.connectivity.ReachDiff;
import io.netspec.engine.connectivity.ReachDiff.Change;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.load.live.LiveResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.report.Ansi;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.runtime.Timing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netspec diff}: what a change to the manifests opens and closes. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare the connectivity of two versions of the manifests: which connections a change opens (+), "
                    + "which it closes (-), and which workloads appear or disappear.",
            "",
            "OLD and NEW are each a manifest file or folder, e.g. a checkout before and after a pull request. "
                    + "Workloads are compared by ns/name[Kind]; addresses outside the cluster address by address, "
                    + "so ipBlocks cut differently with the same meaning give no difference.",
            "",
            "The cost follows the change: files with the same bytes in OLD and NEW are parsed once, and only the "
                    + "workloads whose class or policy rules (any layer) changed are compared. A change that is not "
                    + "local (another CNI plugin, a repeated workload id, over a quarter of the workloads reached, "
                    + "e.g. by a namespace label or a changed cluster-wide policy) is compared in full: same result, "
                    + "more time. Unchanged policies of any layer cost nothing, cluster-wide Calico and Cilium ones "
                    + "included.",
            ""
        },
        footer = {
            "",
            "Output (text):",
            "  + workload shop/cache[Deployment] (new/cache.yaml:1)",
            "  - shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432",
            "  + shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432",
            "",
            "  1 connection added, 1 removed; 1 workload added, 0 removed",
            "",
            "Examples:",
            "  git worktree add /tmp/base origin/main && netspec diff /tmp/base/k8s k8s",
            "  netspec diff --cluster k8s/                 # what applying k8s/ to the cluster would change",
            "  netspec diff --cluster --context prod k8s/ --fail-on-added",
            "  netspec diff old/ new/ --to shop/db --explain",
            "  netspec diff old/ new/ --fail-on-added --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
            "  netspec diff old/ new/ -f json -o reports/diff.json   # missing folders are created",
            "",
            "Exit codes: 0 compared (whatever the difference), 1 with --fail-on-added when a connection was added, "
                    + "2 bad input or usage."
        })
final class DiffCommand implements Callable<Integer>, FormattedCommand, Session.Aware {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "+ and - lines, then the counts"),
            Formats.entry(OutputFormat.JSON, "the changes and counts (schema netspec.diff/v1)"),
            Formats.entry(
                    OutputFormat.MARKDOWN,
                    "a table and a Mermaid diagram of the changed connections, " + "for a pull-request comment"),
            Formats.entry(
                    OutputFormat.HTML,
                    "NEW's graph with added and removed connections and workloads marked; " + "see 'netspec report'"));

    @Parameters(
            index = "0",
            paramLabel = "OLD",
            description = "The manifests before the change: a file or folder (- for stdin). "
                    + "With --cluster: the manifests of the change, compared with what runs.")
    String oldPath;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "NEW",
            description = "The manifests after the change: a file or folder (- for stdin). Not with --cluster.")
    String newPath;

    /** {@code --cluster}: OLD is what runs, NEW is what runs with the files' objects in place of their live versions. */
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            defaultValue = "default",
            description = "Namespace of objects that name none (default: ${DEFAULT-VALUE}), on both sides.")
    String namespace = "default";

    /** For both sides. */
    @Mixin
    CniOption cni = new CniOption();

    /** For both sides. */
    @Mixin
    PodCidrOption podCidrs = new PodCidrOption();

    @Mixin
    OutputOptions output = new OutputOptions();

    Session session = Session.DEFAULT;

    @Option(
            names = "--from",
            paramLabel = "REF",
            description = "Only connections from this source: ns/name, ns/name[Kind], or an IPv4 address or CIDR.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "REF",
            description = "Only connections to this destination (same forms as --from).")
    String to;

    @Option(names = "--fail-on-added", description = "Exit 1 when some connection was added.")
    boolean failOnAdded;

    @Option(
            names = "--explain",
            description = "Under each added connection, the NEW side's policy rules that allow it (file:line).")
    boolean explain;

    @Override
    public Formats formats() {
        return FORMATS;
    }

    @Override
    public void session(Session s) {
        session = s;
    }

    @Override
    public Integer call() {
        Optional<OutputFormat> fmt = output.format("diff", FORMATS, System.err);
        if (fmt.isEmpty()) {
            return ExitCodes.USAGE;
        }
        String misuse = cluster.misuse();
        if (misuse == null && cluster.enabled() && newPath != null) {
            misuse = "with --cluster give one PATH: the manifests to compare with what runs";
        }
        if (misuse == null && !cluster.enabled() && newPath == null) {
            misuse = "give OLD and NEW, or --cluster and the manifests of the change";
        }
        if (misuse != null) {
            System.err.println("netspec diff: " + misuse);
            return ExitCodes.USAGE;
        }
        if (!cluster.enabled() && oldPath.equals("-") && newPath.equals("-")) {
            System.err.println("netspec diff: only one of OLD and NEW can be - (stdin)");
            return ExitCodes.USAGE;
        }
        Optional<NetworkPlugin> plugin;
        List<Cidr> ranges;
        List<Cidr> nodeRanges;
        try {
            plugin = cni.plugin(Optional.empty());
            ranges = podCidrs.ranges(List.of());
            nodeRanges = podCidrs.nodeRanges(List.of());
        } catch (IllegalArgumentException | CheckConfig.ConfigException e) {
            System.err.println("netspec diff: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LoadOptions options =
                LoadOptions.DEFAULTS.withDefaultNamespace(namespace).withPlugin(plugin.orElse(NetworkPlugin.AUTO));
        ManifestLoader loader = new ManifestLoader(options);
        LoadResult before;
        LoadResult after;
        if (cluster.enabled()) {
            boolean limited = spec.commandLine().getParseResult().hasMatchedOption("--namespace");
            Optional<LiveResult> live =
                    cluster.read(limited ? Optional.of(namespace) : Optional.empty(), options, System.err);
            if (live.isEmpty()) {
                return ExitCodes.USAGE;
            }
            before = live.get().load();
            InputOptions.printProblems(before.problems(), System.err);
            Progress.phase("loading manifests");
            LoadResult change = loader.load(List.of(Path.of(oldPath)), System.in);
            InputOptions.printProblems(change.problems(), System.err);
            after = InputOptions.overlay(new LoadResult(before.cluster(), List.of()), change);
        } else {
            Progress.phase("loading manifests");
            // files the same on both sides are parsed once
            ManifestLoader.Versions versions = loader.loadVersions(Path.of(oldPath), Path.of(newPath), System.in);
            before = versions.older();
            InputOptions.printProblems(before.problems(), System.err);
            after = versions.newer();
            InputOptions.printProblems(after.problems(), System.err);
        }
        Timing.mark("manifests loaded");
        if (before.hasErrors() || after.hasErrors()) {
            return ExitCodes.USAGE;
        }
        before = PodCidrOption.applied(before, ranges, nodeRanges);
        after = PodCidrOption.applied(after, ranges, nodeRanges);
        Endpoint source;
        Endpoint destination;
        try {
            source = from == null ? null : resolve(before.cluster(), after.cluster(), from);
            destination = to == null ? null : resolve(before.cluster(), after.cluster(), to);
        } catch (EndpointRef.UnknownEndpointException e) {
            System.err.println("netspec diff: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Progress.phase("computing connectivity");
        ConnectivityAnalysis[] analyses = analyse(before.cluster(), after.cluster());
        ConnectivityAnalysis older = analyses[0];
        ConnectivityAnalysis newer = analyses[1];
        Timing.mark("connectivity analysed");
        boolean analysisErrors = InputOptions.printAnalysisProblems(older, System.err);
        analysisErrors |= InputOptions.printAnalysisProblems(newer, System.err);
        ReachDiff.Result all = ReachDiff.of(older, newer, Timing::mark);
        Timing.mark("reach compared");
        List<ReachDiff.WorkloadChange> workloads = all.workloads().stream()
                .filter(w ->
                        (source == null && destination == null) || isWorkload(source, w) || isWorkload(destination, w))
                .toList();
        List<DiffLine> lines = new ArrayList<>();
        for (ReachDiff.Line line : all.lines()) {
            ReachDiff.Line narrowed = narrow(line, source, destination);
            if (narrowed != null) {
                boolean withEvidence = explain && narrowed.change() == Change.ADDED;
                lines.add(new DiffLine(narrowed, withEvidence ? evidence(newer, narrowed) : List.of()));
            }
        }
        Progress.phase("writing report");
        if (fmt.get() == OutputFormat.HTML) {
            return html(older, newer, workloads, lines, source, destination)
                    ? exit(analysisErrors, lines)
                    : ExitCodes.USAGE;
        }
        boolean written = output.write(
                "diff",
                out -> {
                    switch (fmt.get()) {
                        case TEXT ->
                            out.write(DiffRenderers.text(
                                    workloads, lines, output.toStdout() ? session.stdout() : Ansi.PLAIN));
                        case JSON -> out.write(DiffRenderers.json(workloads, lines));
                        case MARKDOWN -> out.write(DiffRenderers.markdown(workloads, lines));
                        default -> throw new IllegalStateException("not a format of diff: " + fmt.get());
                    }
                },
                System.err);
        return written ? exit(analysisErrors, lines) : ExitCodes.USAGE;
    }

    /** Both sides' analyses, OLD's on a second thread: they share nothing, and a diff waits for both. */
    private static ConnectivityAnalysis[] analyse(Cluster before, Cluster after) {
        FutureTask<ConnectivityAnalysis> older = new FutureTask<>(() -> ConnectivityAnalysis.of(before));
        Thread thread = new Thread(older, "netspec-diff-old");
        thread.setDaemon(true);
        thread.start();
        ConnectivityAnalysis newer = ConnectivityAnalysis.of(after);
        try {
            return new ConnectivityAnalysis[] {older.get(), newer};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("netspec diff was interrupted");
        } catch (ExecutionException e) {
            // a bug in the analysis: rethrow it as the same call on this thread would have
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private int exit(boolean analysisErrors, List<DiffLine> lines) {
        if (analysisErrors) {
            return ExitCodes.USAGE;
        }
        boolean added = lines.stream().anyMatch(s -> s.line().change() == Change.ADDED);
        return failOnAdded && added ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** NEW's reach within the filters, with the differences marked; false when the file cannot be written. */
    private boolean html(
            ConnectivityAnalysis older,
            ConnectivityAnalysis newer,
            List<ReachDiff.WorkloadChange> workloads,
            List<DiffLine> lines,
            Endpoint source,
            Endpoint destination) {
        List<Reach> reach = newer.reach()
                .map(r -> narrow(
                        new ReachDiff.Line(Change.ADDED, r.source(), r.destination(), r.connections()),
                        source,
                        destination))
                .filter(l -> l != null)
                .map(l -> new Reach(l.source(), l.destination(), l.connections()))
                .toList();
        ReachDiff.Result shown = new ReachDiff.Result(
                workloads, lines.stream().map(DiffLine::line).toList());
        ReportData.Input page = new ReportData.Input(
                ReportData.Mode.DIFF,
                "netspec diff " + oldPath + " " + newPath,
                CheckCommand.version(),
                newer,
                reach,
                Optional.empty(),
                Optional.of(new ReportData.Diff(older, shown)),
                HtmlReport.DEFAULT_EXPLANATIONS);
        return HtmlReport.write("diff", output, page, System.err);
    }

    /** A reference to NEW's workloads, or OLD's for one that the change removes. */
    private static Endpoint resolve(Cluster before, Cluster after, String ref) {
        try {
            return EndpointRef.resolve(after, ref);
        } catch (EndpointRef.UnknownEndpointException e) {
            try {
                return EndpointRef.resolve(before, ref);
            } catch (EndpointRef.UnknownEndpointException ignored) {
                throw e;
            }
        }
    }

    private static boolean isWorkload(Endpoint filter, ReachDiff.WorkloadChange w) {
        return filter instanceof Endpoint.OfWorkload f
                && f.id().equals(w.workload().id());
    }

    /** The line within the filters (an address filter clips the interval), or null outside them. */
    private static ReachDiff.Line narrow(ReachDiff.Line line, Endpoint source, Endpoint destination) {
        Optional<Endpoint> src = matching(line.source(), source);
        Optional<Endpoint> dst = matching(line.destination(), destination);
        if (src.isEmpty() || dst.isEmpty()) {
            return null;
        }
        return new ReachDiff.Line(line.change(), src.get(), dst.get(), line.connections());
    }

    /** Workloads match by id (the two sides are different clusters); address ranges by overlap. */
    private static Optional<Endpoint> matching(Endpoint actual, Endpoint filter) {
        if (filter == null) {
            return Optional.of(actual);
        }
        if (filter instanceof Endpoint.External f) {
            if (actual instanceof Endpoint.External a && a.first() <= f.last() && f.first() <= a.last()) {
                return Optional.of(new Endpoint.External(Math.max(a.first(), f.first()), Math.min(a.last(), f.last())));
            }
            return Optional.empty();
        }
        return actual.id().equals(filter.id()) ? Optional.of(actual) : Optional.empty();
    }

    /** The rules of NEW that allow the added connections: the evidence of each allowed part overlapping them. */
    private static List<String> evidence(ConnectivityAnalysis newer, ReachDiff.Line line) {
        Set<String> out = new LinkedHashSet<>();
        collect(newer.explain(line.source(), line.destination()), line, out);
        return List.copyOf(out);
    }

    /**
     * An address interval that NEW's policies cut into pieces is explained piece by piece; the
     * pieces' evidence is told of the whole interval, so that the same reason appears once.
     */
    private static void collect(Explanation explanation, ReachDiff.Line line, Set<String> out) {
        for (Explanation.Part part : explanation.allowedParts()) {
            if (part.connections().overlaps(line.connections())) {
                // the explained piece is named by the interval the line reports: the same evidence, named once
                Evidence.Naming naming = e -> e.equals(explanation.source())
                        ? line.source().id()
                        : e.equals(explanation.destination())
                                ? line.destination().id()
                                : e.id();
                out.addAll(part.reasons(naming));
            }
        }
        explanation.pieces().forEach(piece -> collect(piece, line, out));
    }
}
