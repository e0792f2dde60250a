package io.netspec.features.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where a doc string's text sits in its feature file, so that manifests written inline report feature-file lines. */
final class DocStrings {

    private DocStrings() {}

    /**
     * The 1-based line of the first content line of the doc string holding {@code text}: the first
     * such doc string at or after {@code scenarioLine}, else the last one before it (a Background).
     */
    static Optional<Integer> firstLine(Path featureFile, String text, int scenarioLine) {
        List<String> lines;
        try {
            lines = Files.readAllLines(featureFile);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        List<String> wanted = text.lines().map(String::strip).toList();
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String delimiter = lines.get(i).strip();
            if (!delimiter.startsWith("\"\"\"") && !delimiter.startsWith("```")) {
                continue;
            }
            String fence = delimiter.substring(0, 3);
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals(fence)) {
                end++;
            }
            List<String> content = lines.subList(i + 1, Math.min(end, lines.size())).stream()
                    .map(String::strip)
                    .toList();
            if (content.equals(wanted)) {
                found.add(i + 2);
            }
            i = end;
        }
        return found.stream()
                .filter(l -> l >= scenarioLine)
                .findFirst()
                .or(() -> found.stream().reduce((a, b) -> b));
    }
}
