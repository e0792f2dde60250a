package io.netspec.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@code matchExpressions} entry of a label selector. */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    public enum Operator {
        IN("In"),
        NOT_IN("NotIn"),
        EXISTS("Exists"),
        DOES_NOT_EXIST("DoesNotExist");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Operator> fromWire(String text) {
            for (Operator op : values()) {
                if (op.wireName.equals(text)) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
    }

    public LabelRequirement {
        values = List.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }

    @Override
    public String toString() {
        return switch (operator) {
            case IN -> key + " in (" + String.join(",", values) + ")";
            case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
        };
    }
}
