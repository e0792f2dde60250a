package io.netspec.rules;

import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
import java.nio.file.Path;
import java.util.List;

/** The built-in packs as the tests see them: compiled once per test JVM, and where their fixtures live. */
final class BuiltInPacks {

    /** {@code <pack>/<rule-id>/fail-*.yaml|pass-*.yaml}, relative to the module directory. */
    static final Path FIXTURES = Path.of("src/test/resources");

    /** The committed catalogue pages, one per pack. */
    static final Path DOCS = Path.of("docs");

    private static List<Pack> packs;
    private static RuleEngine engine;

    private BuiltInPacks() {}

    static synchronized List<Pack> packs() {
        if (packs == null) {
            try {
                packs = PackLoader.builtIn();
            } catch (PackException e) {
                throw new AssertionError("built-in packs do not load:\n" + e.getMessage(), e);
            }
        }
        return packs;
    }

    static synchronized RuleEngine engine() {
        if (engine == null) {
            try {
                engine = RuleEngine.compile(packs());
            } catch (PackException e) {
                throw new AssertionError(
                        "built-in packs do not compile:\n"
                                + String.join(
                                        "\n",
                                        e.problems().stream()
                                                .map(Object::toString)
                                                .toList()),
                        e);
            }
        }
        return engine;
    }

    static Path fixturesOf(Pack pack) {
        return FIXTURES.resolve(pack.name());
    }
}
