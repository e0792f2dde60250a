package io.netspec.features.run;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.DataTableArgument;
import io.cucumber.plugin.event.DocStringArgument;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.Node;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.StepArgument;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestSourceParsed;
import io.cucumber.plugin.event.TestStepFinished;
import io.netspec.engine.model.Printable;
import io.netspec.engine.report.Ansi;
import io.netspec.features.SpecInputException;
import io.netspec.features.SpecPaths;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The human report of a spec run: one line per scenario, the failed step with its explanation, and
 * a summary line. {@link SpecRunner} gives Cucumber's runtime the instance, made with the sink of
 * its run.
 */
public final class SpecReporter implements ConcurrentEventListener {

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
        /** Every scenario in the order it finished, for the JUnit report. */
        final List<Scenario> outcomes = new ArrayList<>();
        /** Problems with a whole feature file, each also counted in {@link #runErrors}. */
        final List<FileProblem> fileProblems = new ArrayList<>();

        final Map<URI, Integer> parsed = new LinkedHashMap<>();
        final Set<URI> withScenarios = new HashSet<>();

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

    /** The JUnit type of a spec mistake (an error, exit 2), as opposed to a failed spec. */
    static final String INPUT_ERROR = "input-error";

    /** What a scenario comes to; {@code label} is how the report's line for it starts. */
    enum Verdict {
        PASSED("PASS   "),
        FAILED("FAIL   "),
        ERROR("ERROR  "),
        UNDEFINED("UNDEFINED  "),
        SKIPPED("SKIPPED ");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** The verdict's label, PASS in green and FAIL/ERROR in red when the sink is in colour. */
    private String coloured(Verdict verdict) {
        String label = verdict.label();
        String word = label.strip();
        String padding = label.substring(word.length());
        return switch (verdict) {
            case PASSED -> sink.ansi.green(word) + padding;
            case FAILED, ERROR -> sink.ansi.red(word) + padding;
            default -> label;
        };
    }

    /** A verdict, its type as a plain word ({@code input-error}, {@code failed}, ...) and its explanation. */
    record Outcome(Verdict verdict, String type, String message, List<String> details) {}

    /** One finished scenario: its feature file as displayed, name with line, outcome and duration. */
    record Scenario(String file, String name, Outcome outcome, Duration duration) {}

    /** A problem with a whole feature file (it does not parse, or has no scenarios). */
    record FileProblem(String file, String message) {}

    /** The first step of a scenario that did not pass, and how. */
    /** {@code argument}: "doc string" or "data table" when the step in the feature file has one, else "". */
    private record Trouble(String stepText, int line, Result result, boolean hook, String argument) {}

    private final Sink sink;
    private final Map<UUID, Trouble> troubles = new HashMap<>();

    SpecReporter(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::caseFinished);
        publisher.registerHandlerFor(TestSourceParsed.class, this::sourceParsed);
        publisher.registerHandlerFor(TestRunFinished.class, this::runFinished);
    }

    private void stepFinished(TestStepFinished event) {
        Status status = event.getResult().getStatus();
        if (status == Status.PASSED
                || status == Status.SKIPPED
                || troubles.containsKey(event.getTestCase().getId())) {
            return;
        }
        if (event.getTestStep() instanceof PickleStepTestStep step) {
            StepArgument argument = step.getStep().getArgument();
            troubles.put(
                    event.getTestCase().getId(),
                    new Trouble(
                            step.getStep().getKeyword() + step.getStep().getText(),
                            step.getStep().getLine(),
                            event.getResult(),
                            false,
                            argument instanceof DocStringArgument
                                    ? "doc string"
                                    : argument instanceof DataTableArgument ? "data table" : ""));
        } else if (event.getTestStep() instanceof HookTestStep hook) {
            troubles.put(
                    event.getTestCase().getId(),
                    new Trouble("hook " + hook.getCodeLocation(), 0, event.getResult(), true, ""));
        }
    }

    private synchronized void caseFinished(TestCaseFinished event) {
        TestCase testCase = event.getTestCase();
        String file = display(testCase.getUri());
        if (!testCase.getUri().equals(sink.currentFeature)) {
            sink.currentFeature = testCase.getUri();
            sink.out.println(Printable.line(file));
        }
        sink.withScenarios.add(testCase.getUri());
        String name = testCase.getName() + " (line " + testCase.getLocation().getLine() + ")";
        Trouble trouble = troubles.remove(testCase.getId());
        Outcome outcome = outcome(event, trouble, file);
        switch (outcome.verdict()) {
            case PASSED -> sink.passed++;
            case FAILED -> sink.failed++;
            case ERROR -> sink.errors++;
            case UNDEFINED -> sink.undefined++;
            case SKIPPED -> sink.skipped++;
        }
        sink.outcomes.add(new Scenario(file, name, outcome, event.getResult().getDuration()));
        if (outcome.verdict() != Verdict.PASSED || sink.verbose) {
            sink.out.println("  " + coloured(outcome.verdict()) + Printable.line(name));
        }
        // scenario names, step text and evidence quote the spec and the manifests: one line each, controls shown
        outcome.details().forEach(l -> sink.out.println("      " + Printable.line(l)));
    }

