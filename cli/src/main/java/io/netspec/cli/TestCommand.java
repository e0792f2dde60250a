package io.netspec.cli;

import io.netspec.cli.packs.PackSources;
import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.live.LiveResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.report.Ansi;
import io.netspec.engine.rules.UnanalysedPolicies;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackRef;
import io.netspec.features.SpecInputException;
import io.netspec.features.SpecRun;
import io.netspec.features.run.SpecRunner;
import io.netspec.features.run.StepCatalogue;
import io.netspec.features.steps.World;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netspec test}: runs Gherkin specs against manifests with the netspec step library.
 * Exit 0 when every scenario passed, 1 when a spec failed, 2 for undefined steps, specs that
 * name what does not exist, manifests that do not load, an analysis error (what netspec cannot evaluate as
 * written, printed with the analysis warnings on stderr), or bad usage.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run Gherkin specs (feature files) about connectivity against the manifests.",
            "Manifests come from the specs' own Given steps, or --manifests for every scenario."
        },
        footer = {
            "",
            "Examples:",
            "  netspec test examples/shop/specs",
            "  netspec test specs/ --manifests k8s/ --junit target/netspec-specs.xml",
            "  netspec test specs/ --manifests rendered/ -n monitoring   # objects without a namespace",
            "  netspec test --steps          # the step vocabulary, with an example each",
            "  netspec test specs/ --cluster --context prod   # specs against what runs",
            "  netspec test examples/calico/specs --cni calico   # as Calico enforces policy",
            "  netspec test specs/ --cni calico --pod-cidr 10.244.0.0/16   # ipBlock peers decided for pods",
            "",
            "What the analysis cannot evaluate as written (e.g. a peer the manifests cannot decide) is printed on "
                    + "stderr, each once for the run.",
            "Exit codes: 0 every scenario passed, 1 a spec failed, 2 an undefined step, a reference to "
                    + "something the manifests do not have, manifests that do not load, an analysis error, or a "
                    + "usage error."
        })
