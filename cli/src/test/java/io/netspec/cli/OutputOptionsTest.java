package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command takes {@code -f/--format} and {@code -o/--output} the same way: each spelling of
 * each of its formats (any case, md for markdown), into a folder that does not exist yet, gives a
 * file and nothing on standard output; a format it does not write is the same one-line error.
 */
class OutputOptionsTest {

    private static final String SHOP = "../examples/shop";

    /** Each command with arguments that make it succeed (or fail on the policy, exit 1, but never 2). */
    private static final Map<String, List<String>> COMMANDS = commands();

    @TempDir
    static Path dir;

    private static Map<String, List<String>> commands() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("inventory", List.of("inventory", SHOP));
        c.put("reach", List.of("reach", SHOP));
        c.put("explain", List.of("explain", SHOP, "--from", "shop-frontend/web", "--to", "shop-data/postgres"));
        c.put("diff", List.of("diff", SHOP, SHOP));
        c.put("check", List.of("check", SHOP, "--no-config"));
        c.put("report", List.of("report", SHOP));
        c.put("rules", List.of("rules"));
        c.put("rules list", List.of("rules", "list"));
        c.put("rules test", List.of("rules", "test", "../examples/acme-pack"));
        c.put("test", List.of("test", SHOP + "/specs/segmentation.feature"));
        return c;
    }

    /** The commands of the CLI that write a report, found from the command tree, not listed by hand. */
    @Test
    void everyCommandWithAnOutputHasTheSharedOptionsAndIsLoopedOverHere() {
        CommandLine cli = new CommandLine(new Main());
        List<String> formatted = new ArrayList<>();
        collect(cli, formatted);
        assertThat(formatted).containsExactlyInAnyOrderElementsOf(COMMANDS.keySet());
    }

    private static void collect(CommandLine command, List<String> out) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        boolean hasOutput = spec.findOption("--output") != null || spec.findOption("--format") != null;
        if (hasOutput) {
            assertThat((Object) command.getCommand()).as(spec.qualifiedName()).isInstanceOf(FormattedCommand.class);
            assertThat(spec.findOption("-f")).as(spec.qualifiedName() + " -f").isNotNull();
            assertThat(spec.findOption("-o")).as(spec.qualifiedName() + " -o").isNotNull();
            out.add(spec.qualifiedName(" ").replaceFirst("^netspec ", ""));
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }

    /**
     * Every format by its name and aliases with {@code -f}; per command, the first format also upper
     * case and with {@code --format}, and {@code -o}/{@code --output} alternate (picocli gives both
     * names one value, so once per command shows it; each run costs a whole command).
     */
    @TestFactory
    Stream<DynamicTest> everyCommandWritesEveryFormatSpellingIntoANewFolder() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            Formats formats = formatsOf(command.getKey());
            for (OutputFormat format : formats.formats()) {
                List<List<String>> spellings = new ArrayList<>();
                format.spellings().forEach(spelling -> spellings.add(List.of("-f", spelling, "-o")));
                if (format == formats.defaultFormat()) {
                    spellings.add(List.of("--format", format.wireName().toUpperCase(Locale.ROOT), "--output"));
                }
                for (List<String> flags : spellings) {
                    String name = command.getKey() + " " + flags.get(0) + " " + flags.get(1) + " " + flags.get(2);
                    tests.add(DynamicTest.dynamicTest(name, () -> writes(command.getValue(), flags, name)));
                }
            }
        }
        return tests.stream();
    }

    private static void writes(List<String> command, List<String> flags, String name) throws IOException {
        Path file = dir.resolve(name.replace(' ', '_')).resolve("new").resolve("out");
        assertThat(file.getParent()).doesNotExist();
        List<String> args = new ArrayList<>(command);
        args.addAll(flags);
        args.add(file.toString());
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(name + "\n" + r.err()).isIn(ExitCodes.OK, ExitCodes.FAILED);
        assertThat(file).as(name).isRegularFile();
        assertThat(Files.size(file)).as(name).isPositive();
        assertThat(r.out()).as(name + ": the report went to the file").isEmpty();
        assertThat(r.err()).as(name).doesNotContain("Exception");
    }

    @Test
    void anUnknownFormatIsOneLineNamingTheCommandsFormats() {
        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            List<String> args = new ArrayList<>(command.getValue());
            args.addAll(List.of("-f", "xml"));
            Run r = run(args.toArray(String[]::new));
            String expected = String.join(
                    ", ",
                    formatsOf(command.getKey()).formats().stream()
                            .map(OutputFormat::wireName)
                            .toList());
            assertThat(r.exit()).as(command.getKey()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as(command.getKey()).isEmpty();
            assertThat(r.err())
                    .as(command.getKey())
                    .isEqualTo("netspec " + command.getKey() + ": unknown --format xml (expected: " + expected + ")\n");
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineWithTheReasonOnEveryCommand() throws IOException {
        Path blocker = Files.writeString(dir.resolve("a-file"), "x");
        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            List<String> args = new ArrayList<>(command.getValue());
            args.addAll(List.of("-o", blocker.resolve("out").toString()));
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(command.getKey()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err())
                    .as(command.getKey())
                    .contains("netspec " + command.getKey() + ": cannot write " + blocker.resolve("out")
                            + ": cannot create folder " + blocker + ": Not a directory")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aFolderGivenAsTheFileIsOneLineBeforeAnyWork() {
        Run r = run("check", SHOP, "--no-config", "-o", dir.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("netspec check: cannot write " + dir + ": Is a directory\n");
    }

    @Test
    void dashIsStandardOutput() {
        Run r = run("diff", SHOP, SHOP, "--format", "markdown", "-o", "-");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("**netspec diff**: 0 connections added");
    }

    @Test
    void helpListsTheCommandsFormatsFromTheSameDeclaration() {
        for (String command : COMMANDS.keySet()) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out())
                    .as(command)
                    .contains("Formats (-f, --format; any case):")
                    .contains("-o, --output=FILE");
            for (OutputFormat f : formatsOf(command).formats()) {
                assertThat(r.out()).as(command).containsPattern("(?m)^  " + String.join(", ", f.spellings()) + " ");
            }
        }
    }

    private static Formats formatsOf(String command) {
        return switch (command) {
            case "inventory" -> InventoryCommand.FORMATS;
            case "reach" -> ReachCommand.FORMATS;
            case "explain" -> ExplainCommand.FORMATS;
            case "diff" -> DiffCommand.FORMATS;
            case "check" -> CheckCommand.FORMATS;
            case "report" -> ReportCommand.FORMATS;
            case "rules", "rules list" -> RulesCommand.FORMATS;
            case "rules test" -> RulesCommand.TestPackCommand.FORMATS;
            case "test" -> TestCommand.FORMATS;
            default -> throw new IllegalArgumentException(command);
        };
    }
}
