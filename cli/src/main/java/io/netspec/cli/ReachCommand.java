package io.netspec.cli;

import io.netspec.cli.html.ReportData;
import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.EndpointRef;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.report.reach.ReachFormat;
import io.netspec.engine.report.reach.ReachText;
import io.netspec.engine.rules.UnanalysedPolicies;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netspec reach}: the connectivity list the NetworkPolicies allow. */
@Command(
        name = "reach",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "List who can reach whom, and on which ports, under every policy layer in the manifests: "
                    + "NetworkPolicies, the admin tiers (AdminNetworkPolicy, BaselineAdminNetworkPolicy, "
                    + "ClusterNetworkPolicy) and the Calico or Cilium policies of the plugin that enforces them (--cni).",
            "",
            "Under NetworkPolicies alone, a connection is allowed when the source's egress policies allow it (or "
                    + "none select the source) AND the destination's ingress policies allow it (or none select it); "
                    + "the other layers fold in as the plugin does (tiers, pass, deny wins). Addresses outside the "
                    + "cluster appear as IPv4 ranges cut by the policies' address peers; ipBlocks do not match pods "
                    + "under NetworkPolicy, while Calico nets and ipBlocks also match pod IPs (--pod-cidr decides them "
                    + "for pods whose IPs the input lacks).",
            ""
        },
        footer = {
            "",
            "Output (text): one line per pair with something allowed, e.g.",
            "  shop/web[Deployment] => shop/db[StatefulSet] : TCP 5432",
            "  0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections",
            "",
            "Examples:",
            "  netspec reach k8s/",
            "  netspec reach k8s/ --to shop/db --port 5432",
            "  netspec reach k8s/ --from 8.8.8.8 --format json --output reach.json",
            "",
            "Exit codes: 0 listed, 2 bad input or usage (an unknown --from/--to names the closest workloads)."
        })
final class ReachCommand implements Callable<Integer>, FormattedCommand {