final class TestCommand implements Callable<Integer>, FormattedCommand, Session.Aware {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.PRETTY, "a line per scenario and the evidence for failures"),
            Formats.entry(OutputFormat.JSON, "Cucumber's JSON report; the human report goes to stderr"));

    /** Unanalysed policies listed under the summary; the rest are counted. */
    private static final int MAX_NOTICES = 10;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Feature files or folders (read recursively).")
    List<Path> features = List.of();

    @Option(
            names = "--manifests",
            paramLabel = "PATH",
            split = ",",
            description = "Manifests (files or folders) loaded for every scenario, before its own Given steps. "
                    + "Repeat it, or separate paths with commas: --manifests k8s/,extra.yaml")
    List<Path> manifests = List.of();

    @Option(
            names = "--rules",
            paramLabel = "DIR|JAR|G:A:V",
            description =
                    "An organisation rule pack (folder with pack.yaml, folder of packs, jar, or Maven coordinates) "
                            + "for the finding steps of every scenario, beside the built-in packs and those .netspec.yaml "
                            + "names. Repeatable.")
    List<String> rules = List.of();

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Config file (default: ./.netspec.yaml if present), as for 'netspec check': its packs join "
                    + "--rules, and the finding steps apply its rules (enable, disable, severity) and dns settings.")
    Path config;

    @Option(
            names = "--no-config",
            description = "Read no config file, not even ./.netspec.yaml: for pull requests from strangers, whose "
                    + "checkout holds a .netspec.yaml they wrote (see README, Security).")
    boolean noConfig;

    @Option(
            names = "--offline",
            description = "Resolve packs named by Maven coordinates from the local repository only.")
    boolean offline;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description =
                    "Also write a JUnit XML report to FILE (one test case per scenario; missing folders are created).")
    Path junit;

    @Mixin
    OutputOptions output = new OutputOptions();

    Session session = Session.DEFAULT;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            defaultValue = "default",
            description = "Namespace of objects that name none, in --manifests and in the specs' manifests "
                    + "(default: ${DEFAULT-VALUE}), as kubectl -n would.")
    String namespace = "default";

    @Option(names = "--steps", description = "List the step vocabulary with an example each, and exit.")
    boolean steps;

    /** {@code --cluster}: the live objects are every scenario's first manifests (before --manifests and Given steps). */
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    /** Every manifest the specs load (--cluster, --manifests, Given steps) is analysed with this plugin. */
    @Mixin
    CniOption cni = new CniOption();

    /** The pod ranges of every cluster the specs load (--cluster, --manifests, Given steps). */
    @Mixin
    PodCidrOption podCidrs = new PodCidrOption();

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
        if (steps) {
            System.out.print(StepCatalogue.standard().render());
            return ExitCodes.OK;
        }
        Optional<OutputFormat> format = output.format("test", FORMATS, System.err);
        if (format.isEmpty()) {
            return ExitCodes.USAGE;
        }
        SpecRunner.Format f = format.get() == OutputFormat.JSON ? SpecRunner.Format.JSON : SpecRunner.Format.PRETTY;
        if (features.isEmpty()) {
            System.err.println(
                    "netspec test: give feature files or folders, e.g. netspec test specs/ --manifests k8s/");
            return ExitCodes.USAGE;
        }
        String misuse = cluster.misuse();
        if (misuse != null) {
            System.err.println("netspec test: " + misuse);
            return ExitCodes.USAGE;
        }
        if (noConfig && config != null) {
            System.err.println("netspec test: --no-config and --config exclude each other");
            return ExitCodes.USAGE;
        }
        NetworkPlugin plugin;
        List<Cidr> ranges;
        List<Cidr> nodeRanges;
        try {
            plugin = cni.pluginWithConfigFile(configFile()).orElse(NetworkPlugin.AUTO);
            ranges = podCidrs.rangesWithConfigFile(configFile());
            nodeRanges = podCidrs.nodeRangesWithConfigFile(configFile());
        } catch (IllegalArgumentException | CheckConfig.ConfigException e) {
            System.err.println("netspec test: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (cluster.enabled()) {
            // every namespace: a spec may name workloads in any of them
            Optional<LiveResult> live =
                    cluster.read(Optional.empty(), LoadOptions.DEFAULTS.withPlugin(plugin), System.err);
            if (live.isEmpty()) {
                return ExitCodes.USAGE;
            }
            InputOptions.printProblems(live.get().load().problems(), System.err);
            if (live.get().load().hasErrors()) {
                return ExitCodes.USAGE;
            }
            return run(
                    f,
                    plugin,
                    ranges,
                    nodeRanges,
                    Optional.of(new SpecRun.Shared(
                            "cluster:" + live.get().context(), live.get().load())));
        }
        return run(f, plugin, ranges, nodeRanges, Optional.empty());
    }

    /** {@code --config}, else {@code ./.netspec.yaml} when it exists; none with {@code --no-config}. */
    private Optional<Path> configFile() {
        return noConfig
                ? Optional.empty()
                : config != null
                        ? Optional.of(config)
                        : Files.isRegularFile(Path.of(CheckConfig.FILE_NAME))
                                ? Optional.of(Path.of(CheckConfig.FILE_NAME))
                                : Optional.empty();
    }

    private int run(
            SpecRunner.Format f,
            NetworkPlugin plugin,
            List<Cidr> ranges,
            List<Cidr> nodeRanges,
            Optional<SpecRun.Shared> shared) {
        Optional<Path> configFile = configFile();
        List<Path> packs = new ArrayList<>();
        try {
            List<PackRef> refs = new ArrayList<>();
            if (configFile.isPresent()) {
                if (!Files.isRegularFile(configFile.get())) {
                    System.err.println(configFile.get() + ": no such config file");
                    return ExitCodes.USAGE;
                }
                refs.addAll(CheckConfig.load(configFile.get()).packs());
            }
            rules.forEach(r -> refs.add(PackRef.of(r, Path.of(""), Optional.empty(), "--rules " + r)));
            for (PackRef ref : refs) {
                packs.add(PackSources.locate(ref, offline));
            }
        } catch (CheckConfig.ConfigException e) {
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (PackException e) {
            return CheckCommand.packErrors(e, System.err);
        }
        SpecRunner.Options options = SpecRunner.Options.of(features)
                .withManifests(manifests)
                .withRulePacks(packs)
                .withFormat(f)
                .withNamespace(namespace)
                .withPlugin(plugin)
                .withPodCidrs(ranges)
                .withNodeCidrs(nodeRanges);
        if (configFile.isPresent()) {
            options = options.withConfig(configFile.get().toAbsolutePath());
        }
        if (junit != null) {
            options = options.withJunit(junit);
        }
        SpecRun.Settings settings = options.settings();
        SpecRun specRun = shared.map(live -> SpecRun.of(settings, live)).orElseGet(() -> SpecRun.of(settings));
        if (!manifests.isEmpty()) {
            List<LoadProblem> problems;
            try {
                problems = World.load(specRun, manifests);
            } catch (SpecInputException e) {
                System.err.println("netspec test: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            InputOptions.printProblems(problems, System.err);
            if (problems.stream().anyMatch(LoadProblem::isError)) {
                return ExitCodes.USAGE;
            }
            // the scenarios' common analysis is made while Cucumber reads the feature files
            World.prepareInBackground(specRun);
        }
        SpecRunner.Options run = options;
        int[] exit = {ExitCodes.USAGE};
        boolean written = output.print(
                "test",
                out -> {
                    exit[0] = SpecRunner.run(
                                    specRun, run, out, System.err, output.toStdout() ? session.stdout() : Ansi.PLAIN)
                            .exitCode();
                    // what a verdict may rest on is never silent: each problem once for the run, grouped as
                    // check and reach print them; an error follows the exit-2 convention of input errors
                    List<AnalysisProblem> problems = specRun.analysisProblems();
                    if (InputOptions.printAnalysisProblems(problems, InputOptions.LISTED_BY_CHECK, System.err)) {
                        long errors = problems.stream()
                                .filter(AnalysisProblem::isError)
                                .count();
                        System.err.println("netspec test: " + errors + (errors == 1 ? " error" : " errors")
                                + " in the analysis (exit 2)");
                        exit[0] = Math.max(exit[0], ExitCodes.USAGE);
                    }
                    // what the specs cannot see is never silent: a notice under the summary (stderr with --format json)
                    notice(specRun.unanalysedPolicies(), f == SpecRunner.Format.JSON ? System.err : out);
                },
                System.err);
        return written ? exit[0] : ExitCodes.USAGE;
    }

    private static void notice(List<IgnoredObject> unanalysed, PrintStream out) {
        if (!unanalysed.isEmpty()) {
            out.println("notice: " + unanalysed.size() + (unanalysed.size() == 1 ? " policy object" : " policy objects")
                    + " that netspec does not analyse; the specs do not see their effect (rule unanalysed-policy):");
            unanalysed.stream()
                    .limit(MAX_NOTICES)
                    .forEach(o -> out.println("  " + o.source() + ": " + UnanalysedPolicies.describe(o)));
            if (unanalysed.size() > MAX_NOTICES) {
                out.println("  ... and " + (unanalysed.size() - MAX_NOTICES) + " more");
            }
        }
    }
}
