package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.Intervals.Op;
import io.netspec.engine.model.Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shared boundary sweep against a naive model: a set of points. Lists are drawn from a small
 * window of {@link #WIDTH} values placed at the bottom, middle or top of the int range, so the
 * to + 1 overflow at {@code Integer.MAX_VALUE} and the IPv4 bias at both ends are exercised.
 */
class IntervalsPropertiesTest {

    private static final int WIDTH = 40;

    @Property(tries = 600)
    void sweepAgreesWithPointSets(
            @ForAll("points") Set<Integer> a,
            @ForAll("points") Set<Integer> b,
            @ForAll("bases") int base,
            @ForAll Op op) {
        BitSet expected = bits(a);
        switch (op) {
            case UNION -> expected.or(bits(b));
            case INTERSECT -> expected.and(bits(b));
            case MINUS -> expected.andNot(bits(b));
        }
        int[] result = Intervals.combine(intervals(a, base), intervals(b, base), op);
        assertThat(result).containsExactly(intervals(expected, base));
    }

    /** IpRanges keeps its unsigned-address behaviour on top of the biased int sweep. */
    @Property(tries = 300)
    void ipRangesAgreeWithPointSets(
            @ForAll("points") Set<Integer> a, @ForAll("points") Set<Integer> b, @ForAll("addressBases") long base) {
        BitSet union = bits(a);
        union.or(bits(b));
        BitSet minus = bits(a);
        minus.andNot(bits(b));
        IpRanges ra = ranges(bits(a), base);
        IpRanges rb = ranges(bits(b), base);
        assertThat(ra.intervals()).containsExactlyElementsOf(addressIntervals(bits(a), base));
        assertThat(ra.union(rb).intervals()).containsExactlyElementsOf(addressIntervals(union, base));
        assertThat(ra.minus(rb).intervals()).containsExactlyElementsOf(addressIntervals(minus, base));
        for (int i = 0; i < WIDTH; i++) {
            assertThat(ra.union(rb).contains(base + i))
                    .as("contains %s", base + i)
                    .isEqualTo(union.get(i));
        }
    }

    @Provide
    Arbitrary<Set<Integer>> points() {
        return Arbitraries.integers().between(0, WIDTH - 1).set().ofMaxSize(WIDTH);
    }

    @Provide
    Arbitrary<Integer> bases() {
        return Arbitraries.of(0, Integer.MIN_VALUE, -WIDTH / 2, Integer.MAX_VALUE - WIDTH + 1);
    }

    @Provide
    Arbitrary<Long> addressBases() {
        return Arbitraries.of(0L, 0x7FFF_FFF0L, IpRanges.MAX_ADDRESS - WIDTH + 1);
    }

    private static BitSet bits(Set<Integer> points) {
        BitSet out = new BitSet(WIDTH);
        points.forEach(out::set);
        return out;
    }

    private static int[] intervals(Set<Integer> points, int base) {
        return intervals(bits(points), base);
    }

    /** The maximal intervals of a point set, shifted by base, flattened. */
    private static int[] intervals(BitSet points, int base) {
        int[] out = new int[WIDTH + 1];
        int n = 0;
        for (int from = points.nextSetBit(0); from >= 0; from = points.nextSetBit(from)) {
            int to = points.nextClearBit(from);
            out[n++] = base + from;
            out[n++] = base + (to - 1);
            from = to;
        }
        return Arrays.copyOf(out, n);
    }

    /** Built from the model's intervals, each a Cidr-like range (bounds need not be aligned here). */
    private static IpRanges ranges(BitSet points, long base) {
        IpRanges out = IpRanges.EMPTY;
        for (long[] range : addressIntervals(points, base)) {
            out = out.union(IpRanges.of(new Cidr("test", false, range[0], range[1])));
        }
        return out;
    }

    private static List<long[]> addressIntervals(BitSet points, long base) {
        List<long[]> out = new ArrayList<>();
        int[] relative = intervals(points, 0);
        for (int i = 0; i < relative.length; i += 2) {
            out.add(new long[] {base + relative[i], base + relative[i + 1]});
        }
        return out;
    }
}
