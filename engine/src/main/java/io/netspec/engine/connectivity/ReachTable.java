package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The lines of {@link ConnectivityAnalysis#reach()} as a table: the sources and the destinations in
 * the corpus order, and per source the positions of the destinations it reaches, ascending, with
 * their connections. Writers of millions of lines walk it without a {@link Reach} per line, and
 * several threads may walk different sources at once, each with its own {@link Cursor}.
 *
 * <p>Per source class (and per address piece), the destination positions with a non-empty cell are
 * found once from its row, sorted, and kept for the class's other workloads; they are dropped once
 * every source of the class has been walked, so a walk in order holds about the output of the classes
 * it is in the middle of, not of every class.
 */
public final class ReachTable {

    /** Receives the lines of one source, in order. */
    @FunctionalInterface
    public interface Lines<X extends Exception> {
        /** {@code destination} is a position in {@link #destinations()}; {@code connections} is never empty. */
        void line(int destination, ConnectionSet connections) throws X;
    }

    /** Source kinds in {@link #sourceClass}: a workload source holds its class index instead. */
    private static final int PIECE = -1;

    private static final int CONTROLLER = -2;

    private final ConnectivityAnalysis analysis;
    private final ClassRows rows;
    private final List<Endpoint> sources;
    private final List<Endpoint> destinations;
    /** Per source: its class index, {@link #PIECE} or {@link #CONTROLLER}. */
    private final int[] sourceClass;
    /** Per source: its address piece index among the source pieces, or -1. */
    private final int[] sourcePiece;
    /** Per source: the position of its own workload among the destinations (no line to itself), or -1. */
    private final int[] self;
    /** Per class, the positions of its workloads among the destinations, ascending. */
    private final int[][] positionsOfClass;
    /** Per destination piece, its position among the destinations. */
    private final int[] positionOfPiece;
    /** Per workload (in id order), its position among the destinations: the ingress controller's candidates. */
    private final int[] workloadPositions;

    private final AtomicReferenceArray<Targets> byClass;
    /** Per class, its sources not yet walked: at 0 its targets are dropped. */
    private final AtomicIntegerArray unwalked;

    private final String[] sourceIds;
    private final String[] destinationIds;

    private record Targets(int[] positions, ConnectionSet[] cells) {}

    /** An endpoint other than a workload, with its id and its index among its kind's pieces (-1: the controller). */
    private record Other(String id, Endpoint endpoint, int piece) {}

    /**
     * Sources and destinations are the workloads (sorted by id) merged with the sorted pieces (and
     * the controller): the order of one stable sort by id of all, each id made and each class looked up once.
     */
    ReachTable(
            ConnectivityAnalysis analysis,
            ClassRows rows,
            int classCount,
            List<Workload> sortedWorkloads,
            List<Endpoint.External> sourcePieces,
            boolean controller,
            List<Endpoint.External> destinationPieces) {
        this.analysis = analysis;
        this.rows = rows;
        this.byClass = new AtomicReferenceArray<>(classCount);
        this.unwalked = new AtomicIntegerArray(classCount);
        int n = sortedWorkloads.size();
        String[] ids = new String[n];
        Endpoint[] endpoints = new Endpoint[n];
        int[] classOf = new int[n];
        for (int i = 0; i < n; i++) {
            Workload w = sortedWorkloads.get(i);
            ids[i] = w.id();
            endpoints[i] = new Endpoint.OfWorkload(w);
            classOf[i] = analysis.classOf(w).index;
        }

        List<Other> toDestinations = others(destinationPieces, false);
        int size = n + toDestinations.size();
        List<Endpoint> destinations = new ArrayList<>(size);
        this.destinationIds = new String[size];
        this.workloadPositions = new int[n];
        this.positionOfPiece = new int[destinationPieces.size()];
        int o = 0;
        for (int i = 0; i <= n; i++) {
            while (o < toDestinations.size()
                    && (i == n || toDestinations.get(o).id.compareTo(ids[i]) < 0)) {
                Other other = toDestinations.get(o++);
                positionOfPiece[other.piece] = destinations.size();
                destinationIds[destinations.size()] = other.id;
                destinations.add(other.endpoint);
            }
            if (i < n) {
                workloadPositions[i] = destinations.size();
                destinationIds[destinations.size()] = ids[i];
                destinations.add(endpoints[i]);
            }
        }
        this.destinations = List.copyOf(destinations);

        int[] counts = new int[classCount];
        for (int i = 0; i < n; i++) {
            counts[classOf[i]]++;
        }
        this.positionsOfClass = new int[classCount][];
        for (int c = 0; c < classCount; c++) {
            positionsOfClass[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < n; i++) {
            positionsOfClass[classOf[i]][counts[classOf[i]]++] = workloadPositions[i];
        }

        List<Other> fromSources = others(sourcePieces, controller);
        size = n + fromSources.size();
        List<Endpoint> sources = new ArrayList<>(size);
        this.sourceIds = new String[size];
        this.sourceClass = new int[size];
        this.sourcePiece = new int[size];
        this.self = new int[size];
        o = 0;
        for (int i = 0; i <= n; i++) {
            while (o < fromSources.size() && (i == n || fromSources.get(o).id.compareTo(ids[i]) < 0)) {
                Other other = fromSources.get(o++);
                int s = sources.size();
                sourceIds[s] = other.id;
                sourceClass[s] = other.piece < 0 ? CONTROLLER : PIECE;
                sourcePiece[s] = other.piece;
                self[s] = -1;
                sources.add(other.endpoint);
            }
            if (i < n) {
                int s = sources.size();
                sourceIds[s] = ids[i];
                sourceClass[s] = classOf[i];
                sourcePiece[s] = -1;
                self[s] = workloadPositions[i];
                unwalked.incrementAndGet(classOf[i]);
                sources.add(endpoints[i]);
            }
        }
        this.sources = List.copyOf(sources);
    }

    /** The pieces (and the controller when asked) sorted by id, stably: pieces before the controller on a tie. */
    private static List<Other> others(List<Endpoint.External> pieces, boolean controller) {
        List<Other> out = new ArrayList<>(pieces.size() + 1);
        for (int i = 0; i < pieces.size(); i++) {
            out.add(new Other(pieces.get(i).id(), pieces.get(i), i));
        }
        if (controller) {
            out.add(new Other(Endpoint.INGRESS_CONTROLLER.id(), Endpoint.INGRESS_CONTROLLER, -1));
        }
        out.sort(Comparator.comparing(Other::id));
        return out;
    }

    /** The id of source {@code source} ({@link Endpoint#id()}, made once). */
    public String sourceId(int source) {
        return sourceIds[source];
    }

    /** The id of destination {@code destination} ({@link Endpoint#id()}, made once). */
    public String destinationId(int destination) {
        return destinationIds[destination];
    }

    /** The position among the destinations of source {@code source}'s workload, or -1 for another source. */
    public int destinationOf(int source) {
        return self[source];
    }

    /** The sources, sorted by id (workloads, address pieces and the ingress controller). */
    public List<Endpoint> sources() {
        return sources;
    }

    /** The destinations, sorted by id (workloads and address pieces). */
    public List<Endpoint> destinations() {
        return destinations;
    }

    /** A walker for one thread at a time. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** The lines of a source as {@link Reach} objects (for a walk that wants them). */
    List<Reach> reach(Cursor cursor, int source) {
        List<Reach> out = new ArrayList<>();
        Endpoint from = sources.get(source);
        cursor.lines(source, (d, c) -> out.add(new Reach(from, destinations.get(d), c)));
        return out;
    }

    /** Walks sources' lines, with its own scratch space: confine each cursor to one thread at a time. */
    public final class Cursor {
        private final ConnectionSet[] scratch = new ConnectionSet[destinations.size()];
        private int[] found = new int[64];
        private int foundCount;

        private Cursor() {}

        /** Calls {@code out} for every line of source {@code source} (a position in {@link #sources()}), in order. */
        public <X extends Exception> void lines(int source, Lines<X> out) throws X {
            int c = sourceClass[source];
            if (c == CONTROLLER) {
                controllerLines(out);
                return;
            }
            Targets targets = c == PIECE ? targets(rows.pieceRowUnlocked(sourcePiece[source]), false) : ofClass(c);
            int skip = self[source];
            int[] positions = targets.positions;
            ConnectionSet[] cells = targets.cells;
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] != skip) {
                    out.line(positions[i], cells[i]);
                }
            }
            if (c >= 0 && unwalked.decrementAndGet(c) == 0) {
                byClass.set(c, null); // every workload of the class is written: its targets are garbage
            }
        }

        private Targets ofClass(int c) {
            Targets t = byClass.get(c);
            if (t == null) {
                t = targets(rows.rowUnlocked(c), true);
                if (!byClass.compareAndSet(c, null, t)) {
                    Targets other = byClass.get(c);
                    t = other != null ? other : t;
                }
            }
            return t;
        }

        /** The ingress controller's lines: to every workload an Ingress or Route exposes, on what its ingress admits. */
        private <X extends Exception> void controllerLines(Lines<X> out) throws X {
            for (int p : workloadPositions) {
                ConnectionSet c = analysis.allowed(Endpoint.INGRESS_CONTROLLER, destinations.get(p));
                if (!c.isEmpty()) {
                    out.line(p, c);
                }
            }
        }

        private Targets targets(ClassRow row, boolean withPieces) {
            foundCount = 0;
            row.forEachNonEmptyClass(rows, (c, cell) -> {
                for (int p : positionsOfClass[c]) {
                    add(p, cell);
                }
            });
            if (withPieces) {
                for (int i = 0; i < row.pieceCount(); i++) {
                    if (!row.toPiece(i).isEmpty()) {
                        add(positionOfPiece[i], row.toPiece(i));
                    }
                }
            }
            int[] positions = Arrays.copyOf(found, foundCount);
            Arrays.sort(positions);
            ConnectionSet[] cells = new ConnectionSet[positions.length];
            for (int i = 0; i < positions.length; i++) {
                cells[i] = scratch[positions[i]];
                scratch[positions[i]] = null;
            }
            return new Targets(positions, cells);
        }

        private void add(int position, ConnectionSet cell) {
            if (foundCount == found.length) {
                found = Arrays.copyOf(found, found.length * 2);
            }
            found[foundCount++] = position;
            scratch[position] = cell;
        }
    }
}
