package io.netspec.cli;

import io.netspec.cli.inventory.InventoryRenderers;
import io.netspec.engine.load.LoadResult;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code netspec inventory PATH...}: what netspec understood of the manifests, before any
 * analysis. Loading problems go to stderr; the inventory is printed even when there are some,
 * and the exit code says whether loading had errors.
 */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List what was understood from the manifests: namespaces, workloads, services, ingresses, "
                + "network policies, ConfigMaps, objects not analysed, skipped documents and warnings.",
        footer = {
            "",
            "Examples:",
            "  netspec inventory k8s/",
            "  kustomize build overlays/prod | netspec inventory - --format json --output inventory.json",
            "",
            "Exit codes: 0 the input loaded cleanly, 2 it had errors (listed on stderr; "
                    + "the rest is still shown) or the command line was wrong."
        })
final class InventoryCommand implements Callable<Integer>, FormattedCommand {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "a section per kind, each object with file:line"),
            Formats.entry(OutputFormat.JSON, "the same, schema netspec.inventory/v1"));

    @Mixin
    InputOptions inputs;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Formats formats() {
        return FORMATS;
    }

    @Override
    public Integer call() {
        Optional<OutputFormat> format = output.format("inventory", FORMATS, System.err);
        if (format.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Progress.phase("loading manifests");
        LoadResult result = inputs.load(System.err);
        if (inputs.failed()) {
            return ExitCodes.USAGE;
        }
        Progress.phase("writing report");
        boolean written = output.write(
                "inventory",
                w -> {
                    if (format.get() == OutputFormat.JSON) {
                        InventoryRenderers.json(result.cluster(), result.problems(), w);
                    } else {
                        InventoryRenderers.text(result.cluster(), result.problems(), w);
                    }
                },
                System.err);
        return result.hasErrors() || !written ? ExitCodes.USAGE : ExitCodes.OK;
    }
}
