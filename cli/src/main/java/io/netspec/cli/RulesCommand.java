package io.netspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.packs.JarSignatures;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import io.netspec.engine.rules.tooling.FixtureRunner;
import io.netspec.engine.rules.tooling.RuleDocs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netspec rules}: list and document the rule packs, and test a pack against its fixtures. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "List the rules of the built-in and --rules packs (the same as 'rules list'), or test a pack.",
            ""
        },
        subcommands = {
            RulesCommand.ListCommand.class,
            RulesCommand.TestPackCommand.class,
            RulesCommand.InitCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  netspec rules list",
            "  netspec rules list --format markdown > docs/rules.md",
            "  netspec rules test policies/org-pack",
            "  netspec rules init acme-network --group-id com.acme",
            "",
            "Exit codes: 0 ok, 1 a fixture failed ('rules test'), 2 a pack that does not load, or usage."
        })
final class RulesCommand implements Callable<Integer>, FormattedCommand, Session.Aware {

    static final Formats FORMATS = Formats.of(
            Formats.entry(OutputFormat.TEXT, "id, severity, pack@version and title, a line per rule; then the packs"),
            Formats.entry(OutputFormat.MARKDOWN, "the rule docs, a page per pack"),
            Formats.entry(OutputFormat.JSON, "an array of rules with remediation, aliases and source"));

    @Spec
    CommandSpec spec;

    @Mixin
    PackOptions packOptions;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    DocsOptions docsOptions;

