package io.netspec.cli;

import static io.netspec.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.engine.version.NetspecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code netspec check examples/shop} reports exactly the findings listed in
 * {@code examples/shop/expected-findings.txt}: the deliberate weakness, and nothing spurious.
 */
class ShopFindingsTest {

    private static final Path SHOP = Path.of("..", "examples", "shop");

    @Test
    void theShopReportsExactlyItsExpectedFindings() throws IOException {
        MainTest.Run r = run("check", SHOP.toString(), "--format", "json", "--fail-on", "warning");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit())
                .as("a warning with --fail-on warning fails the gate")
                .isEqualTo(ExitCodes.FAILED);
        List<String> actual = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
            JsonNode o = f.get("object");
            String file = SHOP.relativize(Path.of(f.get("file").asText())).toString();
            actual.add(f.get("severity").asText() + " " + f.get("rule").asText() + " "
                    + o.get("kind").asText() + " "
                    + o.get("namespace").asText() + "/" + o.get("name").asText() + " " + file + ":"
                    + f.get("line").asInt());
        }
        List<String> expected = Files.readAllLines(SHOP.resolve("expected-findings.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void theDefaultGatePassesOnWarnings() {
        MainTest.Run r = run("check", SHOP.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .endsWith("packs: netspec@" + NetspecVersion.current().version()
                        + ", segmentation@1.0.0, service-discovery@1.0.0\n"
                        + "0 errors, 1 warning, 0 infos, 0 waived (33 rules checked; config: none)\n");
    }
}
