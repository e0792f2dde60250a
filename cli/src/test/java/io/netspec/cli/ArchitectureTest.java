package io.netspec.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.netspec.engine.connectivity.archviolation.ConnectivityUsingLoad;
import io.netspec.engine.load.archviolation.LoadUsingConnectivity;
import io.netspec.engine.model.archviolation.ModelUsingLoad;
import io.netspec.engine.report.archviolation.ReportUsingCli;
import io.netspec.engine.report.archviolation.ReportUsingRuleRuntime;
import io.netspec.engine.rules.facts.archviolation.VocabularyUsingRuntime;
import io.netspec.engine.rules.packs.archviolation.PacksUsingRuntime;
import io.netspec.features.archviolation.FeaturesUsingCli;
import io.netspec.rules.archviolation.RulesUsingCli;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependencies pointing one way: engine <- rules <- features <- cli between modules,
 * and inside the engine model <- {load, connectivity} <- the rule vocabulary (what DRL imports) <-
 * the rule runtime <- the check <- tooling, with pack loading below the runtime; findings and the
 * version sit under all of them, so report renders findings without the rule runtime. Load and
 * connectivity are independent of each other. It lives in the cli module because only here are
 * every module's classes on the classpath.
 */
class ArchitectureTest {

    private static JavaClasses production;

