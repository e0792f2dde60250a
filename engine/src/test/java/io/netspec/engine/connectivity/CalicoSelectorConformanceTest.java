package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.calico.CalicoSelector;
import io.netspec.engine.model.calico.CalicoSelectorParser;
import io.netspec.engine.model.calico.CalicoSelectorSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every line of {@code calico-selectors/selectors.tsv} (upstream's own match / non-match / invalid
 * table): the selector must parse and match, parse and not match, or fail to parse.
 */
class CalicoSelectorConformanceTest {

    @Test
    void everySelectorLineAgrees() throws IOException {
        Path table = ConformanceCorpus.root().resolve("calico-selectors/selectors.tsv");
        if (!Files.isRegularFile(table)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("conformance table not found: " + table + "; CI=true requires it");
            }
            System.err.println("WARNING: " + table + " not found; the calico-selectors conformance test is skipped");
            Assumptions.abort("no " + table);
        }
        List<String> lines =
                Files.readAllLines(table).stream().filter(l -> !l.isEmpty()).toList();
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            assertThat(f).as("fields of " + line).hasSize(3);
            String verdict = verdict(f[0], labels(f[1]));
            if (!verdict.equals(f[2])) {
                wrong.add(line.replace('\t', '|') + " (netspec: " + verdict + ")");
            }
        }
        System.out.println("calico-selectors: agreed " + (lines.size() - wrong.size()) + "/" + lines.size());
        assertThat(lines).as("selector lines").hasSizeGreaterThanOrEqualTo(95);
        assertThat(wrong).as("selector lines that differ").isEmpty();
    }

    private static String verdict(String selector, Map<String, String> labels) {
        CalicoSelector parsed;
        try {
            parsed = CalicoSelectorParser.parse(selector);
        } catch (CalicoSelectorSyntaxException e) {
            return "invalid";
        }
        return parsed.matches(labels) ? "match" : "nomatch";
    }

    private static Map<String, String> labels(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (field.isEmpty()) {
            return out;
        }
        for (String pair : field.split(",")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
