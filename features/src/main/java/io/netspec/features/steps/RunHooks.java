package io.netspec.features.steps;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.netspec.features.SpecRun;

/**
 * Specs run by another runner than netspec's (the JUnit Platform, an IDE) get a run of their own,
 * from the environment variables, for the length of the Cucumber execution; under netspec's runner
 * the run it bound is used and left alone.
 */
public final class RunHooks {

    private RunHooks() {
    }

    @BeforeAll
    public static void beginRun() {
        SpecRun.beginUnlessBound(System.getenv());
    }

    @AfterAll
    public static void endRun() {
        SpecRun.endIfBegunByHook();
    }
}
