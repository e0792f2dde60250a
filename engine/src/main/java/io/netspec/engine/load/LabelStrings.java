package io.netspec.engine.load;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The label keys, label values and other recurring names (namespaces, kinds, port names) of one
 * load, each kept once. A realistic cluster repeats a few hundred such strings on tens of thousands
 * of objects: each distinct label string is validated once, and every fact shares one instance of
 * each string (less memory, and {@code equals} between facts is mostly a pointer comparison). Shared
 * by the files of a load, which are read in parallel.
 *
 * <p>Only valid strings are remembered, so an invalid one is reported wherever it occurs. Past
 * {@link #MAX_ENTRIES} distinct strings per table nothing more is remembered: strings are still
 * validated, only no longer shared.
 */
final class LabelStrings {

    static final int MAX_ENTRIES = 1 << 16;

    private final ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

    /** The shared instance of a valid label key; null when {@code key} is invalid. */
    String validKey(String key) {
        String known = keys.get(key);
        if (known != null) {
            return known;
        }
        return K8sSyntax.isLabelKey(key) ? remember(keys, key) : null;
    }

    /** The shared instance of a valid label value; null when {@code value} is invalid. */
    String validValue(String value) {
        String known = values.get(value);
        if (known != null) {
            return known;
        }
        return K8sSyntax.isLabelValue(value) ? remember(values, value) : null;
    }

    /** The shared instance of a name that recurs across objects (a namespace, kind, port name), valid or not. */
    String name(String name) {
        String known = names.get(name);
        return known != null ? known : remember(names, name);
    }

    private static String remember(ConcurrentHashMap<String, String> table, String s) {
        if (table.size() >= MAX_ENTRIES) {
            return s;
        }
        String earlier = table.putIfAbsent(s, s);
        return earlier == null ? s : earlier;
    }
}
