package io.netspec.cli;

import io.netspec.cli.html.ReportData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netspec report}: the HTML report, which is {@code check --format html} without the gate
 * (it exits 0 whatever the findings, so a pipeline can always publish it).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write one self-contained HTML file to read in a browser: the connectivity graph (namespaces as "
                    + "groups, workloads, address ranges and the ingress controller as boxes, connections labelled "
                    + "with ports and drawn by the policy layer that governs them), the findings of the rule packs, a "
                    + "page per workload (policies selecting it, what it reaches, what reaches it), and for a "
                    + "connection the same evidence 'explain' prints, with file:line.",
            "",
            "The file has its script, styles and data inside and makes no network request; it opens from disk. "
                    + "Large clusters are drawn namespace by namespace: click a namespace box to drill down.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  netspec report k8s/                          # writes netspec.html",
            "  netspec report k8s/ -o site/netspec.html     # missing folders are created",
            "  netspec report k8s/ -o - > page.html         # - is standard output",
            "  netspec report k8s/ --rules org-pack/ --max-explanations 10000",
            "  netspec check k8s/ --format html -o check.html      # the same page, gated by --fail-on",
            "  netspec diff old/ new/ --format html -o diff.html   # what a change opens and closes",
            "",
            "Exit codes: 0 written (whatever the findings), 2 bad input, bad usage, a rule pack that does not "
                    + "load, or a file that cannot be written."
        })
final class ReportCommand implements Callable<Integer>, FormattedCommand, Session.Aware {

    static final Formats FORMATS = Formats.of(Formats.entry(OutputFormat.HTML, "one self-contained page"));

    /** Where the page goes without {@code -o}. */
    static final String DEFAULT_FILE = "netspec.html";

    @Mixin
    InputOptions inputs;

    @Mixin
    PackOptions packOptions;

    /** {@code -f html} only; {@code -o} defaults to {@value #DEFAULT_FILE} here, where other commands print. */
    @Mixin
    OutputOptions output = new OutputOptions();

    Session session = Session.DEFAULT;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: ./.netspec.yaml if present).")
    Path config;

    @Option(
            names = "--max-explanations",
            paramLabel = "N",
            defaultValue = "" + HtmlReport.DEFAULT_EXPLANATIONS,
            description = "Embed the explanation of at most N connections (default: ${DEFAULT-VALUE}); the page "
                    + "shows the explain command for the others.")
    int maxExplanations;

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
        if (maxExplanations < 0) {
            System.err.println("netspec report: --max-explanations must be 0 or more");
            return ExitCodes.USAGE;
        }
        CheckCommand check = new CheckCommand();
        check.inputs = inputs;
        check.packOptions = packOptions;
        check.config = config;
        if (output.format("report", FORMATS, System.err).isEmpty()) {
            return ExitCodes.USAGE;
        }
        check.output = new OutputOptions();
        check.output.format = OutputFormat.HTML.wireName();
        check.output.output = output.output == null ? DEFAULT_FILE : output.output;
        check.session = session;
        check.failOn = "none";
        check.htmlMode = ReportData.Mode.REPORT;
        check.maxExplanations = maxExplanations;
        int status = check.call();
        check.output
                .file()
                .filter(f -> status == ExitCodes.OK)
                .ifPresent(f -> System.err.println("netspec: wrote " + f));
        return status;
    }
}
