package io.netspec.features;

import io.netspec.engine.connectivity.AnalysisProblem;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.rules.UnanalysedPolicies;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One run of specs: what every scenario starts from ({@code --manifests}, {@code --rules}, {@code -n},
 * the config, a live cluster read once) and the caches its scenarios share (manifests loaded,
 * connectivity analysed, rule packs compiled). The caches belong to the run and go with it: a
 * long-lived JVM (a JUnit suite, an IDE) never sees a stale file through them.
 *
 * <p>Cucumber makes the step classes itself, so the runner binds its run to the thread for the run's
 * duration ({@link #during}); netspec runs Cucumber on one thread, the scenarios run on it and
 * {@link #current()} finds it there. Outside netspec's runner (specs on the JUnit Platform) the
 * step library's before-all hook begins a run from the build's configuration ({@link #fromConfiguration}).
 */
public final class SpecRun {

    /**
     * What every scenario of the run starts from.
     *
     * @param featureRoots the feature paths as the user gave them, for {@link SpecPaths#display}
     * @param podCidrs     the cluster's pod ranges ({@code --pod-cidr}); empty: the config's {@code podCIDRs}, if any
     * @param nodeCidrs    the nodes' address ranges ({@code --node-cidr}); empty: the config's {@code nodeCIDRs}
     */
    public record Settings(
            List<Path> manifests,
            List<Path> rulePacks,
            Optional<Path> config,
            String namespace,
            List<Path> featureRoots,
            NetworkPlugin plugin,
            List<Cidr> podCidrs,
            List<Cidr> nodeCidrs) {
        public Settings {
            manifests = List.copyOf(manifests);
            rulePacks = List.copyOf(rulePacks);
            featureRoots = List.copyOf(featureRoots);
            namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
            plugin = plugin == null ? NetworkPlugin.AUTO : plugin;
            podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
            nodeCidrs = nodeCidrs == null ? List.of() : List.copyOf(nodeCidrs);
        }

        /** Without node ranges of its own: those of the config, if any. */
        public Settings(
                List<Path> manifests,
                List<Path> rulePacks,
                Optional<Path> config,
                String namespace,
                List<Path> featureRoots,
                NetworkPlugin plugin,
                List<Cidr> podCidrs) {
            this(manifests, rulePacks, config, namespace, featureRoots, plugin, podCidrs, List.of());
        }

        /** Without pod ranges of its own: those of the config, if any. */
        public Settings(
                List<Path> manifests,
                List<Path> rulePacks,
                Optional<Path> config,
                String namespace,
                List<Path> featureRoots,
                NetworkPlugin plugin) {
            this(manifests, rulePacks, config, namespace, featureRoots, plugin, List.of());
        }

        /** Without a plugin: {@code auto}, unless the config's {@code cni} names one. */
        public Settings(
                List<Path> manifests,
                List<Path> rulePacks,
                Optional<Path> config,
                String namespace,
                List<Path> featureRoots) {
            this(manifests, rulePacks, config, namespace, featureRoots, NetworkPlugin.AUTO);
        }

        public static final Settings DEFAULTS =
                new Settings(List.of(), List.of(), Optional.empty(), "default", List.of());
    }

    /** Objects read once for the run (a live cluster): every scenario's first layer, under this name. */
    public record Shared(String name, LoadResult loaded) {}

    private static final int LOADED_MAX = 64;
    private static final int ANALYSED_MAX = 16;

    /** The run of the spec being executed on this thread; a binding, not a cache (see the class comment). */
    private static final ThreadLocal<SpecRun> CURRENT = new ThreadLocal<>();

    private final Settings settings;
    private final Optional<Shared> shared;
    private final boolean begunByHook;
    private final Map<String, LoadResult> loaded = lru(LOADED_MAX);
    private final Map<String, ConnectivityAnalysis> analysed = lru(ANALYSED_MAX);
    /**
     * Snapshots composed from the same layers, by the key of {@link #analysed}: composing
     * ({@link Cluster#applying}) costs the size of the cluster, and 1,000 scenarios over one
     * {@code --manifests} cluster would pay it 1,000 times.
     */
    private final Map<String, Cluster> composed = lru(ANALYSED_MAX);

    private final Map<List<Path>, RuleEngine> compiled = Collections.synchronizedMap(new HashMap<>());

    /**
     * The problems of every analysis this run made, each once in the order first met (by its text: a scenario's
     * what-if leaves the problems of the cluster beneath it as they were), kept past the analyses' eviction.
     */
    private final Map<String, AnalysisProblem> problems = Collections.synchronizedMap(new LinkedHashMap<>());

    private SpecRun(Settings settings, Optional<Shared> shared, boolean begunByHook) {
        this.settings = settings;
        this.shared = shared;
        this.begunByHook = begunByHook;
    }

    public static SpecRun of(Settings settings) {
        return new SpecRun(settings, Optional.empty(), false);
    }

    /** A run whose scenarios all start from {@code shared} (the CLI's {@code --cluster}). */
    public static SpecRun of(Settings settings, Shared shared) {
        return new SpecRun(settings, Optional.of(shared), false);
    }

    /**
     * The run another runner (the JUnit Platform) gives, read once at its start: the JVM's system
     * properties as the build set them ({@code netspec.manifests}, {@code netspec.rules}, paths
     * separated by the path separator; {@code netspec.config}; {@code netspec.namespace}; {@code netspec.cni}, e.g. from
     * Surefire's {@code systemPropertyVariables}), else the environment variables {@code NETSPEC_MANIFESTS},
     * {@code NETSPEC_RULES}, {@code NETSPEC_CONFIG}, {@code NETSPEC_NAMESPACE}, {@code NETSPEC_CNI}. netspec itself
     * sets none of them.
     *
     * @throws SpecInputException for a {@code cni} that names no plugin
     */
    public static Settings fromConfiguration(Map<String, String> properties, Map<String, String> env) {
        List<Path> config = paths(value(properties, env, "config"));
        String cni = value(properties, env, "cni");
        NetworkPlugin plugin = cni == null || cni.isBlank()
                ? NetworkPlugin.AUTO
                : NetworkPlugin.parse(cni)
                        .orElseThrow(() -> new SpecInputException(
                                "netspec.cni " + cni + ": unknown plugin (expected auto, calico, cilium, none)"));
        return new Settings(
                paths(value(properties, env, "manifests")),
                paths(value(properties, env, "rules")),
                config.stream().findFirst(),
                value(properties, env, "namespace"),
                List.of(),
                plugin);
    }

    private static String value(Map<String, String> properties, Map<String, String> env, String key) {
        String property = properties.get("netspec." + key);
        return property != null ? property : env.get("NETSPEC_" + key.toUpperCase(Locale.ROOT));
    }

    public Settings settings() {
        return settings;
    }

    public Optional<Shared> shared() {
        return shared;
    }

    /** Runs {@code body} with this run bound to the current thread, and unbinds it afterwards. */
    public <T> T during(Supplier<T> body) {
        SpecRun before = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The run bound to this thread, else (no runner bound one: a stray call) a run of the defaults. */
    public static SpecRun current() {
        SpecRun run = CURRENT.get();
        return run != null ? run : of(Settings.DEFAULTS);
    }

    /** Begins a run of {@code settings} unless one is bound: specs run by the JUnit Platform. */
    public static void beginUnlessBound(Supplier<Settings> settings) {
        if (CURRENT.get() == null) {
            CURRENT.set(new SpecRun(settings.get(), Optional.empty(), true));
        }
    }

    /** Ends the run {@link #beginUnlessBound} began; a run bound by {@link #during} is left to it. */
    public static void endIfBegunByHook() {
        SpecRun run = CURRENT.get();
        if (run != null && run.begunByHook) {
            CURRENT.remove();
        }
    }

    /** The manifests loaded under {@code key} in this run, loading them the first time. */
    public LoadResult loaded(String key, Supplier<LoadResult> load) {
        return loaded.computeIfAbsent(key, k -> load.get());
    }

    /** The snapshot made of the layers {@code key}, composed the first time. */
    public Cluster composed(String key, Supplier<Cluster> compose) {
        return composed.computeIfAbsent(key, k -> compose.get());
    }

    /**
     * The analysis of the snapshot made of the layers {@code key}, computed the first time; its problems join
     * {@link #analysisProblems()}.
     */
    public ConnectivityAnalysis analysed(String key, Supplier<ConnectivityAnalysis> analyse) {
        return analysed.computeIfAbsent(key, k -> {
            ConnectivityAnalysis analysis = analyse.get();
            analysis.problems().forEach(p -> problems.putIfAbsent(p.toString(), p));
            return analysis;
        });
    }

    /**
     * What the analyses of this run could not evaluate as written (an ipBlock peer the manifests cannot decide, two
     * AdminNetworkPolicies of one priority...), each problem once however many scenarios' clusters share it:
     * {@code netspec test} prints them, since a spec's verdict may rest on them.
     */
    public List<AnalysisProblem> analysisProblems() {
        synchronized (problems) {
            return List.copyOf(problems.values());
        }
    }

    /** The rule engine of the built-in packs and {@code organisationPacks}, compiled once in this run. */
    public RuleEngine compiled(List<Path> organisationPacks, Function<List<Path>, RuleEngine> compile) {
        List<Path> key = List.copyOf(organisationPacks);
        RuleEngine engine = compiled.get(key);
        if (engine == null) {
            engine = compile.apply(key);
            compiled.put(key, engine);
        }
        return engine;
    }

    /**
     * The policy-like objects netspec does not analyse in every manifest this run loaded (Istio
     * AuthorizationPolicy, another plugin's policies...), each once: {@code netspec test} names them
     * under its summary, since specs cannot see their effect.
     */
    public List<IgnoredObject> unanalysedPolicies() {
        Map<String, IgnoredObject> out = new TreeMap<>();
        List<LoadResult> results;
        synchronized (loaded) {
            results = new ArrayList<>(loaded.values());
        }
        shared.ifPresent(s -> results.add(s.loaded()));
        for (LoadResult r : results) {
            for (IgnoredObject o : UnanalysedPolicies.of(r.cluster())) {
                out.putIfAbsent(o.source() + " " + o.kind() + " " + o.namespace() + "/" + o.name(), o);
            }
        }
        return List.copyOf(out.values());
    }

    private static List<Path> paths(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.trim()).normalize());
            }
        }
        return paths;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
