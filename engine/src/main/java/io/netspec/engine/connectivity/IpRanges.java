package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.Intervals.Op;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.IpBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * An immutable set of IPv4 addresses: sorted, disjoint, maximal inclusive intervals of unsigned
 * 32-bit values. IPv6 CIDRs are ignored (NetworkPolicy ipBlocks here only cut the IPv4 space).
 */
public final class IpRanges {

    public static final long MAX_ADDRESS = 0xFFFF_FFFFL;
    public static final IpRanges EMPTY = new IpRanges(Intervals.EMPTY);
    public static final IpRanges ALL = range(0L, MAX_ADDRESS);

    /**
     * Flattened {@code first0, last0, first1, last1, ...}, each address stored as {@link #key}: an
     * int whose signed order is the addresses' unsigned order, so {@link Intervals} sweeps them as
     * it sweeps ports.
     */
    private final int[] bounds;

    private IpRanges(int[] bounds) {
        this.bounds = bounds;
    }

    /** Address 0 maps to {@code Integer.MIN_VALUE}, 2^32-1 to {@code Integer.MAX_VALUE}. */
    private static int key(long address) {
        return (int) address ^ Integer.MIN_VALUE;
    }

    private static long address(int key) {
        return (key ^ Integer.MIN_VALUE) & MAX_ADDRESS;
    }

    private static IpRanges range(long first, long last) {
        return new IpRanges(new int[] {key(first), key(last)});
    }

    /** The addresses of an ipBlock: its CIDR minus every except range. */
    public static IpRanges of(IpBlock block) {
        if (block.cidr().ipv6()) {
            return EMPTY;
        }
        IpRanges out = range(block.cidr().first(), block.cidr().last());
        for (Cidr except : block.except()) {
            if (!except.ipv6()) {
                out = out.minus(range(except.first(), except.last()));
            }
        }
        return out;
    }

    /** The addresses of an IPv4 CIDR; empty for IPv6. */
    public static IpRanges of(Cidr cidr) {
        return cidr.ipv6() ? EMPTY : range(cidr.first(), cidr.last());
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public IpRanges union(IpRanges other) {
        return combine(other, Op.UNION);
    }

    public IpRanges minus(IpRanges other) {
        return combine(other, Op.MINUS);
    }

    private IpRanges combine(IpRanges other, Op op) {
        int[] r = Intervals.combine(bounds, other.bounds, op);
        return r == bounds ? this : r == other.bounds ? other : r.length == 0 ? EMPTY : new IpRanges(r);
    }

    /** True when every address {@code first..last} is in this set. */
    public boolean containsRange(long first, long last) {
        int f = key(first);
        int l = key(last);
        int lo = 0;
        int hi = bounds.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid + 1] < f) {
                lo = mid + 1;
            } else if (bounds[2 * mid] > f) {
                hi = mid - 1;
            } else {
                return l <= bounds[2 * mid + 1];
            }
        }
        return false;
    }

    public boolean contains(long address) {
        return containsRange(address, address);
    }

    /** True when every address of {@code other} is in this set. */
    public boolean containsAll(IpRanges other) {
        return other.minus(this).isEmpty();
    }

    /** True when some address is in both sets. */
    public boolean intersects(IpRanges other) {
        return !other.minus(this).equals(other);
    }

    /** The interval starts and ends+1 of this set, for cutting the address space. */
    void addBoundaries(Collection<Long> out) {
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(address(bounds[i]));
            out.add(address(bounds[i + 1]) + 1);
        }
    }

    List<long[]> intervals() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new long[] {address(bounds[i]), address(bounds[i + 1])});
        }
        return out;
    }

    /** True when this set holds every IPv4 address. */
    public boolean isAll() {
        return bounds.length == 2 && bounds[0] == Integer.MIN_VALUE && bounds[1] == Integer.MAX_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRanges r && Arrays.equals(bounds, r.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(Ipv4.format(address(bounds[i]))).append('-').append(Ipv4.format(address(bounds[i + 1])));
        }
        return sb.toString();
    }
}
