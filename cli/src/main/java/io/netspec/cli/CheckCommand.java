package io.netspec.cli;

import io.netspec.cli.html.ReportData;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.FailOn;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.report.Ansi;
import io.netspec.engine.report.findings.Renderer;
import io.netspec.engine.report.findings.ReportContext;
import io.netspec.engine.report.findings.ReportFormat;
import io.netspec.engine.report.findings.TextRenderer;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.check.Baseline;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.check.Checker;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackProblem;
import io.netspec.engine.rules.runtime.RuleBudget;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.engine.rules.runtime.Timing;
import io.netspec.engine.version.NetspecVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netspec check}: run the rule packs over manifests and gate on the findings. */
@Command(
        name = "check",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run the rule packs (built-in and --rules) over Kubernetes manifests and report findings.",
            "",
            "Each finding names file:line, severity, rule id and the evidence, then how to fix it. Waive one on the "
                    + "object itself with an annotation (waived findings are listed and counted, never hidden):",
            "  netspec.io/ignore.<rule-id>: \"<reason>\"",
            "or accept today's findings with --write-baseline and fail only on new ones with --baseline.",
            ""
        },
        footer = {
            "",
            "Configuration: .netspec.yaml in the current directory (or --config FILE, or none with",
            "--no-config); flags win over it. Every key is optional:",
            "  rules: {enable: [ID, ...], disable: [ID, ...], severity: {ID: LEVEL}}",
            "  failOn: LEVEL        # or none",
            "  baseline: FILE       # relative to the config file",
            "  packs: [DIR|JAR|GROUP:ARTIFACT:VERSION, ...]   # or {maven: G:A:V, sha256: HEX}",
            "  limits: {ruleFirings: N, ruleTimeoutSeconds: S}",
            "  cni: PLUGIN          # as --cni",
            "  podCIDRs: [CIDR, ...]   # the cluster's pod ranges, as --pod-cidr",
            "  nodeCIDRs: [CIDR, ...]  # the nodes' address ranges, as --node-cidr",
            "LEVEL is error, warning or info.",
            "",
            "Examples:",
            "  netspec check k8s/",
            "  helm template my-chart | netspec check - --fail-on warning",
            "  netspec check k8s/ --rules org-pack/ --format sarif --output netspec.sarif",
            "  netspec check k8s/ --rules com.acme:acme-network:1.1.0   # resolved via ~/.m2/settings.xml",
            "  # adopt on an existing repository: accept today's findings once,",
            "  netspec check k8s/ --write-baseline netspec-baseline.json",
            "  # then fail only on new ones",
            "  netspec check k8s/ --baseline netspec-baseline.json",
            "",
            "Exit codes: 0 no unwaived finding at or above --fail-on, 1 there is one,",
            "2 bad input, bad usage or a rule pack that does not load."
        })
