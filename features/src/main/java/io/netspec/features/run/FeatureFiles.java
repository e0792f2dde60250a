package io.netspec.features.run;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Location;
import io.cucumber.messages.types.ParseError;
import io.netspec.features.SpecPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The feature files of a run, parsed with Gherkin's parser before Cucumber runs them: a file that
 * does not parse is {@code FILE:LINE: what the parser expected}, from the parse errors' own
 * locations, and a feature file given by name with no {@code Feature:} at all (an empty file) is
 * {@code FILE:1: feature has no scenarios}. Cucumber would throw on the first such file, with
 * these facts only inside its exception's message.
 */
final class FeatureFiles {

    private FeatureFiles() {}

    /** The problems of the feature files under {@code paths} (files given, and {@code .feature} files in folders). */
    static List<SpecReporter.FileProblem> problems(List<Path> paths) {
        List<SpecReporter.FileProblem> out = new ArrayList<>();
        for (Path path : paths) {
            boolean named = Files.isRegularFile(path);
            for (Path file : files(path)) {
                problems(file, named).forEach(out::add);
            }
        }
        return out;
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(f -> f.getFileName().toString().endsWith(".feature") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // an unreadable folder: Cucumber reports it when it walks the folder
        }
    }

    private static List<SpecReporter.FileProblem> problems(Path file, boolean named) {
        String where = SpecPaths.display(file).toString();
        List<Envelope> envelopes;
        try (Stream<Envelope> parsed = GherkinParser.builder()
                .includeSource(false)
                .includePickles(false)
                .build()
                .parse(file)) {
            envelopes = parsed.toList();
        } catch (IOException e) {
            return List.of(new SpecReporter.FileProblem(where, where + ": cannot be read: " + e.getMessage()));
        }
        List<String> errors = envelopes.stream()
                .flatMap(e -> e.getParseError().stream())
                .map(e -> where + ":" + line(e) + ": " + withoutLocation(e))
                .toList();
        if (!errors.isEmpty()) {
            return List.of(new SpecReporter.FileProblem(where, String.join("\n", errors)));
        }
        boolean feature = envelopes.stream()
                .flatMap(e -> e.getGherkinDocument().stream())
                .anyMatch(d -> d.getFeature().isPresent());
        if (!feature && named) {
            return List.of(new SpecReporter.FileProblem(where, where + ":1: feature has no scenarios"));
        }
        return List.of();
    }

    private static long line(ParseError error) {
        return error.getSource().getLocation().map(Location::getLine).orElse(1L);
    }

    /** The parser's words without the {@code (line:column): } it starts them with: the location is printed our way. */
    private static String withoutLocation(ParseError error) {
        String message = error.getMessage();
        String prefix = error.getSource()
                .getLocation()
                .map(l -> "(" + l.getLine() + ":"
                        + l.getColumn().map(String::valueOf).orElse("") + "): ")
                .orElse("");
        return !prefix.isEmpty() && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
