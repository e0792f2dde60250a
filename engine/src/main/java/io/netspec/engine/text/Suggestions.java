package io.netspec.engine.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Did you mean": the one edit distance and the one rule for when a name is close enough to offer,
 * used by every name netspec suggests (spec references, finding steps, rule ids in waivers and config,
 * unknown {@code --from}/{@code --to} workloads). An undefined step ranks the defined steps by the same
 * distance but always names the nearest (see {@code StepCatalogue.closest}).
 *
 * <p>The distance is optimal string alignment: Levenshtein plus a swap of two neighbouring characters
 * as one edit, since a swap is the commonest typo ({@code wbe} for {@code web}, {@code netwrok}). A
 * candidate is offered when it reads as a typo of what was written: case ignored, one contains the
 * other, or they are within a third of the longer one's length (at least 2 edits, so short names
 * still get a suggestion). Of the three rules this replaces (a third of the wanted id, a third of the
 * longer word, no cut-off at all) this is the one that neither drops a plausible name nor offers an
 * arbitrary one.
 */
public final class Suggestions {

    private Suggestions() {}

    /** Up to {@code limit} near candidates, closest first, ties by name. */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        return closest(wanted, candidates.stream().sorted().toList(), List::of, limit);
    }

    /**
     * Up to {@code limit} near candidates, closest first (ties in the candidates' order), where each
     * candidate may be written several ways ({@code names}: a workload as {@code ns/name[Kind]} and
     * {@code ns/name}) and counts by its nearest.
     */
    public static <T> List<T> closest(
            String wanted, Collection<T> candidates, Function<T, List<String>> names, int limit) {
        return candidates.stream()
                .distinct()
                .filter(c -> names.apply(c).stream().anyMatch(n -> isNear(wanted, n)))
                .sorted(Comparator.comparingInt((T c) -> nearest(wanted, names.apply(c))))
                .limit(limit)
                .toList();
    }

    /** The one nearest candidate, if any is near. */
    public static Optional<String> nearest(String wanted, Collection<String> candidates) {
        return closest(wanted, candidates, 1).stream().findFirst();
    }

    /** Whether {@code candidate} reads as a typo of {@code wanted} (the rule in the class comment). */
    public static boolean isNear(String wanted, String candidate) {
        String a = wanted.toLowerCase(Locale.ROOT);
        String b = candidate.toLowerCase(Locale.ROOT);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        return b.contains(a) || a.contains(b) || distance(a, b) <= Math.max(2, Math.max(a.length(), b.length()) / 3);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and neighbour swaps, one edit each. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static int nearest(String wanted, List<String> names) {
        String a = wanted.toLowerCase(Locale.ROOT);
        return names.stream()
                .mapToInt(n -> distance(a, n.toLowerCase(Locale.ROOT)))
                .min()
                .orElse(Integer.MAX_VALUE);
    }
}
