package io.netspec.engine.rules.tooling;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.load.Cidrs;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.RuleParams;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.runtime.RuleBudget;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a pack's fixtures: {@code tests/<rule-id>/fail-*.yaml} must yield findings of that rule
 * exactly where {@code # expect: <rule-id>} marks an object, {@code pass-*.yaml} none. Comment lines at the
 * top may set the rule's parameters for the case ({@code # param: namespace = dns-system}). Only the
 * rule under test runs; waiver annotations apply (a waived finding does not count). An
 * unexpected finding fails the case just as a missing one does.
 *
 * <p>Shared by the rules module's {@code @TestFactory} and {@code netspec rules test}.
 */
public final class FixtureRunner {

    private static final Pattern MARKER = Pattern.compile("#\\s*expect:\\s*([a-z0-9-]+)");
    private static final Pattern PARAM = Pattern.compile("#\\s*param:\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=(.*)");

    private final RuleEngine engine;
    private final Function<Path, LoadResult> loader;

    public FixtureRunner(RuleEngine engine, Function<Path, LoadResult> loader) {
        this.engine = engine;
        this.loader = loader;
    }

    /**
     * A runner that loads fixtures with the default {@link ManifestLoader}; a fixture whose comment
     * lines at the top include {@code # cni: PLUGIN} is loaded as a cluster running that plugin, one with
     * {@code # podCIDRs: CIDR[,CIDR...]} as a cluster with those pod ranges (as {@code podCIDRs:} of .netspec.yaml).
     */
    public static FixtureRunner of(RuleEngine engine) {
        return of(engine, NetworkPlugin.AUTO);
    }

    /**
     * As {@link #of(RuleEngine)}, with fixtures that declare no plugin loaded as clusters running
     * {@code plugin} ({@code netspec rules test --cni}); a fixture's own {@code # cni:} wins, being part of its case.
     */
    public static FixtureRunner of(RuleEngine engine, NetworkPlugin plugin) {
        return new FixtureRunner(
                engine,
                file -> withPodCidrs(
                        file,
                        new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(
                                        declaredPlugin(file).orElse(plugin)))
                                .load(List.of(file))));
    }

    /** {@code loaded} with the pod ranges of the fixture's {@code # podCIDRs:} line; a bad CIDR is a load error. */
    private static LoadResult withPodCidrs(Path file, LoadResult loaded) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size() && lines.get(i).startsWith("#"); i++) {
                if (lines.get(i).startsWith("# podCIDRs:")) {
                    List<Cidr> ranges = new ArrayList<>();
                    for (String text :
                            lines.get(i).substring("# podCIDRs:".length()).split(",")) {
                        try {
                            ranges.add(Cidrs.parse(text));
                        } catch (IllegalArgumentException e) {
                            List<LoadProblem> problems = new ArrayList<>(loaded.problems());
                            problems.add(LoadProblem.error(
                                    new SourceRef(file.toString(), i + 1), "podCIDRs: " + e.getMessage()));
                            return new LoadResult(loaded.cluster(), problems);
                        }
                    }
                    return new LoadResult(loaded.cluster().withPodCidrs(ranges), loaded.problems());
                }
            }
        } catch (IOException e) {
            return loaded; // the loader reported the unreadable file
        }
        return loaded;
    }

    private static Optional<NetworkPlugin> declaredPlugin(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("#")) {
                    break;
                }
                if (line.startsWith("# cni:")) {
                    return NetworkPlugin.parse(line.substring("# cni:".length()));
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // the loader reports the unreadable file
        }
        return Optional.empty();
    }

    /** One fixture file. {@code failing} for {@code fail-*} files. */
    public record FixtureCase(String ruleId, Path file, boolean failing) {
        public String displayName() {
            return ruleId + "/" + file.getFileName();
        }
    }

    /** The outcome of one case; {@code problems} are {@code file:line: ...} lines, empty when it passed. */
    public record FixtureResult(FixtureCase fixtureCase, List<String> problems) {
        public FixtureResult {
            problems = List.copyOf(problems);
        }

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * The cases under {@code testsDir}: one per {@code fail-*.yaml}/{@code pass-*.yaml} (also
     * {@code .yml}) in each {@code <rule-id>/} folder, sorted. Other files are ignored.
     */
    public static List<FixtureCase> cases(Path testsDir) throws IOException {
        List<FixtureCase> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(testsDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (name.matches("(fail|pass)-.*\\.ya?ml")) {
                            out.add(new FixtureCase(dir.getFileName().toString(), f, name.startsWith("fail-")));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Rule ids (from {@code rules}) that lack a firing or a non-firing fixture under
     * {@code testsDir}, with what is missing: {@code id: no fail-*.yaml}.
     */
    public static List<String> missingFixtures(List<RuleInfo> rules, Path testsDir) throws IOException {
        List<FixtureCase> all = Files.isDirectory(testsDir) ? cases(testsDir) : List.of();
        List<String> out = new ArrayList<>();
        for (RuleInfo r : rules) {
            for (boolean failing : new boolean[] {true, false}) {
                if (all.stream().noneMatch(c -> c.ruleId().equals(r.id()) && c.failing() == failing)) {
                    out.add(r.id() + ": no " + (failing ? "fail" : "pass") + "-*.yaml under "
                            + testsDir.resolve(r.id()));
                }
            }
        }
        return out;
    }

    public FixtureResult run(FixtureCase c) {
        List<String> problems = new ArrayList<>();
        String shown = c.file().toString();
        if (engine.allRules().stream().noneMatch(r -> r.id().equals(c.ruleId()))) {
            return new FixtureResult(
                    c,
                    List.of(shown + ": no loaded rule has the id \"" + c.ruleId()
                            + "\" (the folder name must be a rule id)"));
        }
        String text;
        try {
            text = Files.readString(c.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new FixtureResult(c, List.of(shown + ": cannot read: " + e.getMessage()));
        }
        Map<Integer, Integer> expected = expectations(text, c.ruleId(), shown, problems);
        if (c.failing() && expected.isEmpty()) {
            problems.add(shown + ": a fail-* fixture needs a \"# expect: " + c.ruleId() + "\" marker");
        }
        if (!c.failing() && !expected.isEmpty()) {
            problems.add(shown + ": a pass-* fixture must not carry \"# expect:\" markers");
        }
        LoadResult loaded = loader.apply(c.file());
        if (loaded.hasErrors()) {
            loaded.errors().forEach(p -> problems.add(p.toString()));
            return new FixtureResult(c, problems);
        }
        List<Finding> findings;
        try {
            List<RuleParams.Setting> settings = settings(text, c.ruleId(), shown);
            List<String> bad = RuleParams.problems(engine.allRules(), settings);
            if (!bad.isEmpty()) {
                problems.addAll(bad);
                return new FixtureResult(c, problems);
            }
            findings = engine.run(
                    loaded.cluster(),
                    Network.of(loaded.cluster()),
                    r -> r.id().equals(c.ruleId()),
                    RuleBudget.DEFAULT,
                    settings);
        } catch (PackException e) {
            e.problems().forEach(p -> problems.add(p.toString()));
            return new FixtureResult(c, problems);
        }
        Map<Integer, List<Finding>> actual = new TreeMap<>();
        for (Finding f : findings) {
            if (!f.waived() && f.ruleId().equals(c.ruleId())) {
                actual.computeIfAbsent(anchor(text, f.source().line()), k -> new ArrayList<>())
                        .add(f);
            }
        }
        Map<Integer, Integer> lines = new TreeMap<>(expected);
        actual.keySet().forEach(l -> lines.putIfAbsent(l, 0));
        for (Map.Entry<Integer, Integer> e : lines.entrySet()) {
            List<Finding> got = actual.getOrDefault(e.getKey(), List.of());
            int want = e.getValue();
            if (got.size() < want) {
                problems.add(shown + ":" + e.getKey() + ": expected " + (want == 1 ? "a finding" : want + " findings")
                        + " of " + c.ruleId() + ", got " + (got.isEmpty() ? "none" : got.size()));
            }
            for (int i = want; i < got.size(); i++) {
                Finding f = got.get(i);
                problems.add(f.source() + ": unexpected finding [" + f.ruleId() + "] " + f.message());
            }
        }
        return new FixtureResult(c, problems);
    }

    /**
     * The rule parameters a fixture sets for its case: {@code # param: NAME = VALUE} lines among the comment
     * lines at its top, the value spelt as in {@code @params} (lists comma-separated, maps {@code k=v,...}).
     */
    static List<RuleParams.Setting> settings(String text, String ruleId, String shown) {
        List<RuleParams.Setting> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && lines[i].startsWith("#"); i++) {
            Matcher m = PARAM.matcher(lines[i]);
            if (m.matches()) {
                out.add(new RuleParams.Setting(ruleId, m.group(1), m.group(2), true, new SourceRef(shown, i + 1)));
            }
        }
        return out;
    }

    /** Runs every case under {@code testsDir}. */
    public List<FixtureResult> runAll(Path testsDir) throws IOException {
        return cases(testsDir).stream().map(this::run).toList();
    }

    /**
     * Line -> number of expected findings. A marker on a comment-only line counts for the next
     * non-comment line; a marker after content counts for its own line.
     */
    private static Map<Integer, Integer> expectations(String text, String ruleId, String shown, List<String> problems) {
        String[] lines = text.split("\n", -1);
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MARKER.matcher(lines[i]);
            while (m.find()) {
                if (!m.group(1).equals(ruleId)) {
                    problems.add(
                            shown + ":" + (i + 1) + ": marker names " + m.group(1) + " in a fixture for " + ruleId);
                    continue;
                }
                out.merge(anchor(text, i + 1), 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * The line a marker or finding at {@code line} stands for: a comment-only or {@code ---} line
     * stands for the next line with content, so a marker may sit just above an object.
     */
    private static int anchor(String text, int line) {
        String[] lines = text.split("\n", -1);
        int i = line - 1;
        while (i >= 0 && i < lines.length && isCommentOrBlank(lines[i])) {
            i++;
        }
        return i < lines.length ? i + 1 : line;
    }

    private static boolean isCommentOrBlank(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#") || t.equals("---");
    }
}
