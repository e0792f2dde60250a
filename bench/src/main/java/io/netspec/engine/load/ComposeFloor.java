package io.netspec.engine.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The loading floor: reads, decodes and composes every {@code .yaml} file of a folder on two threads, as the
 * loader does, and nothing else (no facts, no analysis). In the engine's package because the composer is
 * internal. Time it from outside, one fresh JVM a run, with the launcher's flags:
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp bench/target/benchmarks.jar \
 *     io.netspec.engine.load.ComposeFloor [--snakeyaml] DIR
 * </pre>
 *
 * {@code --snakeyaml} composes every document with SnakeYAML (the loader without its block-YAML fast path).
 */
public final class ComposeFloor {

    private ComposeFloor() {}

    public static void main(String[] args) throws Exception {
        boolean snakeYaml = args.length == 2 && args[0].equals("--snakeyaml");
        if (args.length != (snakeYaml ? 2 : 1)) {
            System.err.println("usage: ComposeFloor [--snakeyaml] DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[args.length - 1]);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(ManifestLoader.defaultThreads());
        AtomicLong documents = new AtomicLong();
        AtomicLong problems = new AtomicLong();
        List<Future<?>> parsed = new ArrayList<>();
        for (Path file : files) {
            parsed.add(pool.submit(() -> {
                List<LoadProblem> found = new ArrayList<>();
                ReadContext ctx = new ReadContext(file.toString(), LoadOptions.DEFAULTS, found, new LabelStrings());
                byte[] bytes = TextFiles.readBounded(file, LoadOptions.DEFAULTS.maxDocumentBytes());
                String text = TextFiles.utf8(bytes);
                new DocumentParser(LoadOptions.DEFAULTS, !snakeYaml)
                        .parse(text, snakeYaml ? null : bytes, false, ctx, (doc, shape) -> documents.incrementAndGet());
                problems.addAndGet(found.size());
                return null;
            }));
        }
        for (Future<?> f : parsed) {
            f.get();
        }
        pool.shutdown();
        System.out.println(files.size() + " files, " + documents + " documents, " + problems + " problems");
    }
}
