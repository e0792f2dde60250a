package io.netspec.features.steps;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.load.OperatorTable;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.features.SpecInputException;
import io.netspec.features.SpecPaths;
import io.netspec.features.SpecRun;
import io.netspec.features.check.ReachCheck;
import io.netspec.features.reference.Reference;
import io.netspec.features.reference.Resolved;
import io.netspec.features.reference.Resolver;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The state of one scenario, shared by the step classes through constructor injection: the
 * manifests given so far, the what-ifs applied on top, and the cluster snapshot and connectivity
 * analysis they make (computed on first use, cached across the run's scenarios by their inputs in
 * the {@link SpecRun}, which owns those caches and says what every scenario starts from).
 */
public final class World {

    private final SpecRun run;
    private Path baseDir = Path.of("");
    private Optional<Path> featureFile = Optional.empty();
    private int scenarioLine;
    private final List<Layer> layers = new ArrayList<>();
    private Cluster cluster;
    private String clusterKey;
    private ConnectivityAnalysis analysis;
    private final Map<Action, ConnectivityAnalysis> withoutL7 = new EnumMap<>(Action.class);
    private final List<Path> rulePacks = new ArrayList<>();
    private CheckResult checkResult;

    /**
     * Manifests of one step (or of {@code --manifests}), applied in order on top of the ones
     * before: given files add up, a what-if replaces objects of the same kind, namespace and name.
     */
    private record Layer(String key, Supplier<LoadResult> load) {}

    /** A scenario of the run bound to this thread (Cucumber makes the step classes). */
    public World() {
        this(SpecRun.current());
    }

    World(SpecRun run) {
        this.run = run;
        run.shared().ifPresent(s -> layers.add(new Layer("shared:" + s.name(), s::loaded)));
        run.settings().manifests().forEach(p -> layers.add(pathLayer(p.normalize())));
        rulePacks.addAll(run.settings().rulePacks());
    }

    SpecRun run() {
        return run;
    }

    /** Paths in steps are relative to the folder of this feature file. */
    void startScenario(URI featureUri, int line) {
        baseDir = folderOf(featureUri);
        featureFile = "file".equals(featureUri.getScheme()) ? Optional.of(Path.of(featureUri)) : Optional.empty();
        scenarioLine = line;
    }

    /** Given files or folders: they add up. Loaded at once, so that bad manifests fail this step. */
    void addManifests(String path) {
        layers.add(pathLayer(resolve(path)));
        invalidate();
        cluster();
    }

    /**
     * Inline YAML. Its objects and problems are located in the feature file: the text is loaded
     * under the feature file's name, shifted so that its lines are the feature file's lines.
     */
    void addManifestText(String text) {
        String name = featureFile.map(SpecPaths::display).map(Path::toString).orElse("<doc string>");
        int firstLine = featureFile
                .flatMap(f -> DocStrings.firstLine(f, text, scenarioLine))
                .orElse(1);
        String shifted = "\n".repeat(firstLine - 1) + text;
        String namespace = defaultNamespace();
        NetworkPlugin plugin = plugin();
        layers.add(new Layer(
                "text:" + namespace + ":" + plugin.wireName() + ":" + name + ":" + firstLine + ":" + text.hashCode()
                        + ":" + text.length(),
                () -> loader(namespace, plugin).loadString(shifted, name)));
        invalidate();
        cluster();
    }

    /** What-if: objects in {@code path} replace those of the same kind, namespace and name. */
    void apply(String path) {
        addManifests(path);
    }

