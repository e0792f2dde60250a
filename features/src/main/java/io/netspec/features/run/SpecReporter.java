package io.netspec.features.run;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import io.netspec.engine.report.Ansi;
import io.netspec.features.SpecInputException;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The human report of a spec run: one line per scenario, the failed step with its explanation, and
 * a summary line. Cucumber creates plugins by class name, so the run it reports to is handed over
 * through {@link #attach} by {@link SpecRunner} just before the run.
 */
public final class SpecReporter implements ConcurrentEventListener {

    private static volatile Sink attached;

    /** Where one run's report goes, and its tally. */
    static final class Sink {
        final PrintStream out;
        final boolean verbose;
        final StepCatalogue catalogue = StepCatalogue.standard();
        int passed;
        int failed;
        int errors;
        int undefined;
        int skipped;
        /** Problems outside any scenario (a feature file Cucumber cannot parse). */
        int runErrors;
        URI currentFeature;

        final Ansi ansi;

        Sink(PrintStream out, boolean verbose) {
            this(out, verbose, Ansi.PLAIN);
        }

        Sink(PrintStream out, boolean verbose, Ansi ansi) {
            this.out = out;
            this.verbose = verbose;
            this.ansi = ansi;
        }

        int scenarios() {
            return passed + failed + errors + undefined + skipped;
        }
    }

    /** The first step of a scenario that did not pass, and how. */
    private record Trouble(String stepText, int line, Result result, boolean hook) {
    }

    private final Sink sink;
    private final Map<UUID, Trouble> troubles = new HashMap<>();

    public SpecReporter() {
        Sink s = attached;
        this.sink = s != null ? s : new Sink(System.out, true);
    }

    static void attach(Sink sink) {
        attached = sink;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
    }

    private void stepFinished(TestStepFinished event) {
        Status status = event.getResult().getStatus();
        if (status == Status.PASSED || status == Status.SKIPPED || troubles.containsKey(event.getTestCase().getId())) {
            return;
        }
        if (event.getTestStep() instanceof PickleStepTestStep step) {
            troubles.put(event.getTestCase().getId(), new Trouble(step.getStep().getKeyword() + step.getStep().getText(),
                    step.getStep().getLine(), event.getResult(), false));
        } else if (event.getTestStep() instanceof HookTestStep hook) {
            troubles.put(event.getTestCase().getId(), new Trouble("hook " + hook.getCodeLocation(), 0, event.getResult(),
                    true));
        }
    }

    private synchronized void caseFinished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        if (!testCase.getUri().equals(sink.currentFeature)) {
            sink.currentFeature = testCase.getUri();
            sink.out.println(display(testCase.getUri()));
        }
        String name = testCase.getName() + " (line " + testCase.getLocation().getLine() + ")";
        Trouble trouble = troubles.remove(testCase.getId());
        Status status = event.getResult().getStatus();
        if (status == Status.PASSED) {
            sink.passed++;
            if (sink.verbose) {
                sink.out.println("  " + sink.ansi.green("PASS") + "   " + name);
            }
            return;
        }
        if (status == Status.UNDEFINED) {
            sink.undefined++;
            sink.out.println("  UNDEFINED  " + name);
            if (trouble != null) {
                sink.out.println("      " + trouble.stepText() + " (line " + trouble.line() + ") matches no step");
                sink.catalogue.closest(trouble.stepText()).ifPresent(e -> {
                    sink.out.println("      closest step: " + e.expression());
                    sink.out.println("      e.g. " + e.example().lines().findFirst().orElse(""));
                });
            }
            return;
        }
        if (status == Status.SKIPPED || status == Status.PENDING) {
            sink.skipped++;
            sink.out.println("  SKIPPED " + name);
            return;
        }
        Throwable error = trouble != null && trouble.result().getError() != null ? trouble.result().getError()
                : event.getResult().getError();
        Optional<SpecInputException> input = inputProblem(error);
        boolean assertion = error instanceof AssertionError && input.isEmpty();
        if (assertion) {
            sink.failed++;
            sink.out.println("  " + sink.ansi.red("FAIL") + "   " + name);
        } else {
            sink.errors++;
            sink.out.println("  " + sink.ansi.red("ERROR") + "  " + name);
        }
        if (trouble != null) {
            sink.out.println("      " + trouble.stepText() + (trouble.line() > 0 ? " (line " + trouble.line() + ")" : ""));
        }
        String message = status == Status.AMBIGUOUS ? "ambiguous step: " + firstLine(error)
                : input.map(e -> "error: " + e.getMessage())
                .orElse(assertion ? String.valueOf(error.getMessage()) : "internal error: " + describe(error));
        message.lines().forEach(l -> sink.out.println("        " + l));
    }

    /** A spec mistake, however Cucumber wrapped it (a parameter transformer's exception is wrapped). */
    static Optional<SpecInputException> inputProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SpecInputException e) {
                return Optional.of(e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.toString() : firstLine(error) + " (caused by " + root + ")";
    }

    private static String firstLine(Throwable error) {
        return error == null ? "" : String.valueOf(error.getMessage()).lines().findFirst().orElse(error.toString());
    }

    /** A feature's path as the user gave it: relative to the working directory when below it. */
    static String display(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return uri.toString();
        }
        Path path = Path.of(uri).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
