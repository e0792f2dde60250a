package io.netspec.features.reference;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the candidates closest to a misspelt name, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * Up to {@code limit} candidates, closest first, among those within a distance that still
     * reads as a typo (a third of the longer word, at least 2), or containing the wanted text.
     */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        return candidates.stream().distinct()
                .filter(c -> isNear(wanted, c))
                .sorted(Comparator.comparingInt((String c) -> distance(wanted, c)).thenComparing(c -> c))
                .limit(limit)
                .toList();
    }

    static boolean isNear(String wanted, String candidate) {
        String a = wanted.toLowerCase(java.util.Locale.ROOT);
        String b = candidate.toLowerCase(java.util.Locale.ROOT);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return b.contains(a) || a.contains(b) || distance(a, b) <= Math.max(2, Math.max(a.length(), b.length()) / 3);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
