package io.netspec.cli;

import io.netspec.engine.load.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code netspec inventory PATH...}: what netspec understood of the manifests, before any
 * analysis. Loading problems go to stderr; the inventory is printed even when there are some,
 * and the exit code says whether loading had errors.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List what was understood from the manifests: namespaces, workloads, services, ingresses, "
                + "network policies, ConfigMaps, objects not analysed, skipped documents and warnings.",
        footer = {"", "Examples:",
                "  netspec inventory k8s/",
                "  kustomize build overlays/prod | netspec inventory - --format json",
                "",
                "Exit codes: 0 the input loaded cleanly, 2 it had errors (listed on stderr; "
                + "the rest is still shown) or the command line was wrong."})
final class InventoryCommand implements Callable<Integer> {

    /** Lower case so that picocli accepts and lists the values as users type them. */
    enum Format { text, json }

    @Mixin
    InputOptions inputs;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Override
    public Integer call() {
        LoadResult result = inputs.load(System.err);
        PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        switch (format) {
            case text -> new InventoryText(out).render(result.cluster(), result.problems());
            case json -> new InventoryJson(out).render(result.cluster(), result.problems());
        }
        out.flush();
        return result.hasErrors() ? ExitCodes.USAGE : ExitCodes.OK;
    }
}
