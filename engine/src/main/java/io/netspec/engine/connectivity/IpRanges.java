package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.IpBlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of IPv4 addresses: sorted, disjoint, maximal inclusive intervals of unsigned
 * 32-bit values. IPv6 CIDRs are ignored (NetworkPolicy ipBlocks here only cut the IPv4 space).
 */
public final class IpRanges {

    public static final long MAX_ADDRESS = 0xFFFF_FFFFL;
    public static final IpRanges EMPTY = new IpRanges(new long[0]);
    public static final IpRanges ALL = new IpRanges(new long[]{0L, MAX_ADDRESS});

    /** Flattened {@code first0, last0, first1, last1, ...}. */
    private final long[] bounds;

    private IpRanges(long[] bounds) {
        this.bounds = bounds;
    }

    /** The addresses of an ipBlock: its CIDR minus every except range. */
    public static IpRanges of(IpBlock block) {
        if (block.cidr().ipv6()) {
            return EMPTY;
        }
        IpRanges out = new IpRanges(new long[]{block.cidr().first(), block.cidr().last()});
        for (Cidr except : block.except()) {
            if (!except.ipv6()) {
                out = out.minus(new IpRanges(new long[]{except.first(), except.last()}));
            }
        }
        return out;
    }

    /** The addresses of an IPv4 CIDR; empty for IPv6. */
    public static IpRanges of(Cidr cidr) {
        return cidr.ipv6() ? EMPTY : new IpRanges(new long[]{cidr.first(), cidr.last()});
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public IpRanges union(IpRanges other) {
        return sweep(other, true);
    }

    public IpRanges minus(IpRanges other) {
        return sweep(other, false);
    }

    private IpRanges sweep(IpRanges other, boolean union) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return union ? other : this;
        }
        long[] a = bounds;
        long[] b = other.bounds;
        long[] out = new long[a.length + b.length + 2];
        int n = 0;
        int ia = 0;
        int ib = 0;
        boolean inA = false;
        boolean inB = false;
        boolean inOut = false;
        long start = 0;
        while (ia < a.length || ib < b.length) {
            long pa = ia < a.length ? (ia % 2 == 0 ? a[ia] : a[ia] + 1) : Long.MAX_VALUE;
            long pb = ib < b.length ? (ib % 2 == 0 ? b[ib] : b[ib] + 1) : Long.MAX_VALUE;
            long p = Math.min(pa, pb);
            if (pa == p) {
                inA = ia % 2 == 0;
                ia++;
            }
            if (pb == p) {
                inB = ib % 2 == 0;
                ib++;
            }
            boolean now = union ? inA || inB : inA && !inB;
            if (now && !inOut) {
                start = p;
            } else if (!now && inOut) {
                out[n++] = start;
                out[n++] = p - 1;
            }
            inOut = now;
        }
        return n == 0 ? EMPTY : new IpRanges(Arrays.copyOf(out, n));
    }

    /** True when every address {@code first..last} is in this set. */
    public boolean containsRange(long first, long last) {
        int lo = 0;
        int hi = bounds.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid + 1] < first) {
                lo = mid + 1;
            } else if (bounds[2 * mid] > first) {
                hi = mid - 1;
            } else {
                return last <= bounds[2 * mid + 1];
            }
        }
        return false;
    }

    public boolean contains(long address) {
        return containsRange(address, address);
    }

    /** The interval starts and ends+1 of this set, for cutting the address space. */
    void addBoundaries(java.util.Collection<Long> out) {
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(bounds[i]);
            out.add(bounds[i + 1] + 1);
        }
    }

    List<long[]> intervals() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new long[]{bounds[i], bounds[i + 1]});
        }
        return out;
    }

    /** True when this set holds every IPv4 address. */
    public boolean isAll() {
        return bounds.length == 2 && bounds[0] == 0 && bounds[1] == MAX_ADDRESS;
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
            sb.append(Ipv4.format(bounds[i])).append('-').append(Ipv4.format(bounds[i + 1]));
        }
        return sb.toString();
    }
}
