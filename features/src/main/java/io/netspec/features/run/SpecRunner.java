package io.netspec.features.run;

import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.runtime.Runtime;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.report.Ansi;
import io.netspec.features.SpecRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs feature files with the netspec step library through Cucumber's own runner
 * ({@code io.cucumber.core.cli.Main.run}), with explicit arguments so that no
 * {@code cucumber.properties} or environment changes the run, and without Cucumber's banners.
 * The human report goes to {@code out}; machine reports (JUnit XML) go to files.
 *
 * <p>Manifests, organisation rule packs, namespace and config for every scenario reach the glue as
 * the settings of a {@link SpecRun} bound to the running thread for the run's duration: no system
 * property carries them. Feature files Cucumber cannot parse are found by parsing them first with
 * Gherkin's parser, whose errors carry their line (not by reading Cucumber's exception messages).
 */
public final class SpecRunner {

    /** The package of the step definitions and parameter types, for {@code --glue} and {@code @Suite} classes. */
    public static final String GLUE = "io.netspec.features.steps";

    /** How the run reports: {@code pretty} is the human report, {@code json} is Cucumber's JSON on stdout. */
    public enum Format {
        PRETTY,
        JSON
    }

    /**
     * @param features  feature files or folders
     * @param manifests manifests loaded for every scenario, before its own Given steps
     * @param junit     a JUnit XML report to write
     * @param namespace the namespace of objects that name none ({@code -n}), as kubectl would
     * @param plugin    the CNI plugin every manifest the specs load is analysed with ({@code --cni}; auto infers it)
     * @param podCidrs  the cluster's pod ranges for every cluster the specs load ({@code --pod-cidr}); empty: the
     *                  config's {@code podCIDRs}, if any
     * @param nodeCidrs the nodes' address ranges likewise ({@code --node-cidr}); empty: the config's {@code nodeCIDRs}
     */
    public record Options(
            List<Path> features,
            List<Path> manifests,
            List<Path> rulePacks,
            Optional<Path> junit,
            Format format,
            Optional<Path> config,
            String namespace,
            NetworkPlugin plugin,
            List<Cidr> podCidrs,
            List<Cidr> nodeCidrs) {
        public Options {
            features = List.copyOf(features);
            manifests = List.copyOf(manifests);
            rulePacks = List.copyOf(rulePacks);
            podCidrs = List.copyOf(podCidrs);
            nodeCidrs = List.copyOf(nodeCidrs);
        }

        public static Options of(List<Path> features) {
            return new Options(
                    features,
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    Format.PRETTY,
                    Optional.empty(),
                    "default",
                    NetworkPlugin.AUTO,
                    List.of(),
                    List.of());
        }

        public Options withManifests(List<Path> paths) {
            return new Options(
                    features, paths, rulePacks, junit, format, config, namespace, plugin, podCidrs, nodeCidrs);
        }

        /** Organisation rule packs for every scenario, beside the built-in packs. */
        public Options withRulePacks(List<Path> paths) {
            return new Options(
                    features, manifests, paths, junit, format, config, namespace, plugin, podCidrs, nodeCidrs);
        }

        public Options withJunit(Path file) {
            return new Options(
                    features,
                    manifests,
                    rulePacks,
                    Optional.of(file),
                    format,
                    config,
                    namespace,
                    plugin,
                    podCidrs,
                    nodeCidrs);
        }

        public Options withFormat(Format f) {
            return new Options(
                    features, manifests, rulePacks, junit, f, config, namespace, plugin, podCidrs, nodeCidrs);
        }

        /** The namespace of objects that name none, in every manifest the specs load. */
        public Options withNamespace(String ns) {
            return new Options(features, manifests, rulePacks, junit, format, config, ns, plugin, podCidrs, nodeCidrs);
        }

        /** The {@code .netspec.yaml} whose rule selection, severities and DNS settings the finding steps apply. */
        public Options withConfig(Path file) {
            return new Options(
                    features,
                    manifests,
                    rulePacks,
                    junit,
                    format,
                    Optional.of(file),
                    namespace,
                    plugin,
                    podCidrs,
                    nodeCidrs);
        }

        /** The CNI plugin that enforces policy in every scenario's cluster ({@code --cni}, or {@code cni:} of the config). */
        public Options withPlugin(NetworkPlugin p) {
            return new Options(
                    features, manifests, rulePacks, junit, format, config, namespace, p, podCidrs, nodeCidrs);
        }

        /** The cluster's pod ranges for every cluster the specs load ({@code --pod-cidr}, or {@code podCIDRs:} of the config). */
        public Options withPodCidrs(List<Cidr> ranges) {
            return new Options(
                    features, manifests, rulePacks, junit, format, config, namespace, plugin, ranges, nodeCidrs);
        }

        /** The nodes' address ranges for every cluster the specs load ({@code --node-cidr}, or {@code nodeCIDRs:}). */
        public Options withNodeCidrs(List<Cidr> ranges) {
            return new Options(
                    features, manifests, rulePacks, junit, format, config, namespace, plugin, podCidrs, ranges);
        }

        /** What every scenario of a run with these options starts from. */
        public SpecRun.Settings settings() {
            return new SpecRun.Settings(manifests, rulePacks, config, namespace, features, plugin, podCidrs, nodeCidrs);
        }
    }