    /** Main classes of every module: folders under {@code mvn test}, module jars under {@code mvn verify}. */
    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.netspec");
    }

    static final ArchRule ENGINE_LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("model")
            .definedBy("io.netspec.engine.model..")
            .layer("load")
            .definedBy("io.netspec.engine.load..")
            .layer("connectivity")
            .definedBy("io.netspec.engine.connectivity..")
            .layer("version")
            .definedBy("io.netspec.engine.version..")
            .layer("findings")
            .definedBy("io.netspec.engine.findings..")
            // what DRL imports: Network, Report, the helpers and the derived facts (RULES-API.md)
            .layer("vocabulary")
            .definedBy("io.netspec.engine.rules", "io.netspec.engine.rules.facts..")
            .layer("packs")
            .definedBy("io.netspec.engine.rules.packs..")
            .layer("runtime")
            .definedBy("io.netspec.engine.rules.runtime..")
            .layer("check")
            .definedBy("io.netspec.engine.rules.check..")
            .layer("tooling")
            .definedBy("io.netspec.engine.rules.tooling..")
            .layer("report")
            .definedBy("io.netspec.engine.report..")
            .whereLayer("model")
            .mayNotAccessAnyLayer()
            .whereLayer("load")
            .mayOnlyAccessLayers("model")
            .whereLayer("connectivity")
            .mayOnlyAccessLayers("model")
            .whereLayer("version")
            .mayNotAccessAnyLayer()
            .whereLayer("findings")
            .mayOnlyAccessLayers("model", "version")
            .whereLayer("vocabulary")
            .mayOnlyAccessLayers("model", "load", "connectivity", "findings")
            .whereLayer("packs")
            .mayOnlyAccessLayers("model", "load", "findings", "version")
            .whereLayer("runtime")
            .mayOnlyAccessLayers("model", "load", "connectivity", "findings", "version", "vocabulary", "packs")
            .whereLayer("check")
            .mayOnlyAccessLayers(
                    "model", "load", "connectivity", "findings", "version", "vocabulary", "packs", "runtime")
            .whereLayer("tooling")
            .mayOnlyAccessLayers(
                    "model", "load", "connectivity", "findings", "version", "vocabulary", "packs", "runtime", "check")
            // renderers show findings and reach results; they never need the rule runtime to do it
            .whereLayer("report")
            .mayOnlyAccessLayers("model", "connectivity", "findings", "version")
            .whereLayer("report")
            .mayNotBeAccessedByAnyLayer()
            .because("the engine's packages follow the pipeline (DESIGN.md)");

    static final ArchRule TEXT_AT_THE_BOTTOM = noClasses()
            .that()
            .resideInAPackage("io.netspec.engine.text..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.netspec..")
            .because("the text helpers (suggestions) are used from every layer, so they use none");

    static final ArchRule ENGINE_STANDS_ALONE = noClasses()
            .that()
            .resideInAPackage("io.netspec.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.netspec.rules..", "io.netspec.features..", "io.netspec.cli..", "io.netspec.bench..")
            .because("engine is the bottom module")
            .allowEmptyShould(true);

    static final ArchRule RULES_BELOW_FEATURES = noClasses()
            .that()
            .resideInAPackage("io.netspec.rules..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.netspec.features..", "io.netspec.cli..", "io.netspec.bench..")
            .because("rule packs depend on the engine only")
            .allowEmptyShould(true);

    static final ArchRule FEATURES_BELOW_CLI = noClasses()
            .that()
            .resideInAPackage("io.netspec.features..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.netspec.cli..", "io.netspec.bench..")
            .because("the step library is used by the CLI, not the other way round")
            .allowEmptyShould(true);

    @Test
    void importsTheClassesOfEveryModuleOnTheClasspath() {
        assertThat(production.containPackage("io.netspec.engine.model")).isTrue();
        assertThat(production.containPackage("io.netspec.engine.load")).isTrue();
        assertThat(production.containPackage("io.netspec.engine.connectivity")).isTrue();
        for (String rulesPackage : List.of(
                "findings",
                "version",
                "rules",
                "rules.facts",
                "rules.packs",
                "rules.runtime",
                "rules.check",
                "rules.tooling",
                "report")) {
            assertThat(production.containPackage("io.netspec.engine." + rulesPackage))
                    .as(rulesPackage)
                    .isTrue();
        }
        assertThat(production.containPackage("io.netspec.cli")).isTrue();
        assertThat(production.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.contains("archviolation"));
    }

    static final ArchRule FABRIC8_ONLY_IN_THE_CLUSTER_MODULE = noClasses()
            .that()
            .resideOutsideOfPackage("io.netspec.cluster..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.fabric8..", "io.netspec.cluster..")
            .because("--cluster is reached through ServiceLoader only, so that file-based commands never load fabric8");

    @Test
    void fabric8StaysInTheClusterModule() {
        assertThat(production.containPackage("io.netspec.cluster")).isTrue();
        FABRIC8_ONLY_IN_THE_CLUSTER_MODULE.check(production);
    }

    @Test
    void enginePackagesAreLayered() {
        ENGINE_LAYERS.check(production);
    }

    @Test
    void textHelpersDependOnNothingOfNetspec() {
        assertThat(production.containPackage("io.netspec.engine.text")).isTrue();
        TEXT_AT_THE_BOTTOM.check(production);
    }

    @Test
    void engineDependsOnNoOtherModule() {
        ENGINE_STANDS_ALONE.check(production);
    }

    @Test
    void rulesDependOnTheEngineOnly() {
        RULES_BELOW_FEATURES.check(production);
    }

    @Test
    void featuresDoNotDependOnTheCli() {
        FEATURES_BELOW_CLI.check(production);
    }

    /** The rules above are not vacuous: they catch classes written to break them. */
    @Test
    void theRulesCatchDeliberateViolations() {
        assertThat(ENGINE_LAYERS.evaluate(importOf(LoadUsingConnectivity.class)).hasViolation())
                .isTrue();
        assertThat(ENGINE_LAYERS.evaluate(importOf(ConnectivityUsingLoad.class)).hasViolation())
                .isTrue();
        assertThat(ENGINE_LAYERS.evaluate(importOf(ModelUsingLoad.class)).hasViolation())
                .isTrue();
        assertThat(ENGINE_LAYERS
                        .evaluate(importOf(ReportUsingRuleRuntime.class))
                        .hasViolation())
                .isTrue();
        assertThat(ENGINE_LAYERS
                        .evaluate(importOf(VocabularyUsingRuntime.class))
                        .hasViolation())
                .isTrue();
        assertThat(ENGINE_LAYERS.evaluate(importOf(PacksUsingRuntime.class)).hasViolation())
                .isTrue();
        assertThat(RULES_BELOW_FEATURES.evaluate(importOf(RulesUsingCli.class)).hasViolation())
                .isTrue();
        assertThat(ENGINE_STANDS_ALONE.evaluate(importOf(ReportUsingCli.class)).hasViolation())
                .isTrue();
        assertThat(FEATURES_BELOW_CLI.evaluate(importOf(FeaturesUsingCli.class)).hasViolation())
                .isTrue();
        // and only those: a layering slip inside the engine is not a module-order violation
        assertThat(ENGINE_STANDS_ALONE.evaluate(importOf(ModelUsingLoad.class)).hasViolation())
                .isFalse();
    }

    private static JavaClasses importOf(Class<?> violator) {
        return new ClassFileImporter().importClasses(violator);
    }
}