    /** How a scenario ended, in netspec's terms, and the lines that explain it. */
    private Outcome outcome(TestCaseFinished event, Trouble trouble, String file) {
        TestCase testCase = event.getTestCase();
        Status status = event.getResult().getStatus();
        if (testCase.getTestSteps().stream().noneMatch(PickleStepTestStep.class::isInstance)) {
            // Gherkin reads mistyped keywords ("Scenaro:", a bare "Then") as description text: a
            // scenario without steps would pass while checking nothing.
            String message = file + ":" + testCase.getLocation().getLine() + ": scenario has no steps";
            return new Outcome(Verdict.ERROR, INPUT_ERROR, message, List.of("error: " + message));
        }
        if (status == Status.PASSED) {
            return new Outcome(Verdict.PASSED, "", "", List.of());
        }
        if (status == Status.UNDEFINED) {
            List<String> lines = new ArrayList<>();
            if (trouble != null) {
                // file:line first, as compilers write it, so that editors and CI logs link to the step
                lines.add(file + ":" + trouble.line() + ": " + trouble.stepText() + " matches no step");
                sink.catalogue.unknownParts(trouble.stepText()).forEach(lines::add);
                if (trouble.argument().equals("data table")) {
                    // a table of connections is a common Gherkin habit: say how netspec words it instead
                    lines.add("no step takes a data table: write one step per row, or a Scenario Outline whose"
                            + " Examples are the table, e.g. Then deployment \"<from>\" in \"<ns>\" can reach"
                            + " service \"<to>\" in \"<ns>\" on port <port>");
                }
                List<StepCatalogue.Entry> near = sink.catalogue.closest(trouble.stepText(), 2);
                for (StepCatalogue.Entry e : near) {
                    lines.add((e == near.get(0) ? "closest step: " : "or:           ") + e.expression());
                    lines.add("  e.g. " + e.example().lines().findFirst().orElse(""));
                }
                lines.add("(netspec test --steps lists every step)");
            }
            return new Outcome(
                    Verdict.UNDEFINED, "undefined-step", lines.isEmpty() ? "undefined step" : lines.get(0), lines);
        }
        if (status == Status.SKIPPED || status == Status.PENDING) {
            return new Outcome(Verdict.SKIPPED, "", "", List.of());
        }
        Throwable error = trouble != null && trouble.result().getError() != null
                ? trouble.result().getError()
                : event.getResult().getError();
        Optional<SpecInputException> input = inputProblem(error).or(() -> stepMisfit(error, trouble));
        boolean assertion = error instanceof AssertionError && input.isEmpty();
        List<String> lines = new ArrayList<>();
        if (trouble != null) {
            lines.add(trouble.stepText() + (trouble.line() > 0 ? " (line " + trouble.line() + ")" : ""));
        }
        String message = status == Status.AMBIGUOUS
                ? "ambiguous step: " + firstLine(error)
                : input.map(e -> "error: " + e.getMessage())
                        .orElse(assertion ? String.valueOf(error.getMessage()) : "internal error: " + describe(error));
        message.lines().forEach(l -> lines.add("  " + l));
        String type = status == Status.AMBIGUOUS
                ? "ambiguous-step"
                : input.isPresent() ? INPUT_ERROR : assertion ? "failed" : "internal-error";
        return new Outcome(assertion ? Verdict.FAILED : Verdict.ERROR, type, firstLineOf(message), lines);
    }

    private void sourceParsed(TestSourceParsed event) {
        int line = event.getNodes().stream()
                .filter(Node.Feature.class::isInstance)
                .findFirst()
                .map(n -> n.getLocation().getLine())
                .orElse(1);
        synchronized (this) {
            sink.parsed.putIfAbsent(event.getUri(), line);
        }
    }

    /** A feature file without scenarios (all mistyped, say) must not pass as if it checked something. */
    private synchronized void runFinished(TestRunFinished event) {
        sink.parsed.forEach((uri, line) -> {
            if (!sink.withScenarios.contains(uri)) {
                sink.fileProblems.add(
                        new FileProblem(display(uri), display(uri) + ":" + line + ": feature has no scenarios"));
            }
        });
    }

    /**
     * A step whose text does not fit its definition: Cucumber itself threw (not a step's code), which it does
     * when a step is given a doc string or data table it takes no parameter for, or one it cannot convert.
     * Told apart by the exception's type (Cucumber's own packages), not by its message.
     */
    private static Optional<SpecInputException> stepMisfit(Throwable error, Trouble trouble) {
        if (error == null
                || trouble == null
                || trouble.hook()
                || error instanceof AssertionError
                || !error.getClass().getName().startsWith("io.cucumber.")) {
            return Optional.empty();
        }
        return Optional.of(new SpecInputException(
                trouble.argument().isEmpty()
                        ? "the step does not fit its definition: " + firstLine(error)
                        : "this step takes no " + trouble.argument() + ", but line " + trouble.line() + " gives one"));
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

    private static String firstLineOf(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String firstLine(Throwable error) {
        return error == null
                ? ""
                : String.valueOf(error.getMessage()).lines().findFirst().orElse(error.toString());
    }

    /** A feature's path as the user gave it. */
    static String display(URI uri) {
        return SpecPaths.display(uri);
    }
}