    Session session = Session.DEFAULT;

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
        return list(spec, packOptions, output, docsOptions, session);
    }

    /** Where {@code --format markdown} finds fixtures and writes its pages. */
    static final class DocsOptions {
        @Option(
                names = "--fixtures",
                paramLabel = "DIR",
                description = "With --format markdown: a folder of <pack>/<rule-id>/ fixtures to document "
                        + "(default: each pack's own tests/ folder).")
        Path fixtures;

        @Option(
                names = "--output-dir",
                paramLabel = "DIR",
                description =
                        "With --format markdown: write one page per pack, DIR/<pack>.md, instead of printing them.")
        Path outputDir;

        Optional<Path> fixturesOf(Pack pack) {
            if (fixtures != null && Files.isDirectory(fixtures.resolve(pack.name()))) {
                return Optional.of(fixtures.resolve(pack.name()));
            }
            return pack.testsDir();
        }
    }

    static int list(
            CommandSpec spec, PackOptions packOptions, OutputOptions output, DocsOptions docs, Session session) {
        String command = spec.qualifiedName(" ").replaceFirst("^netspec ", "");
        Optional<OutputFormat> chosen = output.format(command, FORMATS, System.err);
        if (chosen.isEmpty()) {
            return ExitCodes.USAGE;
        }
        OutputFormat format = chosen.get();
        if ((docs.fixtures != null || docs.outputDir != null) && format != OutputFormat.MARKDOWN) {
            System.err.println("netspec rules: --fixtures and --output-dir go with --format markdown");
            return ExitCodes.USAGE;
        }
        if (docs.outputDir != null && output.output != null) {
            System.err.println("netspec rules: --output-dir (a page per pack) and -o (one file) exclude each other");
            return ExitCodes.USAGE;
        }
        if (docs.fixtures != null && !Files.isDirectory(docs.fixtures)) {
            System.err.println("netspec rules: --fixtures " + docs.fixtures + ": no such folder");
            return ExitCodes.USAGE;
        }
        RuleEngine engine;
        List<Pack> packs;
        try {
            packs = packOptions.packs(List.of());
            engine = RuleEngine.compile(packs, session.packCache());
        } catch (PackException e) {
            return CheckCommand.packErrors(e, System.err);
        }
        if (format == OutputFormat.MARKDOWN && docs.outputDir != null) {
            try {
                markdown(packs, engine.rules(), docs, new PrintWriter(Writer.nullWriter()));
            } catch (IOException e) {
                System.err.println(OutputFile.cannotWrite(command, docs.outputDir, e));
                return ExitCodes.USAGE;
            }
            return ExitCodes.OK;
        }
        boolean written = output.write(
                command,
                w -> {
                    PrintWriter out = new PrintWriter(w);
                    switch (format) {
                        case TEXT -> text(engine.allRules(), packs, out);
                        case MARKDOWN -> markdown(packs, engine.rules(), docs, out);
                        case JSON -> json(engine.allRules(), out);
                        default -> throw new IllegalStateException("not a format of rules: " + format);
                    }
                    out.flush();
                },
                System.err);
        return written ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** The rules (id, severity, pack@version, title), then each pack's version, source and description. */
    static void text(List<RuleInfo> rules, List<Pack> packs, PrintWriter out) {
        int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(2);
        int packWidth =
                rules.stream().mapToInt(r -> r.provenance().length()).max().orElse(4);
        for (RuleInfo r : rules) {
            out.printf(
                    "%-" + width + "s  %-7s  %-" + packWidth + "s  %s%n",
                    r.id(),
                    r.severity().wireName(),
                    r.provenance(),
                    r.title());
        }
        out.println(rules.size() + " rule" + (rules.size() == 1 ? "" : "s"));
        if (!packs.isEmpty()) {
            out.println();
            out.println("packs:");
            for (Pack p : packs) {
                out.println("  " + p.provenance() + "  (" + p.location() + ")"
                        + (p.description().isEmpty() ? "" : "\n      " + p.description()));
            }
        }
    }

    /**
     * One page per pack, exactly as {@link RuleDocs} writes the committed {@code rules/docs/<pack>.md}:
     * printed one after the other, or written to {@code --output-dir}. The engine's own checks
     * ({@code waiver-without-reason}) belong to no pack: the text and JSON lists show them.
     */
    static void markdown(List<Pack> packs, List<RuleInfo> rules, DocsOptions docs, PrintWriter out) throws IOException {
        if (docs.outputDir != null) {
            Files.createDirectories(docs.outputDir);
        }
        String separator = "";
        for (Pack pack : packs) {
            String page = RuleDocs.markdown(pack, rules, docs.fixturesOf(pack));
            if (docs.outputDir != null) {
                Files.writeString(docs.outputDir.resolve(pack.name() + ".md"), page, StandardCharsets.UTF_8);
            } else {
                out.print(separator + page);
                separator = "\n";
            }
        }
    }

    static void json(List<RuleInfo> rules, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode list = mapper.createArrayNode();
        for (RuleInfo r : rules) {
            ObjectNode n = list.addObject();
            n.put("id", r.id())
                    .put("severity", r.severity().wireName())
                    .put("title", r.title())
                    .put("remediation", r.remediation())
                    .put("pack", r.pack())
                    .put("packVersion", r.packVersion())
                    .put("source", r.source().toString());
            ArrayNode aliases = n.putArray("aliases");
            r.aliases().forEach(aliases::add);
        }
        try {
            out.println(mapper.writeValueAsString(list));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "List the rules of the built-in and --rules packs: id, severity, pack@version, title; then "
                    + "each pack's version, source and description.",
            footer = {
                "",
                "Examples:",
                "  netspec rules list",
                "  netspec rules list --rules examples/acme-pack --format json",
                "",
                "Exit codes: 0 listed, 2 a pack that does not load, or usage."
            })
    static final class ListCommand implements Callable<Integer>, FormattedCommand, Session.Aware {
        @Spec
        CommandSpec spec;

        @Mixin
        PackOptions packOptions;

        @Mixin
        OutputOptions output = new OutputOptions();

        @Mixin
        DocsOptions docsOptions;

        Session session = Session.DEFAULT;

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
            return list(spec, packOptions, output, docsOptions, session);
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Run a pack's fixtures: <pack>/tests/<rule-id>/fail-*.yaml must yield that rule's findings "
                        + "exactly on the objects marked '# expect: <rule-id>' (a comment on the object's first line or "
                        + "just above it); pass-*.yaml must yield none. Only the rule under test runs. Every rule needs a "
                        + "fail and a pass fixture. A fixture whose first comment lines say '# cni: PLUGIN' is analysed as "
                        + "a cluster running that plugin; the others as --cni (or cni: in .netspec.yaml) says.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  netspec rules test examples/acme-pack",
                "  netspec rules test examples/acme-pack --cni calico",
                "",
                "Exit codes: 0 every fixture passed, 1 one failed or is missing, 2 the pack does not load."
            })
    static final class TestPackCommand implements Callable<Integer>, FormattedCommand {

        static final Formats FORMATS = Formats.of(
                Formats.entry(OutputFormat.TEXT, "ok or FAIL per fixture, the problems under it, then the counts"));

        @Mixin
        OutputOptions output = new OutputOptions();

        @Override
        public Formats formats() {
            return FORMATS;
        }

        @Parameters(
                paramLabel = "PACK",
                description = "The pack folder (with pack.yaml and tests/), a folder of packs, "
                        + "or a pack jar holding its tests/ folder (as 'rules init' projects build it).")
        Path packDir;

        /** Fixtures that declare no plugin ('# cni: PLUGIN' at the top) are loaded as clusters running this one. */
        @Mixin
        CniOption cni = new CniOption();

        @Override
        public Integer call() {
            if (output.format("rules test", FORMATS, System.err).isEmpty()) {
                return ExitCodes.USAGE;
            }
            NetworkPlugin plugin;
            try {
                plugin = cni.plugin(Optional.empty()).orElse(NetworkPlugin.AUTO);
            } catch (IllegalArgumentException | CheckConfig.ConfigException e) {
                System.err.println("netspec rules test: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            StringWriter text = new StringWriter();
            int status = run(new PrintWriter(text), plugin);
            return output.write("rules test", w -> w.write(text.toString()), System.err) ? status : ExitCodes.USAGE;
        }

        private int run(PrintWriter out, NetworkPlugin plugin) {
            int passed = 0;
            int failed = 0;
            Path unpacked = null;
            try {
                List<Pack> packs;
                if (Files.isRegularFile(packDir) && packDir.toString().endsWith(".jar")) {
                    JarSignatures.verify(packDir, packDir.toString());
                    unpacked = PackJars.unpack(packDir);
                    Path root = Files.isRegularFile(unpacked.resolve(PackLoader.MANIFEST))
                            ? unpacked
                            : unpacked.resolve(PackLoader.BUILTIN_ROOT);
                    packs = PackLoader.load(
                            root, packDir + (root.equals(unpacked) ? "!" : "!/" + PackLoader.BUILTIN_ROOT));
                } else {
                    packs = PackLoader.load(packDir);
                }
                for (Pack pack : packs) {
                    RuleEngine engine = RuleEngine.compile(List.of(pack));
                    Path tests = pack.testsDir().orElse(Path.of(pack.location(), "tests"));
                    for (String missing : FixtureRunner.missingFixtures(engine.rules(), tests)) {
                        out.println("FAIL " + missing);
                        failed++;
                    }
                    if (pack.testsDir().isEmpty()) {
                        continue;
                    }
                    FixtureRunner runner = FixtureRunner.of(engine, plugin);
                    for (FixtureRunner.FixtureResult r : runner.runAll(tests)) {
                        out.println((r.passed() ? "ok   " : "FAIL ") + pack.name() + "/"
                                + r.fixtureCase().displayName());
                        r.problems().forEach(p -> out.println("    " + p));
                        if (r.passed()) {
                            passed++;
                        } else {
                            failed++;
                        }
                    }
                }
            } catch (PackException e) {
                out.flush();
                return CheckCommand.packErrors(e, System.err);
            } catch (IOException e) {
                System.err.println("netspec rules test: " + e.getMessage());
                return ExitCodes.USAGE;
            } finally {
                PackJars.delete(unpacked);
            }
            out.println(passed + " passed, " + failed + " failed");
            out.flush();
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = {
                "Create a rule pack project: pack.yaml, a sample rule with its fail and pass fixtures, "
                        + "generated docs, and a Maven pom that builds the pack jar (pack.yaml at its root, rules and "
                        + "fixtures) and tests it: fixtures pass, docs current, pack.yaml and pom versions equal.",
                ""
            },
            footer = {
                "",
                "Example:",
                "  netspec rules init acme-network --group-id com.acme",
                "  cd acme-network && netspec rules test . && mvn verify",
                "",
                "Exit codes: 0 created, 2 a bad name, or the folder exists and is not empty."
            })
    static final class InitCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "NAME",
                description = "The pack's name (kebab-case); also the folder and the artifactId.")
        String name;

        @Option(
                names = "--group-id",
                paramLabel = "GROUP",
                defaultValue = "com.example.netspec",
                description = "The Maven groupId the pack is published under (default: ${DEFAULT-VALUE}).")
        String groupId;

        @Option(
                names = "--dir",
                paramLabel = "DIR",
                defaultValue = ".",
                description = "Where to create the NAME folder (default: the current folder).")
        Path dir;

        @Override
        public Integer call() {
            if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                System.err.println(
                        "netspec rules init: pack name \"" + name + "\" is not kebab-case (e.g. acme-network)");
                return ExitCodes.USAGE;
            }
            if (!groupId.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
                System.err.println("netspec rules init: --group-id \"" + groupId + "\" is not a Java package-like "
                        + "groupId (e.g. com.acme)");
                return ExitCodes.USAGE;
            }
            Path target = dir.resolve(name);
            try {
                if (Files.exists(target)
                        && (!Files.isDirectory(target)
                                || Files.list(target).findAny().isPresent())) {
                    System.err.println("netspec rules init: " + target + " exists and is not empty");
                    return ExitCodes.USAGE;
                }
                PackScaffold.write(target, PackScaffold.files(name, groupId));
                // the docs exactly as `rules list --no-builtin --rules . --format markdown` writes them from there
                Pack pack = PackLoader.load(target, ".").get(0);
                RuleEngine engine = RuleEngine.compile(List.of(pack));
                Files.createDirectories(target.resolve("docs"));
                Files.writeString(
                        target.resolve("docs").resolve(name + ".md"),
                        RuleDocs.markdown(pack, engine.rules(), pack.testsDir()),
                        StandardCharsets.UTF_8);
            } catch (PackException e) {
                return CheckCommand.packErrors(e, System.err);
            } catch (IOException e) {
                System.err.println("netspec rules init: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + target
                    + ": pack.yaml, rules/, tests/, docs/, pom.xml, src/test/java (PackTest), README.md");
            out.println("next: cd " + target + " && netspec rules test .   (then mvn verify builds and tests the jar)");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