    /** The tally of one run. Exit code: 0 all passed, 1 a spec failed, 2 errors or undefined steps. */
    public record Result(int scenarios, int passed, int failed, int errors, int undefined, int skipped) {

        public int exitCode() {
            if (errors > 0 || undefined > 0 || scenarios == 0) {
                return 2;
            }
            return failed > 0 ? 1 : 0;
        }

        /** {@code N scenarios: X passed, Y failed} and the errors, undefined and skipped when there are any. */
        public String summary() {
            StringBuilder sb = new StringBuilder(scenarios + (scenarios == 1 ? " scenario: " : " scenarios: ") + passed
                    + " passed, " + failed + " failed");
            if (errors > 0) {
                sb.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
            }
            if (undefined > 0) {
                sb.append(", ").append(undefined).append(" undefined");
            }
            if (skipped > 0) {
                sb.append(", ").append(skipped).append(" skipped");
            }
            return sb.toString();
        }
    }

    private SpecRunner() {}

    /** The JUnit XML of the run, to {@code --junit} (its folder created when missing). */
    private static void writeJunit(Options options, SpecReporter.Sink sink, PrintStream err) {
        if (options.junit().isPresent()) {
            Path xml = options.junit().get();
            try {
                Path parent = xml.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(xml, SpecJunit.render(sink.outcomes, sink.fileProblems));
            } catch (IOException e) {
                err.println("netspec test: cannot write " + xml + ": " + reason(e));
                sink.runErrors++;
            }
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * What is wrong with feature paths Cucumber would only log a warning about and skip: folders
     * that hold no {@code .feature} file at any depth, files that are not {@code .feature} files.
     */
    static List<String> withoutFeatures(List<Path> paths) {
        List<String> empty = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".feature")) {
                empty.add(p + " is not a .feature file");
            } else if (Files.isDirectory(p)) {
                try (var files = Files.walk(p)) {
                    if (files.noneMatch(
                            f -> f.getFileName().toString().endsWith(".feature") && Files.isRegularFile(f))) {
                        empty.add("no .feature files in " + p);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable folder: Cucumber reports it when it walks the folder
                }
            }
        }
        return empty;
    }

    /**
     * Runs the specs. Problems with the arguments (a missing path) are printed on {@code err} and
     * give a result with no scenarios (exit code 2).
     */
    public static Result run(Options options, PrintStream out, PrintStream err) {
        return run(options, out, err, Ansi.PLAIN);
    }

    /** As {@link #run(Options, PrintStream, PrintStream)}, with PASS and FAIL in colour on {@code out} when {@code ansi} is on. */
    public static Result run(Options options, PrintStream out, PrintStream err, Ansi ansi) {
        return run(SpecRun.of(options.settings()), options, out, err, ansi);
    }

