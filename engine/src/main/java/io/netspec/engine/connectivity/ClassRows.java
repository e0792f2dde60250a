package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.model.Direction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Computes and caches the {@link ClassRow}s: what a source class, or an address piece outside
 * the cluster, may send to every destination.
 *
 * <p>Why a row costs less than one cell per class: a side (the source's egress, the
 * destination's ingress) gives every peer class that none of its rules names the same answer
 * as a peer that no selector selects ({@link #NO_CLASS}), its default. Destinations with the
 * same named-port signature and ingress default form one default group, whose cell (the
 * source's egress default intersected with the group's ingress default) is computed once per row.
 * Non-isolated destinations (ingress default everything) are such groups, whatever their size.
 *
 * <p>Why a row need not compute the cells of every destination some rule names: a rule that
 * names the peer can only take connections away from the side's default when it denies (the
 * fold in {@link SideProfile} is monotone: a deny rule removes what it matches from the
 * undecided set, and every later rule and tier sees less). So a cell can exceed its group's cell
 * only where a rule that allows or passes names the peer: the source's egress naming the
 * destination while the destination's ingress default lets something in, or the destination's
 * ingress naming the source while the source's egress lets something out to it. Those
 * destinations are the row's explicit cells, found through an inverted index from a class to
 * the distinct peer sets (by content: cluster-wide policies repeat the same broad peers) of
 * allowing or passing ingress rules that contain it, and from a peer set to the ingress
 * profiles using it. Every other destination gets its group's cell, or, when that is not empty
 * and some rule of either side names the pair (a deny may cut it), its cell computed on demand
 * ({@link ClassRow.Residual}). A cluster-wide "dev may not call prod" thus costs nothing per
 * prod destination in a dev source's row, where an index of every destination whose rules name
 * the source was keys x named classes.
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
    private static final int[] NONE = new int[0];

    private final List<WorkloadClass> classes;
    private final List<Endpoint.External> sourcePieces;
    private final List<Endpoint.External> destinationPieces;
    private final UnaryOperator<ConnectionSet> intern;
    private final int signatureCount;

    /** Per class, its default group: same named-port signature and same ingress default. */
    private final int[] groupOf;

    private final int[][] groupClasses;
    private final ConnectionSet[] groupIngress;
    /** The classes whose ingress default lets something in (their group's ingress default is not empty). */
    private final BitSet openIngress = new BitSet();

    /** Per class, its ingress key (same ingress profile), or -1 when its ingress is open. */
    private final int[] ingressKeyOf;

    private final int[][] keyClasses;
    /** The distinct peer sets (by content) of the ingress rules that do not match every endpoint. */
    private final BitSet[] peerSets;
    /** Per ingress key, the peer sets its rules use (sorted). */
    private final int[][] keySets;
    /** Per peer set, the ingress keys where a rule with that set allows or passes. */
    private final int[][] keysOpenedBy;
    /** Per class, the peer sets containing it that some ingress key's allowing or passing rule uses. */
    private final int[][] openingSets;

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
            if (!in.isEmpty()) {
                openIngress.set(d.index);
            }
        }
        this.groupClasses = toArrays(members);
        this.groupIngress = ingressDefaults.toArray(new ConnectionSet[0]);

        this.ingressKeyOf = new int[n];
        Map<IngressKey, Integer> keys = new HashMap<>();
        List<List<Integer>> keyMembers = new ArrayList<>();
        PeerSets sets = new PeerSets();
        List<int[]> used = new ArrayList<>();
        List<int[]> opening = new ArrayList<>();
        for (WorkloadClass d : classes) {
            if (d.ingress == null) {
                ingressKeyOf[d.index] = -1;
                continue;
            }
            int k = keys.computeIfAbsent(new IngressKey(d.ingress), key -> {
                TreeSet<Integer> all = new TreeSet<>();
                TreeSet<Integer> opens = new TreeSet<>();
                for (ClassRule[] tier : d.ingress.rules) {
                    for (ClassRule r : tier) {
                        if (!r.allEndpoints) {
                            int set = sets.id(r.peerClasses);
                            all.add(set);
                            if (opens(r)) {
                                opens.add(set);
                            }
                        }
                    }
                }
                used.add(toArray(all));
                opening.add(toArray(opens));
                keyMembers.add(new ArrayList<>());
                return keyMembers.size() - 1;
            });
            ingressKeyOf[d.index] = k;
            keyMembers.get(k).add(d.index);
        }
        this.keyClasses = toArrays(keyMembers);
        this.peerSets = sets.sets.toArray(new BitSet[0]);
        this.keySets = used.toArray(new int[0][]);
        this.keysOpenedBy = invert(opening, peerSets.length);
        // per class, the opening sets containing it: the sum of those sets' sizes, not keys x classes
        int[] counts = new int[n];
        for (int p = 0; p < peerSets.length; p++) {
            if (keysOpenedBy[p].length > 0) {
                BitSet members1 = peerSets[p];
                for (int c = members1.nextSetBit(0); c >= 0 && c < n; c = members1.nextSetBit(c + 1)) {
                    counts[c]++;
                }
            }
        }
        this.openingSets = new int[n][];
        for (int c = 0; c < n; c++) {
            openingSets[c] = counts[c] == 0 ? NONE : new int[counts[c]];
            counts[c] = 0;
        }
        for (int p = 0; p < peerSets.length; p++) {
            if (keysOpenedBy[p].length > 0) {
                BitSet members1 = peerSets[p];
                for (int c = members1.nextSetBit(0); c >= 0 && c < n; c = members1.nextSetBit(c + 1)) {
                    openingSets[c][counts[c]++] = p;
                }
            }
        }
    }

    /** A rule that can let a named peer through where the side's default would not: it allows or passes. */
    private static boolean opens(ClassRule r) {
        return r.action == Action.ALLOW || r.action == Action.PASS;
    }

    /** Peer sets numbered by content; the identity map spares hashing the same shared set twice. */
    private static final class PeerSets {
        final List<BitSet> sets = new ArrayList<>();
        private final Map<BitSet, Integer> byIdentity = new IdentityHashMap<>();
        private final Map<BitSet, Integer> byContent = new HashMap<>();

        int id(BitSet set) {
            return byIdentity.computeIfAbsent(
                    set,
                    s -> byContent.computeIfAbsent(s, c -> {
                        sets.add(c);
                        return sets.size() - 1;
                    }));
        }
    }

    /** Per target (0..{@code targets}-1), the indexes of the lists holding it. */
    private static int[][] invert(List<int[]> lists, int targets) {
        int[] counts = new int[targets];
        for (int[] list : lists) {
            for (int t : list) {
                counts[t]++;
            }
        }
        int[][] out = new int[targets][];
        for (int t = 0; t < targets; t++) {
            out[t] = counts[t] == 0 ? NONE : new int[counts[t]];
            counts[t] = 0;
        }
        for (int i = 0; i < lists.size(); i++) {
            for (int t : lists.get(i)) {
                out[t][counts[t]++] = i;
            }
        }
        return out;
    }

    private static int[] toArray(TreeSet<Integer> sorted) {
        return sorted.isEmpty()
                ? NONE
                : sorted.stream().mapToInt(Integer::intValue).toArray();
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

    /**
     * As {@link #row}, but computed outside the cache's lock, so that threads walking the rows of
     * different sources ({@link ReachTable}) compute at once; a race computes a row twice and keeps the first.
     */
    ClassRow rowUnlocked(int source) {
        synchronized (cache) {
            ClassRow row = cache.get(source);
            if (row != null) {
                return row;
            }
        }
        return keep(source, computeRow(classes.get(source)));
    }

    /** As {@link #pieceRow}, computed outside the cache's lock (see {@link #rowUnlocked}). */
    ClassRow pieceRowUnlocked(int index) {
        synchronized (cache) {
            ClassRow row = cache.get(-1 - index);
            if (row != null) {
                return row;
            }
        }
        return keep(-1 - index, computePieceRow(sourcePieces.get(index)));
    }

    /** The cached row of {@code key} if another thread put one meanwhile, else {@code row}, now cached. */
    private ClassRow keep(int key, ClassRow row) {
        synchronized (cache) {
            ClassRow known = cache.get(key);
            if (known != null) {
                return known;
            }
            put(key, row);
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
        ConnectionSet[] egressDefault = new ConnectionSet[signatureCount];
        BitSet opened = s.egress == null ? null : openedBy(s.egress);
        BitSet explicit = new BitSet();
        if (opened != null) {
            // named by an allowing or passing egress rule, where the ingress default lets something in
            explicit.or(opened);
            explicit.and(openIngress);
        }
        // the ingress of these destinations lets s through by name: it matters where s's egress lets
        // something out to them (its default, or a rule naming them)
        BitSet keysSeen = new BitSet();
        for (int p : openingSets[s.index]) {
            for (int k : keysOpenedBy[p]) {
                if (keysSeen.get(k)) {
                    continue;
                }
                keysSeen.set(k);
                for (int d : keyClasses[k]) {
                    if ((opened != null && opened.get(d))
                            || !egressDefault(s, classes.get(d), egressDefault).isEmpty()) {
                        explicit.set(d);
                    }
                }
            }
        }
        int[] indexes = new int[explicit.cardinality()];
        int i = 0;
        for (int d = explicit.nextSetBit(0); d >= 0 && d < classes.size(); d = explicit.nextSetBit(d + 1)) {
            indexes[i++] = d;
        }
        ConnectionSet[] cells = explicitCells(s, indexes);
        ConnectionSet[] byGroup = new ConnectionSet[groupClasses.length];
        for (int g = 0; g < byGroup.length; g++) {
            ConnectionSet egress = egressDefault(s, classes.get(groupClasses[g][0]), egressDefault);
            byGroup[g] = intern.apply(egress.isEmpty() ? egress : egress.intersect(groupIngress[g]));
        }
        ConnectionSet[] pieces = new ConnectionSet[destinationPieces.size()];
        for (int p = 0; p < pieces.length; p++) {
            pieces[p] = directPiece(s, p);
        }
        return ClassRow.sparse(indexes, cells, groupOf, byGroup, pieces, new Residual(s));
    }

    /** What s's egress lets out to a destination its rules do not name, per named-port signature (cached in {@code bySignature}). */
    private static ConnectionSet egressDefault(
            WorkloadClass s, WorkloadClass destination, ConnectionSet[] bySignature) {
        ConnectionSet egress = bySignature[destination.portSignature];
        if (egress == null) {
            egress = ConnectivityAnalysis.side(s, Direction.EGRESS, NO_CLASS, 0, 0, destination);
            bySignature[destination.portSignature] = egress;
        }
        return egress;
    }

    /** The classes the allowing or passing rules of an egress side name; null when there are none. */
    private static BitSet openedBy(SideProfile egress) {
        BitSet out = null;
        for (ClassRule[] tier : egress.rules) {
            for (ClassRule r : tier) {
                if (!r.allEndpoints && opens(r)) {
                    if (out == null) {
                        out = new BitSet();
                    }
                    out.or(r.peerClasses);
                }
            }
        }
        return out;
    }

    /**
     * The cells of one source's row outside its explicit cells: computed when a rule of either side
     * names the pair (a deny may have cut the group's cell), else the group's cell stands.
     */
    private final class Residual implements ClassRow.Residual {
        private final WorkloadClass source;
        /** The distinct peer sets of the source's egress rules that do not match every endpoint. */
        private final BitSet[] egressSets;

        Residual(WorkloadClass source) {
            this.source = source;
            Map<BitSet, Boolean> sets = new IdentityHashMap<>();
            if (source.egress != null) {
                for (ClassRule[] tier : source.egress.rules) {
                    for (ClassRule r : tier) {
                        if (!r.allEndpoints) {
                            sets.put(r.peerClasses, Boolean.TRUE);
                        }
                    }
                }
            }
            this.egressSets = sets.keySet().toArray(new BitSet[0]);
        }

        @Override
        public ConnectionSet ifNamed(int destination) {
            return names(destination) ? directCell(source, classes.get(destination)) : null;
        }

        private boolean names(int destination) {
            for (BitSet set : egressSets) {
                if (set.get(destination)) {
                    return true;
                }
            }
            int key = ingressKeyOf[destination];
            if (key >= 0) {
                for (int p : keySets[key]) {
                    if (peerSets[p].get(source.index)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * The cells towards the explicit destinations {@code indexes}, cell by cell. (Sharing cells among
     * destinations equal in egress group, ingress profile and named-port signature was measured on
     * L admin+calico: the keys were nearly all distinct, and keying cost more than it saved.)
     */
    private ConnectionSet[] explicitCells(WorkloadClass s, int[] indexes) {
        ConnectionSet[] cells = new ConnectionSet[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            cells[i] = directCell(s, classes.get(indexes[i]));
        }
        return cells;
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