    public Cluster cluster() {
        if (cluster == null) {
            if (layers.isEmpty()) {
                throw new SpecInputException("no manifests: start the scenario with Given the manifests in \"PATH\", "
                        + "or pass --manifests");
            }
            StringBuilder key = new StringBuilder();
            for (Layer layer : layers) {
                key.append('+').append(layer.key());
            }
            clusterKey = key.toString();
            cluster = run.composed(clusterKey, () -> {
                Cluster snapshot = Cluster.EMPTY;
                for (Layer layer : layers) {
                    snapshot = snapshot.applying(checked(run.loaded(layer.key(), layer.load())));
                }
                // the run's pod ranges hold for every cluster it loads, as --cni does (the layers carry none)
                List<Cidr> ranges = podCidrs();
                List<Cidr> nodeRanges = nodeCidrs();
                snapshot = ranges.isEmpty() ? snapshot : snapshot.withPodCidrs(ranges);
                return nodeRanges.isEmpty() ? snapshot : snapshot.withNodeCidrs(nodeRanges);
            });
        }
        return cluster;
    }

    /**
     * The problems of manifests loaded through the cache the run's scenarios share, so that manifests
     * given for every scenario are read once; the CLI checks {@code --manifests} with it before the run.
     */
    public static List<LoadProblem> load(SpecRun run, List<Path> paths) {
        World world = new World(run);
        List<LoadProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            Layer layer = world.pathLayer(path.normalize());
            problems.addAll(run.loaded(layer.key(), layer.load()).problems());
        }
        return problems;
    }

    /**
     * Starts analysing the run's common snapshot (the shared cluster and {@code --manifests}) on a daemon
     * thread, so that it is ready, or under way, when the first scenario asks for it: the CLI calls this
     * before Cucumber reads the feature files, and the two overlap. The run's cache makes it once; a
     * scenario asking meanwhile waits for it. A failure is left to the scenarios, which meet it again
     * and report it where it belongs.
     */
    public static void prepareInBackground(SpecRun run) {
        Thread thread = new Thread(
                () -> {
                    try {
                        new World(run).analysis();
                    } catch (RuntimeException e) {
                        // reported by the scenario that asks for the analysis and fails the same way
                    }
                },
                "netspec-spec-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private Layer pathLayer(Path path) {
        String namespace = defaultNamespace();
        NetworkPlugin plugin = plugin();
        return new Layer(
                "path:" + namespace + ":" + plugin.wireName() + ":" + path,
                () -> loader(namespace, plugin).load(List.of(path)));
    }

    private String defaultNamespace() {
        return run.settings().namespace();
    }

    /** The run's plugin ({@code --cni}), else the {@code cni} of the run's config, else auto. */
    private NetworkPlugin plugin() {
        NetworkPlugin given = run.settings().plugin();
        return given != NetworkPlugin.AUTO
                ? given
                : RuleChecks.config(run).cni().orElse(NetworkPlugin.AUTO);
    }

    /** The run's pod ranges ({@code --pod-cidr}), else the {@code podCIDRs} of the run's config, else none. */
    private List<Cidr> podCidrs() {
        List<Cidr> given = run.settings().podCidrs();
        return !given.isEmpty() ? given : RuleChecks.config(run).podCidrs();
    }

    /** The run's node ranges ({@code --node-cidr}), else the {@code nodeCIDRs} of the run's config, else none. */
    private List<Cidr> nodeCidrs() {
        List<Cidr> given = run.settings().nodeCidrs();
        return !given.isEmpty() ? given : RuleChecks.config(run).nodeCidrs();
    }

    /**
     * A loader with the {@code -n} namespace, the {@code --cni} plugin and the operator table extended by the {@code operators}
     * key of {@code .netspec.yaml} in the working directory, as the other commands read it.
     */
    private static ManifestLoader loader(String namespace, NetworkPlugin plugin) {
        ManifestLoader loader = new ManifestLoader(
                LoadOptions.DEFAULTS.withDefaultNamespace(namespace).withPlugin(plugin));
        Path config = Path.of(CheckConfig.FILE_NAME);
        if (Files.isRegularFile(config)) {
            try {
                loader = loader.withOperators(OperatorTable.fromConfigFile(config));
            } catch (OperatorTable.TableException e) {
                throw new SpecInputException(e.getMessage());
            }
        }
        return loader;
    }

    public ConnectivityAnalysis analysis() {
        if (analysis == null) {
            analysis = analyser().get();
        }
        return analysis;
    }

    /**
     * The run's analysis of the current cluster, through the run's cache (which collects its problems for
     * {@code netspec test} to print); it touches no field of this scenario, so a rule check may call it on the
     * thread it prepares the analysis on.
     */
    private Supplier<ConnectivityAnalysis> analyser() {
        Cluster snapshot = cluster();
        String key = clusterKey;
        return () -> run.analysed(key, () -> ConnectivityAnalysis.of(snapshot));
    }

    public Resolved resolve(Reference reference, Resolver.Role role) {
        return new Resolver(
                        cluster(),
                        () -> analysis().externalSources(),
                        () -> analysis().externalDestinations(),
                        RuleChecks.dnsTarget(run))
                .resolve(reference, role);
    }

    public Resolved source(Reference reference) {
        return resolve(reference, Resolver.Role.SOURCE);
    }

    public Resolved destination(Reference reference) {
        return resolve(reference, Resolver.Role.DESTINATION);
    }

    public ReachCheck reachCheck() {
        return new ReachCheck(analysis(), this::withoutL7);
    }

    /** The scenario's cluster analysed without the L7-decided rules of {@code dropped}, made once per cluster. */
    private ConnectivityAnalysis withoutL7(Action dropped) {
        return withoutL7.computeIfAbsent(dropped, d -> ReachCheck.withoutL7(analysis(), d));
    }

    /** An organisation rule pack, relative to the feature file; compiled at once, so that errors fail this step. */
    void addRulePack(String path) {
        rulePacks.add(resolve(path));
        checkResult = null;
        RuleChecks.engine(run, rulePacks);
    }

    /** The findings of the built-in and organisation packs on the current cluster. */
    CheckResult checkResult() {
        if (checkResult == null) {
            // the analysis the reach steps use, not one of the check's own: made once, its problems reported
            checkResult = RuleChecks.check(run, RuleChecks.engine(run, rulePacks), new Network(cluster(), analyser()));
        }
        return checkResult;
    }

    private void invalidate() {
        checkResult = null;
        cluster = null;
        clusterKey = null;
        analysis = null;
        withoutL7.clear();
    }

    private Path resolve(String path) {
        Path p = baseDir.resolve(path).normalize();
        if (!Files.exists(p)) {
            // as written, then where that led: "../k8s" alone does not say which folder it was taken from
            throw new SpecInputException("no such file or folder: \"" + path + "\" (" + p
                    + "; paths are relative to the feature file's folder)");
        }
        return p;
    }

    private static Cluster checked(LoadResult result) {
        if (result.hasErrors()) {
            throw new SpecInputException("the manifests do not load:\n"
                    + result.errors().stream().map(LoadProblem::toString).collect(Collectors.joining("\n")));
        }
        return result.cluster();
    }

    /** The folder of a feature file given as a file: or classpath: URI (a folder inside a jar too). */
    static Path folderOf(URI uri) {
        try {
            if ("file".equals(uri.getScheme())) {
                Path parent = SpecPaths.display(Path.of(uri)).getParent();
                return parent != null ? parent : Path.of("");
            }
            if ("classpath".equals(uri.getScheme())) {
                String resource = uri.getSchemeSpecificPart().replaceFirst("^/", "");
                URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
                if (url != null) {
                    return folderOf(url.toURI());
                }
            }
            if ("jar".equals(uri.getScheme())) {
                try {
                    return Path.of(uri).getParent();
                } catch (FileSystemNotFoundException e) {
                    return FileSystems.newFileSystem(uri, Map.of())
                            .provider()
                            .getPath(uri)
                            .getParent();
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new SpecInputException("cannot locate the feature file " + uri + ": " + e.getMessage());
        }
        throw new SpecInputException("cannot locate the feature file " + uri);
    }
}
