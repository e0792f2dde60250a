package io.netspec.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one "did you mean" rule: what counts as near, and in which order near names come. */
class SuggestionsTest {

    @Test
    void distanceCountsEditsAndANeighbourSwapAsOne() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("web", "wbe")).isEqualTo(1);
        assertThat(Suggestions.distance("host-netwrok", "host-network")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }

    @Test
    void nearMeansContainedOrWithinAThirdOfTheLongerNameAtLeastTwo() {
        assertThat(Suggestions.isNear("redis", "redis-ha")).as("contained").isTrue();
        assertThat(Suggestions.isNear("API", "api")).as("case ignored").isTrue();
        assertThat(Suggestions.isNear("db", "dc")).as("short names get 2 edits").isTrue();
        assertThat(Suggestions.isNear("shop-backnd", "shop-backend")).isTrue();
        assertThat(Suggestions.isNear("postgres", "redis")).isFalse();
        assertThat(Suggestions.isNear("", "anything")).isFalse();
    }

    @Test
    void closestFirstTiesByNameAndOnlyPlausible() {
        assertThat(Suggestions.closest("redis", List.of("redis-ha", "rediss", "postgres"), 3))
                .containsExactly("rediss", "redis-ha");
        assertThat(Suggestions.closest("web", List.of("wbe", "veb", "db", "web-2"), 2))
                .containsExactly("veb", "wbe");
        assertThat(Suggestions.nearest("moon", List.of("deployment", "namespace")))
                .isEmpty();
    }

    @Test
    void aCandidateWrittenSeveralWaysCountsByItsNearestForm() {
        record Workload(String ns, String name) {}
        List<Workload> near = Suggestions.closest(
                "wbe",
                List.of(new Workload("ops", "mon"), new Workload("shop", "web")),
                w -> List.of(w.ns() + "/" + w.name(), w.name()),
                3);
        assertThat(near).containsExactly(new Workload("shop", "web"));
    }
}
