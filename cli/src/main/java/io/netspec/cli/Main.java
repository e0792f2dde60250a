package io.netspec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netspec} command. Each subcommand lives in its own class. */
@Command(name = "netspec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Policy-as-code for Kubernetes networking: check manifests, compute connectivity, run specs.",
        subcommands = {
                InventoryCommand.class,
                ReachCommand.class,
                ExplainCommand.class,
                CheckCommand.class,
                RulesCommand.class,
                TestCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code: 0 pass, 1 findings or failed specs, 2 bad input or usage. */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExitCodeExceptionMapper(e -> ExitCodes.USAGE).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