    /** Threads rendering the whole list (text, no filter) while this one writes it: the lines are millions at scale. */
    private static final int RENDER_THREADS = Runtime.getRuntime().availableProcessors();

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "src => dst : connections, a line per pair"),
            Formats.entry(OutputFormat.JSON, "an array of {src, dst, conn, ports}"),
            Formats.entry(OutputFormat.CSV, "src,dst,conn with a header row"),
            Formats.entry(OutputFormat.MARKDOWN, "a table"),
            Formats.entry(OutputFormat.DOT, "a Graphviz digraph, a cluster per namespace"),
            Formats.entry(OutputFormat.HTML, "an interactive page: see 'netspec report'"));

    @Mixin
    InputOptions inputs;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(
            names = "--from",
            paramLabel = "REF",
            description =
                    "Only connections from this source: ns/name, ns/name[Kind] (any case), name (in the -n namespace), "
                            + "an IPv4 address or CIDR, or a Service as ns/name[Service] (its backends).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "REF",
            description = "Only connections to this destination (same forms as --from).")
    String to;

    @Option(
            names = "--port",
            paramLabel = "N[/PROTO]",
            converter = PortOption.Converter.class,
            description =
                    "Only connections on this port (protocol TCP unless given: 53/UDP); the lines show just that port.")
    PortOption port;

    @Override
    public Formats formats() {
        return FORMATS;
    }

    @Override
    public Integer call() {
        Optional<OutputFormat> format = output.format("reach", FORMATS, System.err);
        if (format.isEmpty()) {
            return ExitCodes.USAGE;
        }
        boolean html = format.get() == OutputFormat.HTML;
        ReachFormat fmt = switch (format.get()) {
            case JSON -> ReachFormat.JSON;
            case CSV -> ReachFormat.CSV;
            case MARKDOWN -> ReachFormat.MD;
            case DOT -> ReachFormat.DOT;
            default -> ReachFormat.TEXT;
        };
        Progress.phase("loading manifests");
        LoadResult loaded = inputs.load(System.err);
        if (loaded.hasErrors()) {
            return ExitCodes.USAGE;
        }
        // what the list cannot see is never silent (an Istio policy, a user-defined network...)
        unanalysedNotice(UnanalysedPolicies.of(loaded.cluster()), System.err);
        List<Endpoint> source;
        List<Endpoint> destination;
        try {
            source = from == null ? null : ServiceEndpoints.resolve(loaded.cluster(), from, inputs.namespace());
            destination = to == null ? null : ServiceEndpoints.resolve(loaded.cluster(), to, inputs.namespace());
        } catch (EndpointRef.BadEndpointException | ServiceEndpoints.UnknownService e) {
            System.err.println("netspec reach: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Progress.phase("computing connectivity");
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(loaded.cluster());
        boolean analysisErrors = InputOptions.printAnalysisProblems(analysis, System.err);
        if (fmt == ReachFormat.TEXT && !html && from == null && to == null && port == null) {
            Optional<ReachText> text = ReachText.of(analysis.reachTable());
            if (text.isPresent()) {
                Progress.phase("writing report");
                if (!output.writeBytes("reach", out -> text.get().write(out, RENDER_THREADS), System.err)) {
                    return ExitCodes.USAGE;
                }
                return analysisErrors ? ExitCodes.USAGE : ExitCodes.OK;
            }
        }
        Stream<Reach> lines =
                analysis.reach().map(r -> narrow(r, source, destination)).filter(r -> r != null);
        Progress.phase("writing report");
        if (html) {
            ReportData.Input page = new ReportData.Input(
                    ReportData.Mode.REACH,
                    HtmlReport.title("reach", inputs.paths),
                    CheckCommand.version(),
                    analysis,
                    lines.toList(),
                    Optional.empty(),
                    Optional.empty(),
                    HtmlReport.DEFAULT_EXPLANATIONS);
            return !HtmlReport.write("reach", output, page, System.err)
                    ? ExitCodes.USAGE
                    : analysisErrors ? ExitCodes.USAGE : ExitCodes.OK;
        }
        if (!output.write("reach", out -> fmt.renderer().render(lines, out), System.err)) {
            return ExitCodes.USAGE;
        }
        return analysisErrors ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private static final int MAX_NOTICES = 10;

    /** On stderr, so that the list itself stays as it was: one line per object, the first ten. */
    private static void unanalysedNotice(List<IgnoredObject> unanalysed, PrintStream err) {
        if (unanalysed.isEmpty()) {
            return;
        }
        err.println("notice: " + unanalysed.size() + (unanalysed.size() == 1 ? " policy object" : " policy objects")
                + " that netspec does not analyse; the connections listed leave out their effect (rule"
                + " unanalysed-policy):");
        unanalysed.stream()
                .limit(MAX_NOTICES)
                .forEach(o -> err.println("  " + o.source() + ": " + UnanalysedPolicies.describe(o)));
        if (unanalysed.size() > MAX_NOTICES) {
            err.println("  ... and " + (unanalysed.size() - MAX_NOTICES) + " more");
        }
    }

    /** The line restricted to the filters (an address filter clips the range), or null when it falls outside them. */
    private Reach narrow(Reach r, List<Endpoint> source, List<Endpoint> destination) {
        Optional<Endpoint> src = matching(r.source(), source);
        Optional<Endpoint> dst = matching(r.destination(), destination);
        if (src.isEmpty() || dst.isEmpty()) {
            return null;
        }
        ConnectionSet c = r.connections();
        if (port != null) {
            c = c.intersect(ConnectionSet.single(port.protocol(), port.port()));
            if (c.isEmpty()) {
                return null;
            }
        }
        return new Reach(src.get(), dst.get(), c);
    }

    /** The first filter (a Service stands for several workloads) the endpoint matches. */
    private static Optional<Endpoint> matching(Endpoint actual, List<Endpoint> filters) {
        if (filters == null) {
            return Optional.of(actual);
        }
        return filters.stream()
                .map(f -> matching(actual, f))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Endpoint> matching(Endpoint actual, Endpoint filter) {
        if (filter instanceof Endpoint.OfWorkload f) {
            return actual instanceof Endpoint.OfWorkload a && a.workload() == f.workload()
                    ? Optional.of(actual)
                    : Optional.empty();
        }
        if (filter instanceof Endpoint.IngressController) {
            return actual instanceof Endpoint.IngressController ? Optional.of(actual) : Optional.empty();
        }
        Endpoint.External f = (Endpoint.External) filter;
        if (actual instanceof Endpoint.External a && a.first() <= f.last() && f.first() <= a.last()) {
            return Optional.of(new Endpoint.External(Math.max(a.first(), f.first()), Math.min(a.last(), f.last())));
        }
        return Optional.empty();
    }
}
