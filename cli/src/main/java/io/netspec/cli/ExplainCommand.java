package io.netspec.cli;

import io.netspec.cli.explain.ExplanationRenderers;
import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.EndpointRef;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netspec explain}: the verdict for one pair and the policy rules behind it. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Explain whether a source may reach a destination, port by port, and why.",
            "",
            "Each side (the source's egress, the destination's ingress) is explained tier by tier, as the "
                    + "enforcing plugin evaluates it: rules that pass to the next tier, then the rule that allows or "
                    + "denies (policy, tier, rule number, file:line), or the end of a tier that selects the pod (its "
                    + "default action and the policies that select, such as NetworkPolicy isolation or a Calico tier's "
                    + "Deny) followed rule by rule by why none matched: peer selector, port not listed, or a named "
                    + "port the destination does not have.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  netspec explain k8s/ --from shop/web --to shop/db",
            "  netspec explain k8s/ --from shop/web --to shop/db --port 5432",
            "  netspec explain k8s/ --from 0.0.0.0/0 --to shop/web[Deployment] --port 443/TCP",
            "  netspec explain k8s/ -n shop --from web --to db --format json --output why.json",
            "",
            "Rules are numbered from 1 in their policy's ingress or egress list, as 'check' counts them;",
            "the JSON also gives each rule's 0-based index.",
            "",
            "Exit codes: 0 explained, 2 bad input or usage (an unknown --from/--to names the closest workloads)."
        })
final class ExplainCommand implements Callable<Integer>, FormattedCommand {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "the verdict port by port, and the policy rules behind it"),
            Formats.entry(
                    OutputFormat.JSON,
                    "the same evidence, each record with its kind, text and fields: policy "
                            + "kind, namespace and name, tier, rule index and number, action, ports, file and line"));

    @Mixin
    InputOptions inputs;

    @Option(
            names = "--from",
            paramLabel = "REF",
            required = true,
            description = "Source: ns/name, ns/name[Kind] (any case), name (in the -n namespace), or an IPv4 "
                    + "address or CIDR, or a Service as ns/name[Service] (each of its backends is explained).")
    String from;

    @Option(names = "--to", paramLabel = "REF", required = true, description = "Destination (same forms as --from).")
    String to;

    @Option(
            names = "--port",
            paramLabel = "N[/PROTO]",
            converter = PortOption.Converter.class,
            description = "Explain only this port (protocol TCP unless given: 53/UDP).")
    PortOption port;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Formats formats() {
        return FORMATS;
    }

    @Override
    public Integer call() {
        Optional<OutputFormat> format = output.format("explain", FORMATS, System.err);
        if (format.isEmpty()) {
            return ExitCodes.USAGE;
        }
        boolean json = format.get() == OutputFormat.JSON;
        LoadResult loaded = inputs.load(System.err);
        if (loaded.hasErrors()) {
            return ExitCodes.USAGE;
        }
        List<Endpoint> sources;
        List<Endpoint> destinations;
        try {
            sources = ServiceEndpoints.resolve(loaded.cluster(), from, inputs.namespace());
            destinations = ServiceEndpoints.resolve(loaded.cluster(), to, inputs.namespace());
        } catch (EndpointRef.BadEndpointException | ServiceEndpoints.UnknownService e) {
            System.err.println("netspec explain: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(loaded.cluster());
        boolean analysisErrors = InputOptions.printAnalysisProblems(analysis, System.err);
        // a Service stands for its backends: one explanation per pair (JSON: an array when there are several)
        List<String> parts = new ArrayList<>();
        for (Endpoint source : sources) {
            for (Endpoint destination : destinations) {
                // text: the renderer escapes each line it prints (names from manifests are shown, never obeyed)
                parts.add(explain(analysis, source, destination, json));
            }
        }
        String text = parts.size() == 1
                ? parts.get(0)
                : json
                        ? "["
                                + String.join(
                                        ",", parts.stream().map(String::strip).toList()) + "]\n"
                        : String.join("\n", parts);
        if (!output.write("explain", out -> out.write(text), System.err)) {
            return ExitCodes.USAGE;
        }
        return analysisErrors ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private String explain(ConnectivityAnalysis analysis, Endpoint source, Endpoint destination, boolean json) {
        Explanation explanation = port == null
                ? analysis.explain(source, destination)
                : analysis.explain(source, destination, ConnectionSet.single(port.protocol(), port.port()));
        Protocol protocol = port == null ? null : port.protocol();
        Integer number = port == null ? null : port.port();
        return json
                ? ExplanationRenderers.json(explanation, protocol, number)
                : ExplanationRenderers.text(explanation, protocol, number);
    }
}
