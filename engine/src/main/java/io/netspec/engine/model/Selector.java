package io.netspec.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector: matchLabels AND every matchExpression. The empty selector
 * matches everything.
 */
public record Selector(Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

    public static final Selector ALL = new Selector(Map.of(), List.of());

    public Selector {
        matchLabels = Collections.unmodifiableMap(new TreeMap<>(matchLabels));
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static Selector of(Map<String, String> matchLabels) {
        return new Selector(matchLabels, List.of());
    }

    /** True when this selector selects every object (no labels, no expressions). */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement r : matchExpressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** The label keys this selector tests. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(matchLabels.keySet());
        matchExpressions.forEach(r -> keys.add(r.key()));
        return keys;
    }

    /** kubectl's selector syntax, e.g. {@code app=db,tier in (a,b)}; {@code <all>} when empty. */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "<all>";
        }
        List<String> parts = new ArrayList<>();
        matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
        matchExpressions.forEach(r -> parts.add(r.toString()));
        return String.join(",", parts);
    }
}
