package io.netspec.cli;

import io.netspec.cli.html.HtmlPage;
import io.netspec.cli.html.ReportData;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.findings.Finding;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@code --format html} of check, reach and diff, and {@code netspec report}: one self-contained page. */
final class HtmlReport {

    /** Explanations embedded by default: every edge of a small cluster, the changed ones first in a diff. */
    static final int DEFAULT_EXPLANATIONS = 2000;

    private HtmlReport() {}

    /** The title: the command and the manifests it read, e.g. {@code netspec report examples/shop}. */
    static String title(String command, List<String> paths) {
        return "netspec " + command + " " + String.join(" ", paths);
    }

    /** The input of a check or reach report: all of the analysis' edges, with findings when rules ran. */
    static ReportData.Input of(
            ReportData.Mode mode,
            String title,
            ConnectivityAnalysis analysis,
            Optional<List<Finding>> findings,
            int maxExplanations) {
        return new ReportData.Input(
                mode,
                title,
                CheckCommand.version(),
                analysis,
                analysis.reach().toList(),
                findings,
                Optional.empty(),
                maxExplanations);
    }

    /**
     * Writes the page to {@code output}'s file or standard output.
     *
     * @return false after printing why the file could not be written
     */
    static boolean write(String command, OutputOptions output, ReportData.Input in, PrintStream err) {
        return output.write(command, out -> HtmlPage.write(in, new HtmlEvidence(), out), err);
    }
}
