package io.netspec.engine.rules.runtime;

import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.DerivedFacts;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.ObjectRef;
import io.netspec.engine.rules.Report;
import io.netspec.engine.rules.RuleParams;
import io.netspec.engine.rules.packs.DuplicatePacks;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.packs.PackProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * Compiled rule packs: compile once with {@link #compile}, then {@link #run} on clusters.
 * Findings come back raw (no waivers, no config); {@code Checker} applies those.
 *
 * <p>Packs are compiled in up to two units, each its own rule base run in its own session: the
 * built-in packs, which the build compiled ahead of time ({@link PrecompiledPacks}), and the
 * others, compiled from DRL now (or read from a {@link PackCache}). Facts an {@code @internal}
 * rule inserts are seen by the rules of its own unit only.
 */
public final class RuleEngine {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");

    private final List<Unit> units;
    private final List<RuleInfo> rules;
    private final Map<String, RuleInfo> byRule;

    /** One rule base, the globals its rules declare (name to type) and the facts its patterns can match. */
    record Unit(KieBase kieBase, Map<String, String> globals, FactTypes reads) {}

    private RuleEngine(List<Unit> units, Map<String, RuleInfo> byRule) {
        this.units = List.copyOf(units);
        this.byRule = new HashMap<>(byRule);
        List<RuleInfo> sorted = new ArrayList<>(byRule.values());
        sorted.sort(Comparator.comparing(RuleInfo::id));
        this.rules = List.copyOf(sorted);
    }

    /**
     * Compiles the packs and reads every rule's metadata; built-in packs come precompiled when
     * the build made them. Nothing is cached on disk.
     *
     * @throws PackException naming {@code file:line} for DRL errors, rules without metadata,
     *                       malformed or duplicate ids, unsupported globals; one problem for a pack
     *                       name that comes from two sources
     */
    public static RuleEngine compile(List<Pack> packs) throws PackException {
        return compile(packs, PackCache.NONE);
    }

    /** The same, reading and writing the compiled form of packs that are not built in through {@code cache}. */
    public static RuleEngine compile(List<Pack> packs, PackCache cache) throws PackException {
        DuplicatePacks.check(packs);
        List<Pack> builtIn = packs.stream().filter(Pack::builtIn).toList();
        List<Pack> rest = packs;
        List<KieBase> bases = new ArrayList<>();
        if (!builtIn.isEmpty()) {
            Optional<List<KieBase>> precompiled =
                    PrecompiledPacks.load(builtIn, PackLoader.class.getClassLoader(), secondLane());
            Timing.mark(
                    precompiled.isPresent()
                            ? "built-in packs: precompiled rule base loaded"
                            : "built-in packs: no usable precompiled form");
            if (precompiled.isPresent()) {
                bases.addAll(precompiled.get());
                rest = packs.stream().filter(p -> !p.builtIn()).toList();
            }
        }
        if (!rest.isEmpty()) {
            String key = hash(rest);
            Optional<KieBase> cached = cache.read(key);
            if (cached.isPresent()) {
                bases.add(cached.get());
            } else {
                KieBase fresh = compileDrl(rest);
                bases.add(fresh);
                Timing.mark("packs compiled from DRL");
                cache.write(key, fresh);
            }
            Timing.mark(cached.isPresent() ? "packs read from the cache" : "packs written to the cache");
        }
        RuleEngine engine = of(bases, packs);
        Timing.mark("rule metadata read");
        return engine;
    }

    /**
     * The built-in rules that fire in a second session on a second thread, beside the others: a check's rule
     * phase had one busy core and one idle. The rules asking the most per-workload questions, chosen by their
     * measured CPU on the generated L cluster so that both halves take about as long (each alone: 0.5-0.6 s
     * where one session took 0.8-1.0 s); {@code -Dnetspec.rules.lanes=1} fires every rule in one session. With
     * the layers (XL admin+cilium) the second lane took 1.3-1.5 s CPU to the first's 0.9-1.1 s, datastore-exposed
     * alone 0.45-0.7 s: egress-to-cloud-metadata (0.15-0.2 s, reading workloads only, which the first lane reads
     * anyway) moved to the first lane.
     */
    static final Set<String> SECOND_LANE =
            Set.of("datastore-exposed", "dns-egress-blocked", "missing-headless-service", "unreachable-dependency");

    private static Predicate<String> secondLane() {
        return "1".equals(System.getProperty("netspec.rules.lanes")) ? name -> false : SECOND_LANE::contains;
    }

    /**
     * Reads the metadata and globals of compiled rule bases whose DRL comes from {@code packs}
     * (it gives each rule its file and line).
     */
    static RuleEngine of(List<KieBase> bases, List<Pack> packs) throws PackException {
        return of(bases, packs, true);
    }

    /**
     * The same; with {@code onlyFactsRead} false every session gets every fact, as before sessions were given only
     * the facts their rules read (the reference that tests compare with).
     */
    static RuleEngine of(List<KieBase> bases, List<Pack> packs, boolean onlyFactsRead) throws PackException {
        List<Located> files = located(packs);
        List<PackProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> rules = RuleMetadata.read(bases, files, problems);
        List<Unit> units = new ArrayList<>();
        for (KieBase base : bases) {
            units.add(
                    new Unit(base, globals(base, files, problems), onlyFactsRead ? FactTypes.of(base) : FactTypes.ALL));
        }
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
        return new RuleEngine(units, rules);
    }

    /** Compiles DRL with the classic (interpreted/ECJ) build: the fastest way to compile at run time. */
    static KieBase compileDrl(List<Pack> packs) throws PackException {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("io.netspec.packs", "packs-" + hash(packs), "1.0.0");
        Map<String, Located> byKfsPath = write(kfs, releaseId, packs);
        // Drools' code-block parsers print what they skip ("line 1:14 no viable alternative at character '#'")
        // straight to stderr and compile on: caught here and made errors at the pack's file
        ParserNoise noise = ParserNoise.capture();
        KieBuilder builder;
        try {
            builder = ks.newKieBuilder(kfs).buildAll();
        } finally {
            noise.release();
        }
        throwErrors(builder.getResults().getMessages(Message.Level.ERROR), byKfsPath);
        List<Located> files = located(packs);
        List<PackProblem> skipped = noise.lines().stream()
                .map(line -> new PackProblem(
                        files.size() == 1 ? files.get(0).display() : "rules",
                        0,
                        "DRL parser: " + line + " (in a consequence or code block of"
                                + (files.size() == 1 ? " this file" : " one of these packs")
                                + "; Drools would skip it)"))
                .toList();
        if (!skipped.isEmpty()) {
            throw new PackException(skipped);
        }
        return ks.newKieContainer(releaseId).getKieBase();
    }

    /**
     * Writes the packs' DRL into {@code kfs}, each file under the folder of its {@code package}
     * (Drools warns otherwise), and returns which pack file each path holds.
     */
    static Map<String, Located> write(KieFileSystem kfs, ReleaseId releaseId, List<Pack> packs) {
        kfs.generateAndWritePomXML(releaseId);
        Map<String, Located> byKfsPath = new LinkedHashMap<>();
        for (Located where : located(packs)) {
            Pack.DrlFile file = where.file();
            String pkg = packageOf(file.content());
            String base = file.path().substring(file.path().lastIndexOf('/') + 1);
            String kfsPath = "src/main/resources/" + pkg.replace('.', '/') + (pkg.isEmpty() ? "" : "/") + base;
            for (int n = 2; byKfsPath.containsKey(kfsPath); n++) {
                kfsPath = kfsPath.replaceAll("(-\\d+)?\\.drl$", "-" + n + ".drl");
            }
            byKfsPath.put(kfsPath, where);
            kfs.write(kfsPath, file.content().getBytes(StandardCharsets.UTF_8));
        }
        return byKfsPath;
    }

    /** Throws the build's errors, if any, as problems naming the pack file and DRL line. */
    static void throwErrors(List<Message> errors, Map<String, Located> byKfsPath) throws PackException {
        List<PackProblem> problems = new ArrayList<>();
        for (Message m : errors) {
            Located where = m.getPath() == null
                    ? null
                    : byKfsPath.getOrDefault(m.getPath(), byKfsPath.get("src/main/resources/" + m.getPath()));
            String file = where == null ? (m.getPath() == null ? "rules" : m.getPath()) : where.display();
            String text = oneLine(m.getText());
            int trace = text.indexOf(" Stack trace: ");
            problems.add(new PackProblem(file, Math.max(m.getLine(), 0), trace < 0 ? text : text.substring(0, trace)));
        }
        // "Parser returned a null Package" and the parser's own exceptions only repeat that a file had syntax
        // errors, which are reported with their lines
        problems.removeIf(p -> p.line() == 0
                && (p.message().equals("Parser returned a null Package")
                        || p.message().contains("unexpected exception"))
                && problems.stream().anyMatch(o -> o.file().equals(p.file()) && o.line() > 0));
        if (!problems.isEmpty()) {
            throw new PackException(problems);
        }
    }

    private static List<Located> located(List<Pack> packs) {
        List<Located> out = new ArrayList<>();
        for (Pack pack : packs) {
            for (Pack.DrlFile file : pack.drlFiles()) {
                out.add(new Located(pack, file));
            }
        }
        return out;
    }

    /** The checks of the compiled packs, sorted by id (rules marked {@code @internal} are not listed). */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** The checks of the packs plus the engine's own (waiver-without-reason, unknown-waiver, misplaced-waiver), sorted by id. */
    public List<RuleInfo> allRules() {
        List<RuleInfo> all = new ArrayList<>(rules);
        all.add(Waivers.WITHOUT_REASON);
        all.add(Waivers.UNKNOWN);
        all.add(Waivers.MISPLACED);
        all.sort(Comparator.comparing(RuleInfo::id));
        return all;
    }

    /** Runs every rule on the cluster. */
    public List<Finding> run(Cluster cluster) throws PackException {
        return run(cluster, Network.of(cluster), r -> true);
    }

    /**
     * Runs the rules {@code enabled} accepts (internal rules always run) and returns their
     * findings, sorted, with waiver annotations applied (plus {@code waiver-without-reason}
     * findings when enabled).
     *
     * @throws PackException when a consequence fails (e.g. a message placeholder without a value)
     */
    public List<Finding> run(Cluster cluster, Network net, Predicate<RuleInfo> enabled) throws PackException {
        return run(cluster, net, enabled, RuleBudget.DEFAULT);
    }

    /**
     * The same within {@code budget}: a run past its firings or time ends with a {@link PackException} naming
     * the rule, as does a consequence that throws (an exception or an error such as a stack overflow).
     */
    public List<Finding> run(Cluster cluster, Network net, Predicate<RuleInfo> enabled, RuleBudget budget)
            throws PackException {
        return run(cluster, net, enabled, budget, List.of());
    }

    /**
     * The same with rule parameters set ({@code .netspec.yaml}'s {@code rules.params}, a fixture's
     * {@code # param:} lines); every other parameter has its declared default.
     *
     * @throws IllegalArgumentException when a setting names no loaded rule or parameter, or has the wrong
     *                                  type ({@link RuleParams#problems} says so before a run)
     */
    public List<Finding> run(
            Cluster cluster,
            Network net,
            Predicate<RuleInfo> enabled,
            RuleBudget budget,
            List<RuleParams.Setting> settings)
            throws PackException {
        RuleParams params = RuleParams.resolve(allRules(), settings);
        List<Report.RuleHit> hits = new ArrayList<>();
        if (!units.isEmpty()) {
            // The derived facts that need no connectivity analysis are computed here while another thread computes
            // it, and go into the sessions with the model facts; the Isolation and Approximation facts, which ask it,
            // go in last,
            // computed once below (each kind of fact keeps its own insertion order).
            List<Object> derived = DerivedFacts.withoutAnalysis(cluster, net);
            Timing.mark("derived facts without the analysis");
            CompletableFuture<List<Object>> afterAnalysis = new CompletableFuture<>();
            AgendaFilter filter = match -> {
                RuleInfo info = byRule.get(key(match.getRule()));
                return info == null || enabled.test(info);
            };
            // Every unit is its own rule base in its own session (facts an @internal rule inserts stay in its
            // unit), so the units fire side by side, each on a thread of its own. Each collects its hits apart;
            // joined in unit order, and sorted below, the findings do not depend on which thread ends first.
            List<List<Report.RuleHit>> hitsByUnit = new ArrayList<>();
            List<GuardedRun.Running> running = new ArrayList<>();
            try {
                for (Unit unit : units) {
                    List<Report.RuleHit> unitHits = new ArrayList<>();
                    hitsByUnit.add(unitHits);
                    running.add(GuardedRun.start(
                            () -> session(unit, unitHits, net, params, cluster, derived, afterAnalysis),
                            filter,
                            budget,
                            running.isEmpty() ? "netspec-rules" : "netspec-rules-" + (running.size() + 1)));
                }
                try {
                    // the rules' shared look-ups (cluster index, representative pods), in what is left of the wait
                    net.prepareWithoutAnalysis();
                    afterAnalysis.complete(DerivedFacts.afterAnalysis(cluster, net));
                } catch (RuntimeException e) {
                    afterAnalysis.completeExceptionally(e);
                    throw e;
                }
                Timing.mark("derived facts");
                for (GuardedRun.Running run : running) {
                    run.await(this::describe);
                }
            } finally {
                running.forEach(GuardedRun.Running::abandon);
            }
            hitsByUnit.forEach(hits::addAll);
        }
        List<Finding> findings = new ArrayList<>();
        for (Report.RuleHit hit : hits) {
            RuleInfo info = byRule.get(hit.rulePackage() + "." + hit.ruleName());
            if (info == null) {
                throw new PackException(new PackProblem(
                        "rules", 0, "rule \"" + hit.ruleName() + "\" is marked @internal but reports a finding"));
            }
            ObjectRef o = hit.object();
            findings.add(Waivers.apply(
                    new Finding(
                            info.id(),
                            info.severity(),
                            info.title(),
                            hit.message(),
                            info.remediation(),
                            o.kind(),
                            o.namespace(),
                            o.name(),
                            hit.source(),
                            false,
                            "",
                            info.provenance()),
                    o,
                    info));
        }
        if (enabled.test(Waivers.WITHOUT_REASON)) {
            findings.addAll(Waivers.withoutReason(cluster));
        }
        if (enabled.test(Waivers.UNKNOWN)) {
            findings.addAll(Waivers.unknown(cluster, allRules()));
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    /**
     * A session of the unit with its globals set and every fact in, reporting its hits to {@code hits}; the
     * Isolation and Approximation facts last, once the caller has computed them.
     */
    private static KieSession session(
            Unit unit,
            List<Report.RuleHit> hits,
            Network net,
            RuleParams params,
            Cluster cluster,
            List<Object> derived,
            CompletableFuture<List<Object>> afterAnalysis) {
        KieSession session = unit.kieBase().newKieSession();
        try {
            session.registerChannel(Report.CHANNEL, hit -> hits.add((Report.RuleHit) hit));
            unit.globals()
                    .forEach((name, type) -> session.setGlobal(
                            name,
                            type.equals(Network.class.getName())
                                    ? net
                                    : type.equals(RuleParams.class.getName()) ? params : cluster));
            // only the facts some pattern of this unit can match: the others would reach no rule
            FactTypes reads = unit.reads();
            insertModelFacts(session, cluster, reads);
            insert(session, derived, reads);
            insert(session, afterAnalysis.join(), reads);
            Timing.mark("facts inserted");
            return session;
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }

    private static void insertModelFacts(KieSession session, Cluster cluster, FactTypes reads) {
        for (ObjectKind<?> kind : cluster.kinds().all()) {
            if (kind.ruleFact()) {
                insert(session, cluster.facts(kind), reads);
            }
        }
    }

    private static void insert(KieSession session, Collection<?> facts, FactTypes reads) {
        // facts come in runs of one class (a kind, a derived type): asked once per run
        Class<?> last = null;
        boolean read = false;
        for (Object fact : facts) {
            if (fact.getClass() != last) {
                last = fact.getClass();
                read = reads.reads(fact);
            }
            if (read) {
                session.insert(fact);
            }
        }
    }

    private static Map<String, String> globals(KieBase kieBase, Collection<Located> files, List<PackProblem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> supported = Set.of(Network.class.getName(), Cluster.class.getName(), RuleParams.class.getName());
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Global g : pkg.getGlobalVariables()) {
                if (supported.contains(g.getType())) {
                    out.put(g.getName(), g.getType());
                } else {
                    Located where = files.stream()
                            .filter(f -> pkg.getName().equals(packageOf(f.file().content())))
                            .findFirst()
                            .orElse(null);
                    problems.add(new PackProblem(
                            where == null ? pkg.getName() : where.display(),
                            where == null ? 0 : lineOf(where.file().content(), "global\\s+[\\w.]+\\s+" + g.getName()),
                            "global " + g.getName() + " of type " + g.getType() + " is not provided; netspec sets "
                                    + "globals of type " + Network.class.getName() + ", " + Cluster.class.getName()
                                    + " and " + RuleParams.class.getName()));
                }
            }
        }
        return out;
    }

    static String packageOf(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1) : "";
    }

    /** 1-based line of the first match of {@code regex} in {@code text}, or 0. */
    static int lineOf(String text, String regex) {
        Matcher m = Pattern.compile("(?m)^\\s*" + regex).matcher(text);
        if (!m.find()) {
            return 0;
        }
        return (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count()
                + 1
                + (int) m.group()
                        .chars()
                        .takeWhile(Character::isWhitespace)
                        .filter(c -> c == '\n')
                        .count();
    }

    static String key(Rule r) {
        return r.getPackageName() + "." + r.getName();
    }

    /** A digest of the packs' names, DRL paths and contents: what the compiled form depends on. */
    static String hash(List<Pack> packs) {
        StringBuilder text = new StringBuilder();
        for (Pack p : packs) {
            text.append(p.name()).append('\0');
            for (Pack.DrlFile f : p.drlFiles()) {
                text.append(f.path()).append('\0').append(f.content()).append('\0');
            }
        }
        return HexFormat.of().formatHex(sha256(text.toString()));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** Where a rule is, for errors: its pack file and line and its name. */
    private PackProblem describe(Rule rule, String message) {
        RuleInfo info = byRule.get(key(rule));
        return new PackProblem(
                info == null ? rule.getPackageName() : info.source().file(),
                info == null ? 0 : info.source().line(),
                "rule \"" + rule.getName() + "\"" + (info == null ? "" : " (" + info.pack() + ")") + ": " + message);
    }

    /** A DRL file and the pack it belongs to. */
    record Located(Pack pack, Pack.DrlFile file) {
        String display() {
            return pack.display(file.path());
        }
    }

    /** The source of a rule: pack file and line. */
    static SourceRef sourceOf(Located where, String ruleName) {
        return new SourceRef(
                where.display(),
                lineOf(
                        where.file().content(),
                        "rule\\s+(\"" + Pattern.quote(ruleName) + "\"|" + Pattern.quote(ruleName) + "\\b)"));
    }
}
