package io.netspec.engine.connectivity;

import java.util.Arrays;

/**
 * The one boundary sweep behind {@link ConnectionSet} (ports, ICMP keys, protocol numbers) and
 * {@link IpRanges} (IPv4 addresses). A list is a flattened {@code int[]} of inclusive intervals
 * {@code from0, to0, from1, to1, ...}: sorted, disjoint and maximal (no two touch). Callers with
 * values beyond {@code int} (IPv4 addresses) store them shifted by an order-preserving bias, so
 * one primitive sweep serves both without boxing or a second copy.
 */
final class Intervals {

    static final int[] EMPTY = new int[0];

    enum Op {
        UNION,
        INTERSECT,
        MINUS
    }

    private Intervals() {}

    /**
     * {@code a op b}. Returns an input unchanged (same array) where the result equals it, so
     * callers can keep identity fast paths; otherwise a new exact-length array.
     */
    static int[] combine(int[] a, int[] b, Op op) {
        if (b.length == 0) {
            return op == Op.INTERSECT ? b : a;
        }
        if (a.length == 0) {
            return op == Op.UNION ? b : a;
        }
        // Boundary events on half-open intervals [from, to + 1), in long so that to + 1 cannot overflow.
        // Each list contributes at most one more output interval than it has, hence the size.
        int[] out = new int[a.length + b.length + 2];
        int n = 0;
        int ia = 0;
        int ib = 0;
        boolean inA = false;
        boolean inB = false;
        boolean inOut = false;
        int start = 0;
        while (ia < a.length || ib < b.length) {
            long pa = ia < a.length ? (ia % 2 == 0 ? a[ia] : a[ia] + 1L) : Long.MAX_VALUE;
            long pb = ib < b.length ? (ib % 2 == 0 ? b[ib] : b[ib] + 1L) : Long.MAX_VALUE;
            long p = Math.min(pa, pb);
            if (pa == p) {
                inA = ia % 2 == 0;
                ia++;
            }
            if (pb == p) {
                inB = ib % 2 == 0;
                ib++;
            }
            boolean now = switch (op) {
                case UNION -> inA || inB;
                case INTERSECT -> inA && inB;
                case MINUS -> inA && !inB;
            };
            if (now && !inOut) {
                // An interval opens only at a value inside a or b, so p fits an int here.
                start = (int) p;
            } else if (!now && inOut) {
                out[n++] = start;
                out[n++] = (int) (p - 1);
            }
            inOut = now;
        }
        return n == 0 ? EMPTY : Arrays.copyOf(out, n);
    }
}
