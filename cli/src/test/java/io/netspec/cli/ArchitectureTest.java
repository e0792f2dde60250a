package io.netspec.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.netspec.engine.connectivity.archviolation.ConnectivityUsingLoad;
import io.netspec.engine.load.archviolation.LoadUsingConnectivity;
import io.netspec.engine.model.archviolation.ModelUsingLoad;
import io.netspec.engine.report.archviolation.ReportUsingCli;
import io.netspec.features.archviolation.FeaturesUsingCli;
import io.netspec.rules.archviolation.RulesUsingCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the dependencies pointing one way: engine <- rules <- features <- cli between modules,
 * and inside the engine model <- {load, connectivity} <- rules <- report, with load and
 * connectivity independent of each other. It lives in the cli module because only here are
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

    static final ArchRule ENGINE_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // rules and report are still empty while the engine grows
            .layer("model").definedBy("io.netspec.engine.model..")
            .layer("load").definedBy("io.netspec.engine.load..")
            .layer("connectivity").definedBy("io.netspec.engine.connectivity..")
            .layer("rules").definedBy("io.netspec.engine.rules..")
            .layer("report").definedBy("io.netspec.engine.report..")
            .whereLayer("model").mayNotAccessAnyLayer()
            .whereLayer("load").mayOnlyAccessLayers("model")
            .whereLayer("connectivity").mayOnlyAccessLayers("model")
            .whereLayer("rules").mayOnlyAccessLayers("model", "load", "connectivity")
            .whereLayer("report").mayNotBeAccessedByAnyLayer()
            .because("the engine's packages follow the pipeline (DESIGN.md)");

    static final ArchRule ENGINE_STANDS_ALONE = noClasses().that().resideInAPackage("io.netspec.engine..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.netspec.rules..", "io.netspec.features..", "io.netspec.cli..", "io.netspec.bench..")
            .because("engine is the bottom module")
            .allowEmptyShould(true);

    static final ArchRule RULES_BELOW_FEATURES = noClasses().that().resideInAPackage("io.netspec.rules..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.netspec.features..", "io.netspec.cli..", "io.netspec.bench..")
            .because("rule packs depend on the engine only")
            .allowEmptyShould(true);

    static final ArchRule FEATURES_BELOW_CLI = noClasses().that().resideInAPackage("io.netspec.features..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netspec.cli..", "io.netspec.bench..")
            .because("the step library is used by the CLI, not the other way round")
            .allowEmptyShould(true);

    @Test
    void importsTheClassesOfEveryModuleOnTheClasspath() {
        assertThat(production.containPackage("io.netspec.engine.model")).isTrue();
        assertThat(production.containPackage("io.netspec.engine.load")).isTrue();
        assertThat(production.containPackage("io.netspec.engine.connectivity")).isTrue();
        assertThat(production.containPackage("io.netspec.cli")).isTrue();
        assertThat(production.stream().map(JavaClass::getPackageName))
                .noneMatch(p -> p.contains("archviolation"));
    }

    static final ArchRule FABRIC8_ONLY_IN_THE_CLUSTER_MODULE = noClasses().that()
            .resideOutsideOfPackage("io.netspec.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.netspec.cluster..")
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
        assertThat(ENGINE_LAYERS.evaluate(importOf(LoadUsingConnectivity.class)).hasViolation()).isTrue();
        assertThat(ENGINE_LAYERS.evaluate(importOf(ConnectivityUsingLoad.class)).hasViolation()).isTrue();
        assertThat(ENGINE_LAYERS.evaluate(importOf(ModelUsingLoad.class)).hasViolation()).isTrue();
        assertThat(RULES_BELOW_FEATURES.evaluate(importOf(RulesUsingCli.class)).hasViolation()).isTrue();
        assertThat(ENGINE_STANDS_ALONE.evaluate(importOf(ReportUsingCli.class)).hasViolation()).isTrue();
        assertThat(FEATURES_BELOW_CLI.evaluate(importOf(FeaturesUsingCli.class)).hasViolation()).isTrue();
        // and only those: a layering slip inside the engine is not a module-order violation
        assertThat(ENGINE_STANDS_ALONE.evaluate(importOf(ModelUsingLoad.class)).hasViolation()).isFalse();
    }

    private static JavaClasses importOf(Class<?> violator) {
        return new ClassFileImporter().importClasses(violator);
    }
}
