package io.netspec.features.steps;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;

/**
 * Which manifests a scenario is about: files and folders relative to the feature file, inline
 * YAML, and what-ifs applied on top.
 */
public final class ClusterSteps {

    private final World world;

    public ClusterSteps(World world) {
        this.world = world;
    }

    @Before(order = 0)
    public void locateFeature(Scenario scenario) {
        world.startScenario(scenario.getUri(), scenario.getLine());
    }

    /** Files or folders (read recursively); several such steps add up. */
    @Given("the manifests in {string}")
    public void theManifestsIn(String path) {
        world.addManifests(path);
    }

    /** Inline YAML (one or more documents). */
    @Given("the manifests:")
    public void theManifests(String yaml) {
        world.addManifestText(yaml);
    }

    /** What-if: objects replace those of the same kind, namespace and name; new ones are added. */
    @When("the manifests in {string} are applied")
    public void theManifestsInAreApplied(String path) {
        world.apply(path);
    }

    /** What-if with inline YAML. */
    @When("these manifests are applied:")
    public void theseManifestsAreApplied(String yaml) {
        world.addManifestText(yaml);
    }
}
