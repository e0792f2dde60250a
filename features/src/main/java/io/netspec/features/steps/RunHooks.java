package io.netspec.features.steps;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.netspec.features.SpecRun;
import java.util.HashMap;
import java.util.Map;

/**
 * Specs run by another runner than netspec's (the JUnit Platform, an IDE) get a run of their own for
 * the length of the Cucumber execution, configured as the build configures the JVM
 * ({@code -Dnetspec.manifests=k8s}, Surefire's {@code systemPropertyVariables}) or by {@code NETSPEC_*}
 * environment variables ({@link SpecRun#fromConfiguration}); under netspec's runner the run it bound
 * is used and left alone.
 */
public final class RunHooks {

    private RunHooks() {}

    @BeforeAll
    public static void beginRun() {
        SpecRun.beginUnlessBound(() -> SpecRun.fromConfiguration(properties(), System.getenv()));
    }

    /** The JVM's system properties, read (never set): the build's configuration of this test run. */
    private static Map<String, String> properties() {
        Map<String, String> out = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> out.put(k, System.getProperty(k)));
        return out;
    }

    @AfterAll
    public static void endRun() {
        SpecRun.endIfBegunByHook();
    }
}
