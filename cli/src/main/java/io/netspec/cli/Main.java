package io.netspec.cli;

import io.netspec.engine.report.Ansi;
import io.netspec.engine.rules.runtime.Timing;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netspec} command. Each subcommand lives in its own class. */
@Command(
        name = "netspec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Policy-as-code for Kubernetes networking: check manifests, compute connectivity, run specs.",
        footer = {
            "",
            "Examples:",
            "  netspec check k8s/                          # rule packs; exit 1 on errors",
            "  helm template my-chart | netspec check -    # a rendered chart, from stdin",
            "  netspec reach k8s/ --to shop/db             # who can reach the database",
            "  netspec explain k8s/ --from shop/web --to shop/db",
            "  netspec test specs/ --manifests k8s/        # Gherkin specs",
            "  netspec report k8s/ -o netspec.html         # an interactive HTML report",
            "",
            "'netspec COMMAND --help' describes a command's options.",
            "Global options: --debug (or NETSPEC_DEBUG=1) shows internal errors' stack traces;",
            "  --color=auto|always|never: colour in text output (auto: on a terminal, unless NO_COLOR is set).",
            "Exit codes: 0 pass, 1 findings or failed specs, 2 bad input or usage."
        },
        subcommands = {
            InventoryCommand.class,
            ReachCommand.class,
            ExplainCommand.class,
            DiffCommand.class,
            CheckCommand.class,
            ReportCommand.class,
            RulesCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    private static final String FORMATS_SECTION = "formats";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Timing.mark("main");
        int status = run(args);
        Timing.mark("done");
        System.exit(status);
    }

    /** Runs the CLI and returns the exit code: 0 pass, 1 findings or failed specs, 2 bad input or usage. */
    public static int run(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug") || System.getenv("NETSPEC_DEBUG") != null;
        List<String> kept = new ArrayList<>();
        String color = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--color=")) {
                color = args[i].substring("--color=".length());
            } else if (args[i].equals("--color") && i + 1 < args.length) {
                color = args[++i];
            } else if (!args[i].equals("--debug")) {
                kept.add(args[i]);
            }
        }
        if (color != null && Ansi.Mode.parse(color).isEmpty()) {
            System.err.println("netspec: --color must be auto, always or never, not '" + color + "'");
            return ExitCodes.USAGE;
        }
        String[] rest = kept.toArray(String[]::new);
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        cli.setExecutionStrategy(Main::execute);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug or an unexpected environment problem: one line, exit 2, the trace only on request.
            commandLine
                    .getErr()
                    .println(
                            "netspec: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.USAGE;
        });
        Session session = new Session(
                color == null ? Ansi.Mode.AUTO : Ansi.Mode.parse(color).orElseThrow(), debug);
        handOver(cli, session);
        try (Progress progress = Progress.start()) {
            return cli.execute(rest);
        }
    }

    /**
     * Gives every command of the tree this run's session, and its formats to its {@code --help}
     * (a "Formats" section before the footer, from the same {@link Formats} the command parses with).
     */
    private static void handOver(CommandLine command, Session session) {
        if (command.getCommand() instanceof Session.Aware aware) {
            aware.session(session);
        }
        if (command.getCommand() instanceof FormattedCommand formatted) {
            command.getHelpSectionMap()
                    .put(FORMATS_SECTION, help -> formatted.formats().help());
            List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), FORMATS_SECTION);
            command.setHelpSectionKeys(keys);
        }
        command.getSubcommands().values().forEach(sub -> handOver(sub, session));
    }

    /** Runs the command; a live-cluster read that was incomplete then makes the exit code 2 unless --partial. */
    private static int execute(CommandLine.ParseResult parsed) {
        int code = new CommandLine.RunLast().execute(parsed);
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine.Model.CommandSpec command = chain.get(chain.size() - 1).getCommandSpec();
        return ClusterOptions.of(command).map(c -> c.exitCode(code, System.err)).orElse(code);
    }

    /** A mistake on the command line: the problem, a suggestion, the synopsis and where help is; exit 2. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("netspec: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        CommandLine.Help help = cmd.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        String helpCommand = cmd.getCommandSpec().options().stream().anyMatch(CommandLine.Model.OptionSpec::usageHelp)
                ? cmd.getCommandSpec().qualifiedName() + " --help"
                : "netspec help " + cmd.getCommandName();
        err.println("Try '" + helpCommand + "' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
