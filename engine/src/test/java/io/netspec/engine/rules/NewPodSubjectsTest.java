package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.Attribute;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LabelMatcher;
import io.netspec.engine.model.Selector;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a subject may select a new unlabelled pod, shape by shape ({@code null}: any namespace). The answers
 * against the evaluator on random clusters are {@link DefaultDenyPropertiesTest}'s.
 */
class NewPodSubjectsTest {

    private static final LabelMatcher APP_WEB = LabelMatcher.of(Selector.of(Map.of("app", "web")));
    private static final LabelMatcher TEAM_A = LabelMatcher.of(Selector.of(Map.of("team", "a")));

    private static EndpointMatch pods(String namespace) {
        return new EndpointMatch.Pods(new EndpointMatch.Named(namespace), LabelMatcher.ALL, true);
    }

    @Test
    void aNamespacedSubjectSelectsOnlyInItsNamespace() {
        assertThat(NewPodSubjects.namespaces(pods("shop"))).containsExactly("shop");
    }

    @Test
    void podsThatNeedALabelAreNeverANewPod() {
        EndpointMatch labelled = new EndpointMatch.Pods(new EndpointMatch.Named("shop"), APP_WEB, true);
        EndpointMatch anywhere = new EndpointMatch.Pods(new EndpointMatch.Labelled(TEAM_A), APP_WEB, false);
        assertThat(NewPodSubjects.namespaces(labelled)).isEmpty();
        assertThat(NewPodSubjects.namespaces(anywhere)).isEmpty();
        assertThat(NewPodSubjects.namespaces(EndpointMatch.NOTHING)).isEmpty();
    }

    @Test
    void namespacesChosenByLabelsOrNotAtAllAreAnyNamespace() {
        EndpointMatch byLabels = new EndpointMatch.Pods(new EndpointMatch.Labelled(TEAM_A), LabelMatcher.ALL, false);
        assertThat(NewPodSubjects.namespaces(byLabels)).isNull();
        assertThat(NewPodSubjects.namespaces(EndpointMatch.ALL)).isNull();
        assertThat(NewPodSubjects.namespaces(new EndpointMatch.Not(pods("shop"))))
                .isNull();
    }

    @Test
    void aPredicateIsNarrowedByItsNecessaryCondition() {
        EndpointMatch where =
                new EndpointMatch.Where("selector", EnumSet.noneOf(Attribute.class), e -> true, pods("shop"));
        EndpointMatch plain = new EndpointMatch.Where("selector", EnumSet.noneOf(Attribute.class), e -> true);
        assertThat(NewPodSubjects.namespaces(where)).containsExactly("shop");
        assertThat(NewPodSubjects.namespaces(plain)).isNull();
    }

    @Test
    void allOfIntersectsAndAnyOfJoins() {
        assertThat(NewPodSubjects.namespaces(new EndpointMatch.AllOf(List.of(pods("a"), EndpointMatch.ALL))))
                .containsExactly("a");
        assertThat(NewPodSubjects.namespaces(new EndpointMatch.AllOf(List.of(pods("a"), pods("b")))))
                .isEmpty();
        assertThat(NewPodSubjects.namespaces(new EndpointMatch.AnyOf(List.of(pods("a"), pods("b")))))
                .containsExactly("a", "b");
        assertThat(NewPodSubjects.namespaces(new EndpointMatch.AnyOf(List.of(pods("a"), EndpointMatch.ALL))))
                .isNull();
    }
}
