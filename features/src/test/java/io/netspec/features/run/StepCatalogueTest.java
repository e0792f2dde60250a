package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterType;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Ports;
import io.netspec.features.reference.Reference;
import io.netspec.features.steps.ClusterSteps;
import io.netspec.features.steps.ConnectivitySteps;
import io.netspec.features.steps.FindingSteps;
import io.netspec.features.steps.ParameterTypes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The catalogue and the step definitions agree: every example runs, every step is listed. */
class StepCatalogueTest {

    static final List<Class<?>> STEP_CLASSES = List.of(ClusterSteps.class, ConnectivitySteps.class, FindingSteps.class);

    static List<String> definedExpressions() {
        List<String> out = new ArrayList<>();
        for (Class<?> type : STEP_CLASSES) {
            for (Method m : type.getMethods()) {
                for (Given g : m.getAnnotationsByType(Given.class)) {
                    out.add(g.value());
                }
                for (When w : m.getAnnotationsByType(When.class)) {
                    out.add(w.value());
                }
                for (Then t : m.getAnnotationsByType(Then.class)) {
                    out.add(t.value());
                }
            }
        }
        return out;
    }

    static ParameterTypeRegistry registry() {
        ParameterTypeRegistry registry = new ParameterTypeRegistry(Locale.ENGLISH);
        registry.defineParameterType(
                new ParameterType<>("workload", Reference.PATTERN, Reference.class, (String s) -> Reference.parse(s)));
        registry.defineParameterType(
                new ParameterType<>("port", PortSpec.PATTERN, Ports.class, (String s) -> PortSpec.parseList(s)));
        registry.defineParameterType(
                new ParameterType<>("direction", ParameterTypes.DIRECTION, String.class, (String s) -> s));
        return registry;
    }

    @Test
    void everyStepDefinitionIsListed() {
        List<String> listed = StepCatalogue.standard().steps().stream()
                .map(StepCatalogue.Entry::expression)
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(definedExpressions());
    }

    @Test
    void everyExampleMatchesItsOwnExpressionAndNoOther() {
        ParameterTypeRegistry registry = registry();
        for (StepCatalogue.Entry entry : StepCatalogue.standard().steps()) {
            String text = StepCatalogue.stripKeyword(entry.example());
            List<String> matching = definedExpressions().stream()
                    .filter(e ->
                            new ExpressionFactory(registry).createExpression(e).match(text) != null)
                    .toList();
            assertThat(matching).as(entry.example()).containsExactly(entry.expression());
            // and the arguments convert, i.e. the example's references and ports parse
            new ExpressionFactory(registry)
                    .createExpression(entry.expression())
                    .match(text)
                    .forEach(a -> assertThat(a.getValue()).isNotNull());
        }
    }

    @Test
    void anUndefinedStepGetsTheClosestStep() {
        StepCatalogue catalogue = StepCatalogue.standard();
        assertThat(catalogue.closest("Then deployment \"a\" in \"b\" can talk to deployment \"c\" in \"d\" on port 80"))
                .map(StepCatalogue.Entry::expression)
                .contains("{workload} can/must/should reach {workload} on {port}");
        assertThat(catalogue.closest("Then deployment \"a\" in \"b\" is isolated for ingres"))
                .map(StepCatalogue.Entry::expression)
                .contains("{workload} is isolated for {direction}");
        assertThat(catalogue.closest("Given the manifest in \"k8s\""))
                .map(StepCatalogue.Entry::expression)
                .contains("the manifests in {string}");
    }

    @Test
    void theListingShowsEveryExpressionWithAnExample() {
        String listing = StepCatalogue.standard().render();
        for (StepCatalogue.Entry e : StepCatalogue.standard().entries()) {
            assertThat(listing)
                    .contains(e.expression())
                    .contains(e.example().lines().findFirst().orElseThrow());
        }
    }

    /** Synonyms and misspelt verbs lead to the step worded like them; a wrong reference or port is named. */
    @Test
    void anUndefinedStepIsTaughtWhatIsWrongWithIt() {
        StepCatalogue catalogue = StepCatalogue.standard();
        assertThat(catalogue.closest("Then deployment \"a\" in \"b\" can't reach deployment \"c\" in \"d\""))
                .map(StepCatalogue.Entry::expression)
                .contains("{workload} cannot/can't/can’t reach {workload}");
        assertThat(catalogue.closest(
                        "Then deployment \"a\" in \"b\" may not reach deployment \"c\" in \"d\" on port 5"))
                .map(StepCatalogue.Entry::expression)
                .get()
                .isIn(
                        "{workload} cannot/can't/can’t reach {workload} on {port}",
                        "{workload} can/must/should not reach {workload} on {port}");
        // two closest, no synonym of the first among them
        List<String> near = catalogue.closest("Then the frontend can reach the internet on port 443", 2).stream()
                .map(StepCatalogue.Entry::expression)
                .toList();
        assertThat(near).first().isEqualTo("{workload} can/must/should reach {workload} on {port}");
        assertThat(near).doesNotContain("{workload} must not reach {workload} on {port}");

        assertThat(catalogue.unknownParts("Then the frontend can reach the internet on port 443"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("not a reference: the frontend; write ")
                .contains("namespace \"NS\"");
        assertThat(catalogue.unknownParts("Then deployment \"a\" in \"b\" can reach ip \"8.8.8.8\""))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("not a reference: ip \"8.8.8.8\"; write cidr \"8.8.8.8\", or ");
        assertThat(catalogue.unknownParts("Then deployment \"a\" in \"b\" cannot reach the internet on port TCP 22"))
                .containsExactly("not a port: port TCP 22; write port 5432, port 53/UDP, UDP port 53, ports 8000-8100"
                        + " or port NAME");
        assertThat(catalogue.unknownParts("Then deployment \"a\" in \"b\" can reach the internet"))
                .isEmpty();
        assertThat(catalogue.closest("Then deployment \"a\" in \"b\" is allowed to reach deployment \"c\" in \"d\""))
                .map(StepCatalogue.Entry::expression)
                .contains("{workload} can/must/should reach {workload}");
        assertThat(catalogue.unknownParts("Then the moon is made of cheese")).isEmpty();
    }
}
