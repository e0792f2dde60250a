package io.netspec.engine.connectivity;

import io.netspec.engine.model.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Computes and caches the {@link ClassRow}s: what a source class, or an address piece outside
 * the cluster, may send to every destination.
 *
 * <p>Why a row costs less than one cell per class: a side (the source's egress, the
 * destination's ingress) gives every peer class that none of its rules names the same answer
 * as a peer that no selector selects ({@link #NO_CLASS}). So a cell needs computing only when
 * the source's egress rules name the destination, or the destination's ingress rules name the
 * source (found through an inverted index from a class to the ingress profiles naming it) and
 * the source's egress lets unnamed peers through. Every other cell is the source's egress
 * default (per destination named-port signature) intersected with the destination's ingress
 * default: destinations with the same signature and ingress default form one default group,
 * computed once per row. Non-isolated destinations (ingress default everything) are such
 * groups, whatever their size.
 *
 * <p>The cache holds at most {@link #CACHE_CELLS} stored cells in all (or its budget) (least recently used rows
 * go first). A single pair query computes its cell directly; only a source class queried
 * {@link #QUERIES_BEFORE_ROW} times gets its row computed and cached.
 */
final class ClassRows {

    /** A peer class index that no selector selects (BitSet lookups past the end are false). */
    static final int NO_CLASS = Integer.MAX_VALUE;

    static final long CACHE_CELLS = 4_000_000;
    private static final int QUERIES_BEFORE_ROW = 16;

    private final List<WorkloadClass> classes;
    private final List<Endpoint.External> sourcePieces;
    private final List<Endpoint.External> destinationPieces;
    private final UnaryOperator<ConnectionSet> intern;
    private final int signatureCount;

    /** Per class, its default group: same named-port signature and same ingress default. */
    private final int[] groupOf;

    private final int[][] groupClasses;
    private final ConnectionSet[] groupIngress;

    /** Per class, its ingress key (same ingress profile), or -1 when its ingress is open. */
    private final int[] ingressKeyOf;

    private final int[][] keyClasses;
    /** Per class, the ingress keys whose rules name it as a peer. */
    private final int[][] keysNaming;

    private final Map<Integer, ClassRow> cache = new LinkedHashMap<>(16, 0.75f, true);
    private final long cacheBudget;
    private long cachedCells;
    private final int[] pairQueries;

    ClassRows(
            List<WorkloadClass> classes,
            List<Endpoint.External> sourcePieces,
            List<Endpoint.External> destinationPieces,
            int signatureCount,
            UnaryOperator<ConnectionSet> intern,
            long cacheBudget) {
        this.cacheBudget = cacheBudget;
        this.classes = classes;
        this.sourcePieces = sourcePieces;
        this.destinationPieces = destinationPieces;
        this.signatureCount = signatureCount;
        this.intern = intern;
        this.pairQueries = new int[classes.size()];
        int n = classes.size();

        this.groupOf = new int[n];
        Map<GroupKey, Integer> groups = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        List<ConnectionSet> ingressDefaults = new ArrayList<>();
        for (WorkloadClass d : classes) {
            ConnectionSet in = intern.apply(ConnectivityAnalysis.side(d, Direction.INGRESS, NO_CLASS, 0, 0, d));
            int g = groups.computeIfAbsent(new GroupKey(d.portSignature, in), k -> {
                members.add(new ArrayList<>());
                ingressDefaults.add(in);
                return members.size() - 1;
            });
            groupOf[d.index] = g;
            members.get(g).add(d.index);
        }
        this.groupClasses = toArrays(members);
        this.groupIngress = ingressDefaults.toArray(new ConnectionSet[0]);

        this.ingressKeyOf = new int[n];
        Map<IngressKey, Integer> keys = new HashMap<>();
        List<List<Integer>> keyMembers = new ArrayList<>();
        List<BitSet> named = new ArrayList<>();
        for (WorkloadClass d : classes) {
            if (d.ingress == null) {
                ingressKeyOf[d.index] = -1;
                continue;
            }
            int k = keys.computeIfAbsent(new IngressKey(d.ingress), key -> {
                BitSet peers = new BitSet(n);
                d.ingress.addPeerClasses(peers);
                named.add(peers);
                keyMembers.add(new ArrayList<>());
                return keyMembers.size() - 1;
            });
            ingressKeyOf[d.index] = k;
            keyMembers.get(k).add(d.index);
        }
        this.keyClasses = toArrays(keyMembers);
        int[] counts = new int[n];
        for (BitSet peers : named) {
            for (int c = peers.nextSetBit(0); c >= 0 && c < n; c = peers.nextSetBit(c + 1)) {
                counts[c]++;
            }
        }
        this.keysNaming = new int[n][];
        for (int c = 0; c < n; c++) {
            keysNaming[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int k = 0; k < named.size(); k++) {
            BitSet peers = named.get(k);
            for (int c = peers.nextSetBit(0); c >= 0 && c < n; c = peers.nextSetBit(c + 1)) {
                keysNaming[c][counts[c]++] = k;
            }
        }
    }

    private record GroupKey(int signature, ConnectionSet ingressDefault) {}

    /** Profiles compare by identity: classes share them. */
    private record IngressKey(SideProfile ingress) {}

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    int[] groupClasses(int group) {
        return groupClasses[group];
    }

    // ---------------------------------------------------------------- queries

    /** What class {@code source} may send to class {@code destination}. */
    ConnectionSet cell(int source, int destination) {
        synchronized (cache) {
            ClassRow row = cache.get(source);
            if (row != null) {
                return row.toClass(destination);
            }
            if (++pairQueries[source] >= QUERIES_BEFORE_ROW) {
                return row(source).toClass(destination);
            }
        }
        return directCell(classes.get(source), classes.get(destination));
    }

    /** The row of source class {@code source}, cached. */
    ClassRow row(int source) {
        synchronized (cache) {
            ClassRow row = cache.get(source);
            if (row == null) {
                row = computeRow(classes.get(source));
                put(source, row);
            }
            return row;
        }
    }

    /** What the external source piece {@code index} may send to each class (their ingress alone), cached. */
    ClassRow pieceRow(int index) {
        synchronized (cache) {
            ClassRow row = cache.get(-1 - index);
            if (row == null) {
                row = computePieceRow(sourcePieces.get(index));
                put(-1 - index, row);
            }
            return row;
        }
    }

    private void put(int key, ClassRow row) {
        cache.put(key, row);
        cachedCells += row.size();
        var eldest = cache.entrySet().iterator();
        while (cachedCells > cacheBudget && cache.size() > 1) {
            ClassRow evicted = eldest.next().getValue();
            eldest.remove();
            cachedCells -= evicted.size();
        }
    }

    /** The cells the cache holds now. */
    long cachedCells() {
        synchronized (cache) {
            return cachedCells;
        }
    }

    // ---------------------------------------------------------------- computing

    /** The straightforward cell: the source's egress towards the destination, AND the destination's ingress from the source. */
    ConnectionSet directCell(WorkloadClass s, WorkloadClass d) {
        ConnectionSet egress = ConnectivityAnalysis.side(s, Direction.EGRESS, d.index, 0, 0, d);
        if (!egress.isEmpty() && d.ingress != null) {
            egress = egress.intersect(ConnectivityAnalysis.side(d, Direction.INGRESS, s.index, 0, 0, d));
        }
        return intern.apply(egress);
    }

    /** The destination piece cells of a source class, computed one by one (there are few pieces). */
    ConnectionSet directPiece(WorkloadClass s, int piece) {
        Endpoint.External p = destinationPieces.get(piece);
        return intern.apply(ConnectivityAnalysis.side(s, Direction.EGRESS, -1, p.first(), p.last(), null));
    }

    ClassRow computeRow(WorkloadClass s) {
        BitSet explicit = new BitSet(classes.size());
        if (s.egress != null) {
            s.egress.addPeerClasses(explicit);
        }
        // The destinations whose ingress names s matter only when s's egress lets unnamed peers through.
        if (s.egress == null || s.egress.mayAllowUnnamedPeers()) {
            for (int k : keysNaming[s.index]) {
                for (int d : keyClasses[k]) {
                    explicit.set(d);
                }
            }
        }
        int[] indexes = new int[explicit.cardinality()];
        int i = 0;
        for (int d = explicit.nextSetBit(0); d >= 0 && d < classes.size(); d = explicit.nextSetBit(d + 1)) {
            indexes[i++] = d;
        }
        ConnectionSet[] cells = explicitCells(s, indexes);
        ConnectionSet[] egressDefault = new ConnectionSet[signatureCount];
        ConnectionSet[] byGroup = new ConnectionSet[groupClasses.length];
        for (int g = 0; g < byGroup.length; g++) {
            WorkloadClass representative = classes.get(groupClasses[g][0]);
            ConnectionSet egress = egressDefault[representative.portSignature];
            if (egress == null) {
                egress = ConnectivityAnalysis.side(s, Direction.EGRESS, NO_CLASS, 0, 0, representative);
                egressDefault[representative.portSignature] = egress;
            }
            byGroup[g] = intern.apply(egress.isEmpty() ? egress : egress.intersect(groupIngress[g]));
        }
        ConnectionSet[] pieces = new ConnectionSet[destinationPieces.size()];
        for (int p = 0; p < pieces.length; p++) {
            pieces[p] = directPiece(s, p);
        }
        return ClassRow.sparse(indexes, cells, groupOf, byGroup, pieces);
    }

    /**
     * The cells towards the explicit destinations {@code indexes}, one {@link #directCell} per
     * distinct answer: the source's egress tells two destinations apart only by which of its rules
     * name them (found by refining one group by each rule's peer classes, a cost of the rules' peer
     * sets, not rules times destinations) and by their named-port signature; the destination's
     * ingress answers this source alike for classes sharing an ingress profile and signature. So
     * destinations equal in (egress group, ingress key, signature) get the same cell.
     */
    private ConnectionSet[] explicitCells(WorkloadClass s, int[] indexes) {
        ConnectionSet[] cells = new ConnectionSet[indexes.length];
        long radix = classes.size() + 2L;
        if (radix > MAX_RADIX) { // keys would not fit a long: cell by cell
            for (int i = 0; i < indexes.length; i++) {
                cells[i] = directCell(s, classes.get(indexes[i]));
            }
            return cells;
        }
        int[] group = egressGroups(s, indexes);
        Map<Long, ConnectionSet> known = new HashMap<>();
        for (int i = 0; i < indexes.length; i++) {
            WorkloadClass d = classes.get(indexes[i]);
            long key = (group[i] * radix + ingressKeyOf[d.index] + 1) * radix + d.portSignature;
            ConnectionSet cell = known.get(key);
            if (cell == null) {
                cell = directCell(s, d);
                known.put(key, cell);
            }
            cells[i] = cell;
        }
        return cells;
    }

    /** Radix of the cell keys: three numbers below it fit a long. */
    private static final long MAX_RADIX = 2_000_000;

    /**
     * Per explicit destination (aligned with the sorted {@code indexes}), a group number: equal
     * exactly when the same rules of the source's egress name both (rules naming every endpoint
     * name all alike and split nothing).
     */
    private static int[] egressGroups(WorkloadClass s, int[] indexes) {
        int[] group = new int[indexes.length];
        if (s.egress == null) {
            return group;
        }
        int groups = 1;
        int[] split = new int[16];
        int[] touched = new int[16];
        Set<BitSet> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ClassRule[] tier : s.egress.rules) {
            for (ClassRule r : tier) {
                if (r.allEndpoints || !seen.add(r.peerClasses)) {
                    continue; // the same peer set splits the groups no further
                }
                int touchedCount = 0;
                BitSet peers = r.peerClasses;
                for (int c = peers.nextSetBit(0); c >= 0; c = peers.nextSetBit(c + 1)) {
                    int i = Arrays.binarySearch(indexes, c);
                    if (i < 0) {
                        continue; // not a destination of this row (peers are explicit, so never)
                    }
                    int old = group[i];
                    if (split[old] == 0) {
                        if (groups == split.length) {
                            split = Arrays.copyOf(split, groups * 2);
                        }
                        if (touchedCount == touched.length) {
                            touched = Arrays.copyOf(touched, touchedCount * 2);
                        }
                        split[old] = groups++;
                        touched[touchedCount++] = old;
                    }
                    group[i] = split[old];
                }
                for (int t = 0; t < touchedCount; t++) {
                    split[touched[t]] = 0;
                }
            }
        }
        // numbered densely (below indexes.length + 1), whatever groups the splits emptied
        int[] dense = new int[groups];
        Arrays.fill(dense, -1);
        int next = 0;
        for (int i = 0; i < group.length; i++) {
            if (dense[group[i]] < 0) {
                dense[group[i]] = next++;
            }
            group[i] = dense[group[i]];
        }
        return group;
    }

    /** One cell per class; classes with the same ingress key and signature share the computation. */
    private ClassRow computePieceRow(Endpoint.External piece) {
        ConnectionSet[] row = new ConnectionSet[classes.size()];
        Map<Long, ConnectionSet> byKey = new HashMap<>();
        for (WorkloadClass d : classes) {
            int key = ingressKeyOf[d.index];
            if (key < 0) {
                row[d.index] = ConnectionSet.all();
                continue;
            }
            row[d.index] = byKey.computeIfAbsent(
                    (long) key * signatureCount + d.portSignature,
                    k -> intern.apply(
                            ConnectivityAnalysis.side(d, Direction.INGRESS, -1, piece.first(), piece.last(), d)));
        }
        return ClassRow.dense(row);
    }
}
