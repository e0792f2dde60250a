package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.tooling.RuleDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed catalogue pages {@code rules/docs/<pack>.md} must be what {@link RuleDocs} generates
 * now from the packs' metadata, DRL comments and fixtures. Regenerate them with
 * {@value #REGENERATE}; the failure message says so.
 */
class RuleDocsTest {

    /** From the repository root; {@code RulesCommandTest} (cli) checks that it writes these very pages. */
    static final String REGENERATE = "./netspec rules list --format markdown --fixtures rules/src/test/resources "
            + "--output-dir rules/docs (or: mvn -q -B -o test -pl rules -am -Dtest=RuleDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dnetspec.docs.update=true)";

    @TestFactory
    List<DynamicTest> committedDocsAreCurrent() {
        boolean update = Boolean.getBoolean("netspec.docs.update");
        return BuiltInPacks.packs().stream()
                .map(pack -> DynamicTest.dynamicTest(pack.name(), () -> {
                    Path page = BuiltInPacks.DOCS.resolve(pack.name() + ".md");
                    String generated = generate(pack);
                    if (update) {
                        Files.createDirectories(page.getParent());
                        Files.writeString(page, generated, StandardCharsets.UTF_8);
                    }
                    assertThat(Files.exists(page))
                            .as("rules/" + page + " is missing; generate it with: " + REGENERATE)
                            .isTrue();
                    assertThat(Files.readString(page, StandardCharsets.UTF_8))
                            .as("rules/" + page + " is stale; regenerate it with: " + REGENERATE)
                            .isEqualTo(generated);
                }))
                .toList();
    }

    @org.junit.jupiter.api.Test
    void pagesCarryTheRuleCommentsAndTheFixtureDescriptions() throws IOException {
        Pack segmentation = BuiltInPacks.packs().stream()
                .filter(p -> p.name().equals("segmentation"))
                .findFirst()
                .orElseThrow();
        String page = generate(segmentation);
        String rule = page.substring(
                page.indexOf("\n## egress-to-cloud-metadata\n"), page.indexOf("\n## exposed-non-isolated\n"));

        assertThat(rule)
                .contains("**Egress allowed to the cloud metadata service** (warning)")
                .contains("Reads egress rules only: a workload that is not isolated for egress")
                .contains("Fix: Add 169.254.169.254/32 to the ipBlock's except list")
                .contains("- `fail-no-peers.yaml`: A rule without to allows every destination on port 80.")
                .contains("- `pass-except-metadata.yaml`: Internet egress with 169.254.169.254/32 excepted.")
                .contains("<summary>Example: <code>fail-internet-egress.yaml</code></summary>")
                .doesNotContain("# expect:\n");
        assertThat(page).contains("| [`datastore-exposed`](#datastore-exposed) | error |");
    }

    private static String generate(Pack pack) throws IOException {
        return RuleDocs.markdown(pack, BuiltInPacks.engine().rules(), Optional.of(BuiltInPacks.fixturesOf(pack)));
    }
}