    /**
     * As {@link #run(Options, PrintStream, PrintStream, Ansi)} in {@code run}, which the caller made
     * from {@link Options#settings()} (with a live cluster, say) and may ask afterwards what the
     * scenarios loaded.
     */
    public static Result run(SpecRun run, Options options, PrintStream out, PrintStream err, Ansi ansi) {
        CucumberLogging.quiet();
        List<String> missing = new ArrayList<>();
        options.features().stream().filter(p -> !Files.exists(p)).forEach(p -> missing.add(p.toString()));
        options.manifests().stream().filter(p -> !Files.exists(p)).forEach(p -> missing.add(p.toString()));
        options.rulePacks().stream().filter(p -> !Files.exists(p)).forEach(p -> missing.add(p.toString()));
        if (!missing.isEmpty()) {
            missing.forEach(p -> err.println(p + ": no such file or folder"));
            return new Result(0, 0, 0, 0, 0, 0);
        }
        // Cucumber would only log "No features found" and run nothing: a mistyped CI path must not pass.
        List<String> empty = withoutFeatures(options.features());
        if (!empty.isEmpty()) {
            empty.forEach(p -> err.println("netspec test: " + p));
            return new Result(0, 0, 0, 0, 0, 0);
        }
        PrintStream human = options.format() == Format.JSON ? err : out;
        SpecReporter.Sink sink = new SpecReporter.Sink(human, true, human == out ? ansi : Ansi.PLAIN);
        List<SpecReporter.FileProblem> unparsable = run.during(() -> FeatureFiles.problems(options.features()));
        if (!unparsable.isEmpty()) {
            // Cucumber would stop at the first: every file's problems, and no scenario runs, as before
            unparsable.forEach(p -> err.println("netspec test: " + p.message()));
            sink.fileProblems.addAll(unparsable);
            sink.runErrors += unparsable.size();
            writeJunit(options, sink, err);
            Result result = new Result(0, 0, 0, sink.runErrors, 0, 0);
            human.println(result.summary());
            return result;
        }
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--monochrome", "--no-summary"));
        if (options.format() == Format.JSON) {
            args.addAll(List.of("--plugin", "json"));
        }
        options.features().forEach(p -> args.add(p.toString()));

        PrintStream stdout = System.out;
        CucumberLogging.to(err);
        try {
            if (options.format() == Format.JSON) {
                System.setOut(out);
            }
            // Cucumber's own Main also reads cucumber.properties, CUCUMBER_* and -Dcucumber.*: the run is
            // built from these arguments alone, and publishes nothing (no publish plugin is added)
            run.during(() -> {
                Runtime runtime = Runtime.builder()
                        .withRuntimeOptions(new CommandlineOptionsParser(err)
                                .parse(args.toArray(String[]::new))
                                .addDefaultSummaryPrinterIfNotDisabled()
                                .build())
                        .withClassLoader(() -> Thread.currentThread().getContextClassLoader())
                        .withAdditionalPlugins(new SpecReporter(sink))
                        .build();
                runtime.run();
                return runtime.exitStatus();
            });
        } catch (RuntimeException e) {
            // the files parsed above; anything else Cucumber throws is one line, not a stack trace
            sink.fileProblems.clear();
            sink.fileProblems.add(new SpecReporter.FileProblem(
                    "feature files",
                    e.getClass().getSimpleName() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        } finally {
            CucumberLogging.to(null);
            System.setOut(stdout);
        }
        sink.fileProblems.forEach(p -> err.println("netspec test: " + p.message()));
        sink.runErrors += sink.fileProblems.size();
        writeJunit(options, sink, err);
        Result result = new Result(
                sink.scenarios(), sink.passed, sink.failed, sink.errors + sink.runErrors, sink.undefined, sink.skipped);
        if (result.scenarios() == 0 && result.errors() == 0) {
            err.println("netspec test: no scenarios found in "
                    + options.features().stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        human.println(result.summary());
        return result;
    }
}
