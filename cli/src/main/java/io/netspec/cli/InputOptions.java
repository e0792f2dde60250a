package io.netspec.cli;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The manifests a command reads: {@code PATH...} (files, folders, {@code -} for stdin) and
 * {@code --namespace}. Mix it into a command with {@code @Mixin InputOptions inputs;}, then
 * {@code LoadResult r = inputs.load(err); if (r.hasErrors()) return ExitCodes.USAGE;}.
 */
public final class InputOptions {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Manifest files or folders (folders are read recursively for .yaml, .yml and .json "
                    + "files); - reads stdin.")
    List<String> paths = List.of();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "Namespace of objects that name none (default: ${DEFAULT-VALUE}), as kubectl -n would.")
    String namespace = "default";

    /** The {@code -n} namespace: of objects that name none, and of {@code --from}/{@code --to} names without {@code ns/}. */
    public String namespace() {
        return namespace;
    }

    public List<Path> paths() {
        return paths.stream().map(Path::of).toList();
    }

    /**
     * Loads the manifests and prints every problem as {@code FILE:LINE: message} on {@code err}.
     * The caller exits {@link ExitCodes#USAGE} when {@link LoadResult#hasErrors()}.
     */
    public LoadResult load(PrintStream err) {
        LoadResult result = new ManifestLoader(LoadOptions.DEFAULTS.withDefaultNamespace(namespace))
                .load(paths(), System.in);
        printProblems(result.problems(), err);
        return result;
    }

    /**
     * Prints what the analysis could not evaluate as written (e.g. two AdminNetworkPolicies with
     * one priority) and returns true when any of it is an error, which makes the command exit 2.
     */
    static boolean printAnalysisProblems(io.netspec.engine.connectivity.ConnectivityAnalysis analysis,
                                         PrintStream err) {
        analysis.problems().forEach(err::println);
        return analysis.problems().stream().anyMatch(io.netspec.engine.connectivity.AnalysisProblem::isError);
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
