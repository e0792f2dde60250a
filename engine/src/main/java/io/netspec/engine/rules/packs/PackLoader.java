package io.netspec.engine.rules.packs;

import io.netspec.engine.load.TextFiles;
import io.netspec.engine.version.NetspecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Reads rule packs from a folder, a jar, or the classpath.
 *
 * <p>A pack is a folder holding {@code pack.yaml} and {@code .drl} files (in any sub-folders;
 * {@code tests/} holds fixtures, not rules). A folder without {@code pack.yaml} is a folder of
 * packs: each sub-folder with a {@code pack.yaml} is one. A jar is read the same way from its
 * root, or else from {@code netspec/packs/*}. Built-in packs are the classpath's
 * {@code netspec/packs/<pack>/} folders.
 */
public final class PackLoader {

    /** Where built-in packs live on the classpath. */
    public static final String BUILTIN_ROOT = "netspec/packs";

    public static final String MANIFEST = "pack.yaml";
    /** The list of built-in pack files the build writes (see {@code PrecompiledPacks} in the rule runtime). */
    public static final String FILE_LIST = BUILTIN_ROOT + "/files.list";

    // Packs come from strangers too (a jar named in a pull request's config): reading one is bounded, so that
    // a zip bomb (a small jar of gigabytes of DRL) is a size error, not an OutOfMemoryError.
    /** Bytes one pack file (pack.yaml, a .drl) may hold, uncompressed. */
    public static final long MAX_FILE_BYTES = TextFiles.MAX_SMALL_FILE_BYTES;
    /** Bytes all the files read from one folder or jar may hold together, uncompressed. */
    public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    /** Entries a pack jar may hold. */
    public static final int MAX_ENTRIES = 10_000;

    private PackLoader() {}

    /** The packs in a folder or jar given with {@code --rules}. */
    public static List<Pack> load(Path dirOrJar) throws PackException {
        return load(dirOrJar, dirOrJar.toString());
    }

    /**
     * The same, naming the source {@code shown} in errors and as the packs' location (Maven
     * coordinates for a jar resolved from a repository). A signed jar must verify.
     */
    public static List<Pack> load(Path dirOrJar, String shown) throws PackException {
        if (Files.isDirectory(dirOrJar)) {
            return packsUnder(dirOrJar, shown, true);
        }
        if (Files.isRegularFile(dirOrJar) && dirOrJar.toString().endsWith(".jar")) {
            checkEntryCount(dirOrJar, shown); // before anything reads the jar's entries
            JarSignatures.verify(dirOrJar, shown);
            try (FileSystem jar = FileSystems.newFileSystem(dirOrJar, (ClassLoader) null)) {
                Path root = jar.getPath("/");
                List<Pack> packs = Files.isRegularFile(root.resolve(MANIFEST))
                        ? packsUnder(root, shown + "!", false)
                        : Files.isDirectory(jar.getPath(BUILTIN_ROOT))
                                ? packsUnder(jar.getPath(BUILTIN_ROOT), shown + "!/" + BUILTIN_ROOT, false)
                                : List.of();
                if (packs.isEmpty()) {
                    throw new PackException(new PackProblem(
                            shown, 0, "no " + MANIFEST + " at the jar's root or under " + BUILTIN_ROOT + "/*/"));
                }
                return packs;
            } catch (IOException e) {
                throw new PackException(new PackProblem(shown, 0, "cannot read jar: " + e.getMessage()));
            }
        }
        throw new PackException(
                new PackProblem(shown, 0, Files.exists(dirOrJar) ? "not a folder or a .jar" : "no such folder or jar"));
    }

    private static void checkEntryCount(Path jar, String shown) throws PackException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new PackException(
                        new PackProblem(shown, 0, "holds more than " + MAX_ENTRIES + " entries; the pack is not read"));
            }
        } catch (IOException e) {
            throw new PackException(new PackProblem(shown, 0, "cannot read jar: " + e.getMessage()));
        }
    }

    /**
     * A pack file's text: a regular file, at most {@link #MAX_FILE_BYTES} uncompressed and what is left of
     * {@code budget}, strictly UTF-8.
     */
    private static String text(Path file, String shown, long[] budget) throws PackException {
        long max = Math.min(MAX_FILE_BYTES, budget[0]);
        try {
            if (TextFiles.notRegular(file).isPresent()) {
                throw new PackException(
                        new PackProblem(shown, 0, TextFiles.notRegular(file).get()));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
            if (bytes.length > max) {
                throw new PackException(new PackProblem(
                        shown,
                        0,
                        max == MAX_FILE_BYTES
                                ? "over the limit of " + MAX_FILE_BYTES + " bytes uncompressed; the pack is not read"
                                : "the pack's files are over the limit of " + MAX_TOTAL_BYTES
                                        + " bytes uncompressed together; the pack is not read"));
            }
            budget[0] -= bytes.length;
            return TextFiles.utf8(bytes);
        } catch (TextFiles.TextFileException e) {
            throw new PackException(new PackProblem(shown, e.line(), e.getMessage()));
        } catch (IOException e) {
            throw new PackException(new PackProblem(shown, 0, "cannot read: " + e.getMessage()));
        }
    }

    /** The built-in packs shipped on the classpath (the {@code rules} module), sorted by name. */
    public static List<Pack> builtIn() throws PackException {
        return onClasspath(PackLoader.class.getClassLoader());
    }

    /**
     * The packs under {@code netspec/packs/} of every classpath entry of {@code loader}. A
     * {@value #FILE_LIST} written by the build lists their files, so they are read without
     * opening the jar as a file system; without it the folders are walked.
     */
    public static List<Pack> onClasspath(ClassLoader loader) throws PackException {
        List<Pack> packs = new ArrayList<>();
        try {
            Enumeration<URL> lists = loader.getResources(FILE_LIST);
            while (lists.hasMoreElements()) {
                packs.addAll(listed(lists.nextElement()));
            }
            if (!packs.isEmpty()) {
                packs.sort(Comparator.comparing(Pack::name));
                return packs;
            }
            Enumeration<URL> roots = loader.getResources(BUILTIN_ROOT);
            while (roots.hasMoreElements()) {
                URI uri = roots.nextElement().toURI();
                if ("jar".equals(uri.getScheme())) {
                    try (FileSystem fs = jarFileSystem(uri)) {
                        packs.addAll(packsUnder(fs.getPath(BUILTIN_ROOT), "builtin:", false));
                    }
                } else {
                    packs.addAll(packsUnder(Path.of(uri), "builtin:", false));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new PackException(new PackProblem(BUILTIN_ROOT, 0, "cannot read built-in packs: " + e.getMessage()));
        }
        packs.sort(Comparator.comparing(Pack::name));
        return packs;
    }

    /** The packs whose files {@code list} names, relative to the list's folder. */
    private static List<Pack> listed(URL list) throws IOException, PackException {
        Map<String, List<String>> filesByPack = new TreeMap<>();
        for (String line : new String(read(list), StandardCharsets.UTF_8).split("\\R")) {
            String path = line.trim();
            if (!path.isEmpty() && !path.startsWith("#") && path.contains("/")) {
                filesByPack
                        .computeIfAbsent(path.substring(0, path.indexOf('/')), k -> new ArrayList<>())
                        .add(path);
            }
        }
        List<Pack> packs = new ArrayList<>();
        for (Map.Entry<String, List<String>> pack : filesByPack.entrySet()) {
            String shown = "builtin:" + pack.getKey();
            String manifest = null;
            List<Pack.DrlFile> files = new ArrayList<>();
            for (String path : pack.getValue()) {
                String text = new String(read(new URL(list, path)), StandardCharsets.UTF_8);
                String rel = path.substring(path.indexOf('/') + 1);
                if (rel.equals(MANIFEST)) {
                    manifest = text;
                } else {
                    files.add(new Pack.DrlFile(rel, text));
                }
            }
            if (manifest == null) {
                throw new PackException(
                        new PackProblem(list.toString(), 0, "lists no " + MANIFEST + " for " + pack.getKey()));
            }
            files.sort(Comparator.comparing(Pack.DrlFile::path));
            packs.add(pack(manifest(manifest, shown + "/" + MANIFEST), shown, files, Optional.empty()));
        }
        return packs;
    }

    /**
     * The file list {@link #onClasspath} reads: {@code pack.yaml} and the {@code .drl} files of
     * each pack under {@code packsDir}, one path a line relative to it.
     */
    public static String fileList(Path packsDir) throws IOException {
        StringBuilder out = new StringBuilder("# netspec built-in pack files, written by the build\n");
        try (Stream<Path> walk = Files.walk(packsDir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = relative(packsDir, p);
                String inPack = rel.substring(rel.indexOf('/') + 1);
                if (rel.contains("/")
                        && !inPack.startsWith("tests/")
                        && (inPack.equals(MANIFEST) || inPack.endsWith(".drl"))) {
                    out.append(rel).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static byte[] read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        String text = uri.toString();
        URI jarUri = URI.create(text.substring(0, text.indexOf("!/")));
        return FileSystems.newFileSystem(jarUri, Map.of());
    }

    /** {@code root} itself when it holds pack.yaml, else each sub-folder that does. */
    private static List<Pack> packsUnder(Path root, String shown, boolean directory) throws PackException {
        if (Files.isRegularFile(root.resolve(MANIFEST))) {
            return List.of(read(root, shown, directory));
        }
        List<Pack> packs = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isRegularFile(child.resolve(MANIFEST))) {
                    String name = child.getFileName().toString().replace("/", "");
                    packs.add(read(child, shown.endsWith(":") ? shown + name : shown + "/" + name, directory));
                }
            }
        } catch (IOException e) {
            throw new PackException(new PackProblem(shown, 0, "cannot list: " + e.getMessage()));
        }
        if (packs.isEmpty() && directory) {
            throw new PackException(new PackProblem(shown, 0, "no " + MANIFEST + " here or in a sub-folder"));
        }
        return packs;
    }

    private static Pack read(Path root, String shown, boolean directory) throws PackException {
        long[] budget = {MAX_TOTAL_BYTES};
        String manifestText = text(root.resolve(MANIFEST), shown + "/" + MANIFEST, budget);
        PackManifest manifest = manifest(manifestText, shown + "/" + MANIFEST);
        List<Pack.DrlFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p :
                    walk.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                String rel = relative(root, p);
                if (rel.startsWith("tests/") || skipped(root, rel)) {
                    continue;
                }
                files.add(new Pack.DrlFile(rel, text(p, shown + "/" + rel, budget)));
            }
        } catch (IOException e) {
            throw new PackException(new PackProblem(shown, 0, "cannot read: " + e.getMessage()));
        }
        Optional<Path> tests = directory && Files.isDirectory(root.resolve("tests"))
                ? Optional.of(root.resolve("tests"))
                : Optional.empty();
        return pack(manifest, shown, files, tests);
    }

    /**
     * Files that are not the pack's own: under dot-folders ({@code .git}), and, in a pack folder
     * that is also a Maven project ({@code netspec rules init}), the build's {@code target/}, which
     * holds copies of the rules on their way into the jar.
     */
    private static boolean skipped(Path root, String rel) {
        return rel.startsWith(".")
                || rel.contains("/.")
                || rel.startsWith("target/") && Files.isRegularFile(root.resolve("pom.xml"));
    }

    private static Pack pack(PackManifest manifest, String shown, List<Pack.DrlFile> files, Optional<Path> tests) {
        String location = shown.startsWith("builtin:") ? "builtin:" + manifest.name() : shown;
        return new Pack(manifest.name(), manifest.version().toString(), manifest.description(), location, files, tests);
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString().replace("/", "")));
        return String.join("/", parts);
    }

    /** Parses {@code pack.yaml} and refuses a pack that needs another netspec, before any DRL is compiled. */
    private static PackManifest manifest(String text, String shown) throws PackException {
        PackManifest manifest = PackManifest.parse(text, shown);
        manifest.checkRequires(NetspecVersion.current(), shown);
        return manifest;
    }
}
