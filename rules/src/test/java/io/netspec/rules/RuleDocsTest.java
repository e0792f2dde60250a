package io.netspec.rules;

import io.netspec.engine.rules.Pack;
import io.netspec.engine.rules.RuleDocs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed catalogue pages {@code rules/docs/<pack>.md} must be what {@link RuleDocs} generates
 * now from the packs' metadata, DRL comments and fixtures. Regenerate them with
 * {@value #REGENERATE}.
 */
class RuleDocsTest {

    static final String REGENERATE = "mvn -q -B -o test -pl rules -am -Dtest=RuleDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dnetspec.docs.update=true";

    @TestFactory
    List<DynamicTest> committedDocsAreCurrent() {
        boolean update = Boolean.getBoolean("netspec.docs.update");
        return BuiltInPacks.packs().stream().map(pack -> DynamicTest.dynamicTest(pack.name(), () -> {
            Path page = BuiltInPacks.DOCS.resolve(pack.name() + ".md");
            String generated = generate(pack);
            if (update) {
                Files.createDirectories(page.getParent());
                Files.writeString(page, generated, StandardCharsets.UTF_8);
            }
            assertThat(Files.exists(page)).as("rules/" + page + " is missing; generate it with: " + REGENERATE)
                    .isTrue();
            assertThat(Files.readString(page, StandardCharsets.UTF_8))
                    .as("rules/" + page + " is stale; regenerate it with: " + REGENERATE)
                    .isEqualTo(generated);
        })).toList();
    }

    private static String generate(Pack pack) throws IOException {
        return RuleDocs.markdown(pack, BuiltInPacks.engine().rules(), Optional.of(BuiltInPacks.fixturesOf(pack)));
    }
}
