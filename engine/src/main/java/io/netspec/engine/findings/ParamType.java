package io.netspec.engine.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The type of a rule parameter, and its value's two spellings: in {@code .netspec.yaml} a YAML value
 * (scalar, sequence or mapping: {@link #accept}), in a rule's {@code @params} default and a fixture's
 * {@code # param:} line a text ({@link #parse}: lists comma-separated, maps {@code key=value,...}).
 * Values are {@code String}, {@code Long}, {@code Boolean}, {@code List<String>} or
 * {@code Map<String, String>}.
 */
public enum ParamType {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    LIST("list"),
    MAP("map");

    private final String wireName;

    ParamType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ParamType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** The value a text spells, or empty when it is not one of this type. */
    public Optional<Object> parse(String text) {
        String t = text.trim();
        return switch (this) {
            case STRING -> Optional.of(t);
            case INTEGER -> integer(t);
            case BOOLEAN -> t.equals("true") || t.equals("false") ? Optional.of(Boolean.valueOf(t)) : Optional.empty();
            case LIST ->
                Optional.of(
                        t.isEmpty()
                                ? List.of()
                                : Arrays.stream(t.split(","))
                                        .map(String::trim)
                                        .filter(s -> !s.isEmpty())
                                        .toList());
            case MAP -> map(t);
        };
    }

    /**
     * The value a YAML value stands for ({@code String} for a scalar, {@code List<String>} for a sequence of
     * scalars, {@code Map<String, String>} for a mapping of scalars), or empty when it is not of this type.
     */
    public Optional<Object> accept(Object yaml) {
        return switch (this) {
            case STRING -> yaml instanceof String s ? Optional.of(s) : Optional.empty();
            case INTEGER, BOOLEAN -> yaml instanceof String s ? parse(s) : Optional.empty();
            case LIST -> yaml instanceof List<?> l ? Optional.of(List.copyOf(l)) : Optional.empty();
            // in the order written: docs and messages print it back (Map.copyOf's order changes from run to run)
            case MAP ->
                yaml instanceof Map<?, ?> m
                        ? Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(m)))
                        : Optional.empty();
        };
    }

    /** The value as {@link #parse} reads it back: for docs and messages. */
    public String format(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** How a value of this type is written in YAML, for error messages. */
    public String expected() {
        return switch (this) {
            case STRING -> "a string";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list of strings";
            case MAP -> "a mapping of strings";
        };
    }

    private static Optional<Object> integer(String t) {
        try {
            return Optional.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> map(String t) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> entries = t.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(t.split(",")));
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return Optional.of(Collections.unmodifiableMap(out));
    }
}