final class CheckCommand implements Callable<Integer>, FormattedCommand, Session.Aware {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "one finding a line, file:line first, then how to fix it"),
            Formats.entry(OutputFormat.JSON, "the findings, packs and counts (check-report.schema.json)"),
            Formats.entry(OutputFormat.JUNIT, "JUnit XML for CI test tabs: a testcase per finding"),
            Formats.entry(OutputFormat.SARIF, "SARIF 2.1.0 for code scanning"),
            Formats.entry(OutputFormat.GITHUB, "GitHub workflow annotations"),
            Formats.entry(OutputFormat.MARKDOWN, "a table, for a pull-request comment or the job summary"),
            Formats.entry(OutputFormat.HTML, "the interactive report of 'netspec report'"));

    @Mixin
    InputOptions inputs;

    @Mixin
    PackOptions packOptions;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            description = "Exit 1 when an unwaived finding has this severity or worse: error (default), warning, "
                    + "info, none.")
    String failOn;

    @Mixin
    OutputOptions output = new OutputOptions();

    Session session = Session.DEFAULT;

    @Option(
            names = "--enable",
            paramLabel = "ID",
            split = ",",
            description = "Run only these rules (ids or aliases, comma-separated; repeatable). Default: every rule.")
    List<String> enable = List.of();

    @Option(
            names = "--disable",
            paramLabel = "ID",
            split = ",",
            description = "Do not run these rules (ids or aliases, comma-separated; repeatable).")
    List<String> disable = List.of();

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: ./.netspec.yaml if present).")
    Path config;

    @Option(
            names = "--no-config",
            description = "Read no config file, not even ./.netspec.yaml: for pull requests from strangers, whose "
                    + "checkout holds a .netspec.yaml they wrote (see README, Security).")
    boolean noConfig;

    @Option(
            names = "--max-rule-firings",
            paramLabel = "N",
            description = "Stop with exit 2 when rules fire more than N times in one run (default 10000000; "
                    + "config: limits.ruleFirings).")
    Long maxRuleFirings;

    @Option(
            names = "--rule-timeout",
            paramLabel = "SECONDS",
            description = "Stop with exit 2 when rules run longer than this (default 120; config: "
                    + "limits.ruleTimeoutSeconds).")
    Long ruleTimeout;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "Accept the findings listed in FILE (matched on rule and object, not line): they are "
                    + "reported as waived.")
    Path baseline;

    @Option(
            names = "--write-baseline",
            paramLabel = "FILE",
            description = "Write every unwaived finding to FILE as the new baseline; they then count as waived.")
    Path writeBaseline;

    /** Set by {@code report}, which is this command writing HTML without the gate. */
    ReportData.Mode htmlMode = ReportData.Mode.CHECK;

    int maxExplanations = HtmlReport.DEFAULT_EXPLANATIONS;

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
        Timing.mark("command line parsed");
        PrintStream err = System.err;
        Optional<OutputFormat> format = output.format("check", FORMATS, err);
        if (format.isEmpty()) {
            return ExitCodes.USAGE;
        }
        boolean html = format.get() == OutputFormat.HTML;
        Optional<FailOn> failOnFlag = Optional.empty();
        if (failOn != null) {
            failOnFlag = FailOn.parse(failOn);
            if (failOnFlag.isEmpty()) {
                err.println("netspec check: unknown --fail-on " + failOn + " (error, warning, info, none)");
                return ExitCodes.USAGE;
            }
        }
        CheckConfig cfg;
        Baseline accepted = Baseline.EMPTY;
        try {
            cfg = loadConfig().overriddenBy(set(enable), set(disable), failOnFlag, Optional.ofNullable(baseline));
            cfg = cfg.withBudget(budget(cfg.budget()));
            if (cfg.baseline().isPresent()) {
                accepted = Baseline.read(cfg.baseline().get());
            }
        } catch (CheckConfig.ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        // the manifests do not depend on the rule packs: they load while the packs are read and compiled
        EarlyLoad early = EarlyLoad.start(inputs, cfg.cni(), cfg.podCidrs(), cfg.nodeCidrs());
        RuleEngine engine;
        try {
            engine = RuleEngine.compile(packOptions.packs(cfg.packs()), session.packCache());
        } catch (PackException e) {
            early.discard();
            return packErrors(e, err);
        } catch (RuntimeException | Error e) {
            early.discard();
            throw e;
        }
        List<String> unknown = Checker.unknownIds(engine, cfg);
        if (!unknown.isEmpty()) {
            early.discard();
            err.println("netspec check: no loaded rule has the id " + String.join(", ", unknown)
                    + " (see netspec rules list)");
            return ExitCodes.USAGE;
        }
        List<String> badParams = Checker.paramProblems(engine, cfg);
        if (!badParams.isEmpty()) {
            early.discard();
            badParams.forEach(err::println);
            return ExitCodes.USAGE;
        }
        Progress.phase("loading manifests");
        LoadResult loaded = early.join(inputs, cfg.cni(), cfg.podCidrs(), cfg.nodeCidrs(), err);
        Timing.mark("manifests loaded");
        if (loaded.hasErrors()) {
            return ExitCodes.USAGE;
        }
        CheckResult result;
        Progress.phase("computing connectivity");
        Network net = Checker.network(loaded.cluster(), cfg);
        try {
            Progress.phase("running rules");
            result = Checker.check(engine, net, cfg, accepted);
        } catch (PackException e) {
            return packErrors(e, err);
        }
        // Reported whether or not a rule asked a pair question: the rules read the same policies,
        // and a finding computed on an ambiguous policy set should not pass silently. The analysis
        // is cheap next to the rule run; built here only when no rule needed it.
        boolean analysisErrors = InputOptions.printAnalysisProblems(
                net.analysis().problems(),
                result.rules().stream().anyMatch(r -> r.id().equals("approximated-policy"))
                        ? InputOptions.LISTED_IN_REPORT
                        : InputOptions.LISTED_WHEN_THE_RULE_RUNS,
                err);
        Timing.mark("connectivity analysis problems");
        if (writeBaseline != null) {
            Baseline written = Baseline.of(result.findings());
            try {
                written.write(writeBaseline);
            } catch (IOException e) {
                err.println(OutputFile.cannotWrite("check", writeBaseline, e));
                return ExitCodes.USAGE;
            }
            err.println("netspec: wrote " + written.entries().size() + " accepted finding"
                    + (written.entries().size() == 1 ? "" : "s") + " to " + writeBaseline);
            List<RuleInfo> rules = result.rules();
            result = new CheckResult(
                    result.findings().stream().map(f -> written.apply(f, rules)).toList(), rules);
        }
        Progress.phase("writing report");
        if (html) {
            ReportData.Input page = HtmlReport.of(
                    htmlMode,
                    HtmlReport.title(htmlMode == ReportData.Mode.REPORT ? "report" : "check", inputs.paths),
                    net.analysis(),
                    Optional.of(result.findings()),
                    maxExplanations);
            if (!HtmlReport.write(htmlMode == ReportData.Mode.REPORT ? "report" : "check", output, page, err)) {
                return ExitCodes.USAGE;
            }
            return analysisErrors
                    ? ExitCodes.USAGE
                    : result.fails(cfg.effectiveFailOn()) ? ExitCodes.FAILED : ExitCodes.OK;
        }
        Renderer renderer = switch (format.get()) {
            case TEXT -> new TextRenderer(output.toStdout() ? session.stdout() : Ansi.PLAIN);
            case JSON -> ReportFormat.JSON.renderer();
            case JUNIT -> ReportFormat.JUNIT.renderer();
            case SARIF -> ReportFormat.SARIF.renderer();
            case GITHUB -> ReportFormat.GITHUB.renderer();
            case MARKDOWN -> ReportFormat.MARKDOWN.renderer();
            default -> throw new IllegalStateException("not a format of check: " + format.get());
        };
        String report = renderer.render(result, ReportContext.here(version()).withConfig(configUsed()));
        Timing.mark("report rendered");
        if (!output.write("check", out -> out.write(report), err)) {
            return ExitCodes.USAGE;
        }
        if (analysisErrors) {
            return ExitCodes.USAGE;
        }
        return result.fails(cfg.effectiveFailOn()) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private RuleBudget budget(RuleBudget fromConfig) throws CheckConfig.ConfigException {
        RuleBudget b = fromConfig;
        if (maxRuleFirings != null) {
            if (maxRuleFirings < 1) {
                throw new CheckConfig.ConfigException("netspec check: --max-rule-firings must be at least 1");
            }
            b = b.withMaxFirings(maxRuleFirings);
        }
        if (ruleTimeout != null) {
            if (ruleTimeout < 1) {
                throw new CheckConfig.ConfigException("netspec check: --rule-timeout must be at least 1 second");
            }
            b = b.withTimeout(Duration.ofSeconds(ruleTimeout));
        }
        return b;
    }

    /** The config file this run read, as reports show it. */
    private String configUsed() {
        if (noConfig) {
            return ReportContext.NO_CONFIG + " (--no-config)";
        }
        if (config != null) {
            return config.toString();
        }
        return Files.isRegularFile(Path.of(CheckConfig.FILE_NAME)) ? CheckConfig.FILE_NAME : ReportContext.NO_CONFIG;
    }

    private CheckConfig loadConfig() throws CheckConfig.ConfigException {
        if (noConfig) {
            if (config != null) {
                throw new CheckConfig.ConfigException("netspec check: --no-config and --config exclude each other");
            }
            return CheckConfig.DEFAULTS;
        }
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new CheckConfig.ConfigException(config + ": no such config file");
            }
            return CheckConfig.load(config);
        }
        Path here = Path.of(CheckConfig.FILE_NAME);
        return Files.isRegularFile(here) ? CheckConfig.load(here) : CheckConfig.DEFAULTS;
    }

    static int packErrors(PackException e, PrintStream err) {
        for (PackProblem p : e.problems()) {
            err.println(p);
        }
        err.println("netspec: " + e.problems().size() + " rule pack problem"
                + (e.problems().size() == 1 ? "" : "s") + "; nothing was checked");
        return ExitCodes.USAGE;
    }

    private static Set<String> set(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    static String version() {
        return NetspecVersion.current().version().toString();
    }
}
