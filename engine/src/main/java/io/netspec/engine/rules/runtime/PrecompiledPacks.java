package io.netspec.engine.rules.runtime;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.model.EntryPoint;
import org.drools.model.Global;
import org.drools.model.Model;
import org.drools.model.Query;
import org.drools.model.Rule;
import org.drools.model.TypeMetaData;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * The built-in packs compiled when netspec is built, so that no DRL is compiled at start-up.
 *
 * <p>The rules module's build runs {@link #main} on its packs: it compiles them to the Drools
 * executable model (Java classes generated from the DRL and compiled), checks every rule's
 * metadata exactly as a run would, and writes the classes plus {@value #INDEX} (content hash,
 * model class names) next to the packs. At run time {@link #load} builds the rule base from those
 * classes in a fraction of a second, and only when the hash matches the packs on the classpath,
 * so edited DRL is never shadowed by stale classes.
 *
 * <p>Should the executable model reject valid DRL (a Drools limitation), the build warns and
 * writes the classic build's compiled packages instead ({@value #SERIALIZED}): slower to load,
 * still far faster than compiling.
 */
public final class PrecompiledPacks {

    static final String INDEX = PackLoader.BUILTIN_ROOT + "/precompiled.properties";
    static final String SERIALIZED = PackLoader.BUILTIN_ROOT + "/precompiled-packages.bin";
    static final String FORMAT_MODEL = "executable-model";
    static final String FORMAT_PACKAGES = "serialized-packages";

    private PrecompiledPacks() {}

    /**
     * Build step: {@code PrecompiledPacks PACKS_DIR CLASSES_DIR}. Exits 1 with {@code file:line:
     * message} lines on stderr when a pack does not compile or breaks the metadata rules.
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PrecompiledPacks PACKS_DIR CLASSES_DIR");
            System.exit(2);
        }
        if (!Files.isDirectory(Path.of(args[0]))) {
            System.err.println("[netspec] no built-in packs in " + args[0] + ": nothing to precompile");
            System.exit(0);
        }
        try {
            String format = compileInto(Path.of(args[0]), Path.of(args[1]), System.err);
            System.err.println("[netspec] built-in packs precompiled (" + format + ")");
            System.exit(0);
        } catch (PackException e) {
            e.problems().forEach(p -> System.err.println("[ERROR] " + p));
            System.err.println("[ERROR] netspec: " + e.problems().size() + " rule pack problem"
                    + (e.problems().size() == 1 ? "" : "s"));
            System.exit(1);
        } catch (IOException e) {
            System.err.println("[ERROR] netspec: cannot write precompiled packs: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Compiles the packs in {@code packsDir} (a pack or a folder of packs) into {@code classesDir}
     * and returns the format written.
     *
     * @throws PackException for DRL errors and metadata problems, naming {@code file:line}
     */
    static String compileInto(Path packsDir, Path classesDir, PrintStream warnings) throws PackException, IOException {
        List<Pack> packs = PackLoader.load(packsDir);
        Optional<String> current = upToDate(packs, classesDir);
        if (current.isPresent()) {
            return current.get() + ", up to date";
        }
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("io.netspec.packs", "builtin", "1.0.0");
        RuleEngine.write(kfs, releaseId, packs);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        Properties index = new Properties();
        index.setProperty("hash", RuleEngine.hash(packs));
        if (errors.isEmpty()) {
            RuleEngine.of(List.of(ks.newKieContainer(releaseId).getKieBase()), packs);
            InternalKieModule module = (InternalKieModule) ((KieBuilderImpl) builder).getKieModule();
            for (String name : module.getFileNames()) {
                if (name.endsWith(".class")) {
                    Path out = classesDir.resolve(name);
                    Files.createDirectories(out.getParent());
                    Files.write(out, module.getBytes(name));
                }
            }
            String models = new String(
                    module.getBytes(CanonicalKieModule.getModelFileWithGAV(releaseId)), StandardCharsets.UTF_8);
            index.setProperty("format", FORMAT_MODEL);
            index.setProperty(
                    "models",
                    String.join(
                            ",",
                            Arrays.stream(models.split("\\R"))
                                    .map(String::trim)
                                    .filter(l -> !l.isEmpty() && !l.contains(":"))
                                    .toList()));
            Files.deleteIfExists(classesDir.resolve(SERIALIZED));
        } else {
            // Either the DRL is wrong (the classic build names file:line and the build fails) or the
            // executable model cannot handle valid DRL: then ship the classic build's packages.
            KieBase classic = RuleEngine.compileDrl(packs);
            RuleEngine.of(List.of(classic), packs);
            warnings.println("[WARNING] netspec: the Drools executable model cannot compile the built-in packs; "
                    + "shipping serialized classic packages instead (slower start-up). First error: "
                    + firstLine(errors.get(0).getText()));
            Path out = classesDir.resolve(SERIALIZED);
            Files.createDirectories(out.getParent());
            try (OutputStream stream = Files.newOutputStream(out)) {
                PackCache.writePackages(classic, stream);
            }
            index.setProperty("format", FORMAT_PACKAGES);
        }
        Path indexFile = classesDir.resolve(INDEX);
        Files.createDirectories(indexFile.getParent());
        StringBuilder text = new StringBuilder("# written by " + PrecompiledPacks.class.getName() + "; do not edit\n");
        for (String key : new TreeSet<>(index.stringPropertyNames())) {
            text.append(key).append('=').append(index.getProperty(key)).append('\n');
        }
        Files.writeString(indexFile, text, StandardCharsets.UTF_8);
        Files.writeString(
                classesDir.resolve(PackLoader.FILE_LIST), PackLoader.fileList(packsDir), StandardCharsets.UTF_8);
        return index.getProperty("format");
    }

    /** The format already in {@code classesDir} when it was compiled from exactly these packs. */
    private static Optional<String> upToDate(List<Pack> packs, Path classesDir) throws IOException {
        Path indexFile = classesDir.resolve(INDEX);
        if (!Files.isRegularFile(indexFile) || !Files.isRegularFile(classesDir.resolve(PackLoader.FILE_LIST))) {
            return Optional.empty();
        }
        Properties index = new Properties();
        try (Reader r = Files.newBufferedReader(indexFile, StandardCharsets.UTF_8)) {
            index.load(r);
        }
        if (!RuleEngine.hash(packs).equals(index.getProperty("hash"))) {
            return Optional.empty();
        }
        String format = index.getProperty("format", "");
        boolean complete = switch (format) {
            case FORMAT_MODEL ->
                Arrays.stream(index.getProperty("models", "").split(","))
                        .allMatch(name -> Files.isRegularFile(classesDir.resolve(name.replace('.', '/') + ".class")));
            case FORMAT_PACKAGES -> Files.isRegularFile(classesDir.resolve(SERIALIZED));
            default -> false;
        };
        return complete ? Optional.of(format) : Optional.empty();
    }

    /**
     * The rule base of {@code builtIn}, precompiled by the build and found through {@code loader};
     * empty when there is none, it was made from other DRL, or it cannot be loaded (the caller
     * then compiles the DRL).
     */
    static Optional<KieBase> load(List<Pack> builtIn, ClassLoader loader) {
        return load(builtIn, loader, name -> false).map(lanes -> lanes.get(0));
    }

    /**
     * The same rule base split in two lanes, each a rule base of its own: the rules whose name
     * {@code secondLane} accepts, and the others (an empty lane is left out). The serialized-packages form
     * cannot be split: it comes whole, in one lane.
     */
    static Optional<List<KieBase>> load(List<Pack> builtIn, ClassLoader loader, Predicate<String> secondLane) {
        return loadLanes(builtIn, loader, List.of(secondLane.negate(), secondLane));
    }

    /**
     * The same rule base as one rule base per lane, of the rules whose name that lane accepts (an empty lane is
     * left out; when every lane is empty, the whole base). The serialized-packages form comes whole, in one lane.
     */
    static Optional<List<KieBase>> loadLanes(List<Pack> builtIn, ClassLoader loader, List<Predicate<String>> lanes) {
        URL url = loader.getResource(INDEX);
        if (url == null) {
            return Optional.empty();
        }
        try {
            Properties index = new Properties();
            try (Reader r = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                index.load(r);
            }
            if (!RuleEngine.hash(builtIn).equals(index.getProperty("hash"))) {
                return Optional.empty();
            }
            if (FORMAT_MODEL.equals(index.getProperty("format"))) {
                List<Model> models = new ArrayList<>();
                for (String name : index.getProperty("models", "").split(",")) {
                    models.add((Model) Class.forName(name, true, loader)
                            .getDeclaredConstructor()
                            .newInstance());
                }
                List<KieBase> bases = new ArrayList<>();
                for (Predicate<String> lane : lanes) {
                    List<Model> part = models.stream()
                            .<Model>map(m -> new ModelPart(m, lane))
                            .filter(m -> !m.getRules().isEmpty())
                            .toList();
                    if (!part.isEmpty()) {
                        bases.add(KieBaseBuilder.createKieBaseFromModel(part));
                    }
                }
                return bases.isEmpty()
                        ? Optional.of(List.of(KieBaseBuilder.createKieBaseFromModel(models)))
                        : Optional.of(bases);
            }
            if (FORMAT_PACKAGES.equals(index.getProperty("format"))) {
                URL packages = loader.getResource(SERIALIZED);
                if (packages != null) {
                    try (InputStream in = new BufferedInputStream(packages.openStream())) {
                        return Optional.of(List.of(PackCache.readPackages(in)));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The rules of a precompiled model whose names {@code keep} accepts, with all its globals and types. */
    private record ModelPart(Model model, Predicate<String> keep) implements Model {
        @Override
        public String getName() {
            return model.getName();
        }

        @Override
        public String getPackageName() {
            return model.getPackageName();
        }

        @Override
        public List<Global> getGlobals() {
            return model.getGlobals();
        }

        @Override
        public List<Rule> getRules() {
            return model.getRules().stream().filter(r -> keep.test(r.getName())).toList();
        }

        @Override
        public List<Query> getQueries() {
            return model.getQueries();
        }

        @Override
        public List<TypeMetaData> getTypeMetaDatas() {
            return model.getTypeMetaDatas();
        }

        @Override
        public List<EntryPoint> getEntryPoints() {
            return model.getEntryPoints();
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
