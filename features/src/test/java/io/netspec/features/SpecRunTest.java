package io.netspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A spec run: its settings come as values, its caches are its own, and its binding ends with it. */
class SpecRunTest {

    @Test
    void theBuildsPropertiesWinOverTheEnvironment() {
        SpecRun.Settings s = SpecRun.fromConfiguration(
                Map.of("netspec.manifests", "k8s" + File.pathSeparator + "extra.yaml", "netspec.namespace", "shop"),
                Map.of(
                        "NETSPEC_MANIFESTS",
                        "ignored",
                        "NETSPEC_RULES",
                        "packs/org",
                        "NETSPEC_CONFIG",
                        "ci/.netspec.yaml"));
        assertThat(s.manifests()).containsExactly(Path.of("k8s"), Path.of("extra.yaml"));
        assertThat(s.rulePacks()).containsExactly(Path.of("packs/org"));
        assertThat(s.config()).contains(Path.of("ci/.netspec.yaml"));
        assertThat(s.namespace()).isEqualTo("shop");
        assertThat(SpecRun.fromConfiguration(Map.of(), Map.of())).isEqualTo(SpecRun.Settings.DEFAULTS);
    }

    @Test
    void aRunIsBoundOnlyWhileItRunsAndOwnsItsCaches() {
        SpecRun one =
                SpecRun.of(new SpecRun.Settings(List.of(Path.of("a")), List.of(), Optional.empty(), "x", List.of()));
        SpecRun two = SpecRun.of(SpecRun.Settings.DEFAULTS);
        assertThat(one.during(SpecRun::current)).isSameAs(one);
        assertThat(one.during(() -> two.during(SpecRun::current))).isSameAs(two);
        assertThat(SpecRun.current()).isNotSameAs(one).isNotSameAs(two);
        int[] loads = {0};
        one.loaded("k", () -> {
            loads[0]++;
            return null;
        });
        assertThat(loads[0]).isEqualTo(1);
        one.compiled(List.of(), key -> null);
        two.loaded("k", () -> {
            loads[0]++;
            return null;
        });
        assertThat(loads[0])
                .as("another run loads again: nothing is shared across runs")
                .isEqualTo(2);
    }

    @Test
    void theHookBeginsARunOnlyWhenNoneIsBoundAndEndsOnlyItsOwn() {
        SpecRun bound = SpecRun.of(SpecRun.Settings.DEFAULTS);
        bound.during(() -> {
            SpecRun.beginUnlessBound(() -> SpecRun.Settings.DEFAULTS);
            assertThat(SpecRun.current()).isSameAs(bound);
            SpecRun.endIfBegunByHook();
            assertThat(SpecRun.current()).isSameAs(bound);
            return null;
        });
        SpecRun.Settings shop = new SpecRun.Settings(List.of(), List.of(), Optional.empty(), "shop", List.of());
        SpecRun.beginUnlessBound(() -> shop);
        try {
            assertThat(SpecRun.current().settings()).isEqualTo(shop);
            assertThat(SpecRun.current()).isSameAs(SpecRun.current());
        } finally {
            SpecRun.endIfBegunByHook();
        }
        assertThat(SpecRun.current().settings()).isEqualTo(SpecRun.Settings.DEFAULTS);
    }
}
