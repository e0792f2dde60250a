package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.ConnectivityAnalysis.Reach;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What a change to the manifests opens and closes: the connections allowed after it and not
 * before ({@link Change#ADDED}), those allowed before and not after ({@link Change#REMOVED}), and the
 * workloads that appear or disappear.
 *
 * <p>Workloads are compared by id. Addresses outside the cluster are compared address by address
 * within one (workload, direction), as the conformance comparator does: the policies of the two
 * sides may cut the IPv4 space differently, and two cuts that mean the same give no difference.
 * Each difference is reported on the largest address interval where it is the same.
 *
 * <p>How it scales: both {@link ConnectivityAnalysis#reach()} streams are sorted by source id, then
 * destination id, so they are merge-joined one source at a time. Only the lines from external
 * sources are held until the end (they must be regrouped by destination), and the differences
 * themselves, which are sorted like reach lines before they are returned.
 */
public final class ReachDiff {

    public enum Change {
        ADDED('+'),
        REMOVED('-');

        private final char sign;

        Change(char sign) {
            this.sign = sign;
        }

        /** {@code +} or {@code -}. */
        public char sign() {
            return sign;
        }

        /** {@code added} or {@code removed}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Connections that one ordered pair gained or lost; endpoints are the NEW side's when added, the OLD side's when removed. */
    public record Line(Change change, Endpoint source, Endpoint destination, ConnectionSet connections) {
        /** {@code + src => dst : conns}. */
        @Override
        public String toString() {
            return change.sign() + " " + source.id() + " => " + destination.id() + " : " + connections;
        }
    }

    /** A workload of NEW that OLD lacks ({@link Change#ADDED}), or the reverse. */
    public record WorkloadChange(Change change, Workload workload) {
        @Override
        public String toString() {
            return change.sign() + " " + workload.id();
        }
    }

    /** All differences: workloads, then connection lines sorted like reach lines (removed before added within a pair). */
    public record Result(List<WorkloadChange> workloads, List<Line> lines) {
        public Result {
            workloads = List.copyOf(workloads);
            lines = List.copyOf(lines);
        }

        public long count(Change change) {
            return lines.stream().filter(l -> l.change() == change).count();
        }

        public long workloadCount(Change change) {
            return workloads.stream().filter(w -> w.change() == change).count();
        }

        public boolean isEmpty() {
            return workloads.isEmpty() && lines.isEmpty();
        }
    }

    private ReachDiff() {}

    /**
     * Beyond this share of the workloads in a change's scope, every line is compared: the rows of the
     * full walk are shared by the workloads of a class, the columns of the scoped one are not.
     */
    static final double MAX_SCOPE_SHARE = 0.25;

    /**
     * The differences between the connectivity of {@code older} and {@code newer}. Only the rows and
     * columns of the workloads a change can affect are compared ({@link ChangeScope}): the cost follows
     * the change. When it cannot be bounded (another CNI plugin, duplicate workload ids, a change
     * that touches most workloads) every line is compared; the result is the same either way.
     */
    public static Result of(ConnectivityAnalysis older, ConnectivityAnalysis newer) {
        return of(older, newer, MAX_SCOPE_SHARE, scope -> {});
    }

    /** {@link #of(ConnectivityAnalysis, ConnectivityAnalysis)}, telling {@code scopeNote} how large the scope is. */
    public static Result of(ConnectivityAnalysis older, ConnectivityAnalysis newer, Consumer<String> scopeNote) {
        return of(older, newer, MAX_SCOPE_SHARE, scopeNote);
    }

    /** With the scope bounded at {@code maxShare} of the workloads (above 1: always scoped, for tests). */
    static Result of(ConnectivityAnalysis older, ConnectivityAnalysis newer, double maxShare) {
        return of(older, newer, maxShare, scope -> {});
    }

    private static Result of(
            ConnectivityAnalysis older, ConnectivityAnalysis newer, double maxShare, Consumer<String> scopeNote) {
        Optional<ChangeScope> scope = ChangeScope.of(older, newer, maxShare);
        scopeNote.accept(scope.map(s -> "change scope: " + s.rows().size() + " rows, "
                        + s.columns().size() + " columns")
                .orElse("change scope: not bounded, every line compared"));
        if (scope.isEmpty()) {
            return full(older, newer);
        }
        return new Result(
                workloads(older.cluster(), newer.cluster()), lines(older.reach(scope.get()), newer.reach(scope.get())));
    }

    /** Every line of both sides compared: the reference the scoped comparison must equal. */
    static Result full(ConnectivityAnalysis older, ConnectivityAnalysis newer) {
        return new Result(workloads(older.cluster(), newer.cluster()), lines(older.reach(), newer.reach()));
    }

    /** Workloads by id: those only NEW has (added), then those only OLD has (removed), each sorted by id. */
    public static List<WorkloadChange> workloads(Cluster older, Cluster newer) {
        Map<String, Workload> before = new TreeMap<>();
        older.workloads().forEach(w -> before.putIfAbsent(w.id(), w));
        Map<String, Workload> after = new TreeMap<>();
        newer.workloads().forEach(w -> after.putIfAbsent(w.id(), w));
        List<WorkloadChange> out = new ArrayList<>();
        after.forEach((id, w) -> {
            if (!before.containsKey(id)) {
                out.add(new WorkloadChange(Change.ADDED, w));
            }
        });
        before.forEach((id, w) -> {
            if (!after.containsKey(id)) {
                out.add(new WorkloadChange(Change.REMOVED, w));
            }
        });
        return out;
    }

    /** The connection differences between two reach streams, each sorted as {@link ConnectivityAnalysis#reach()} sorts. */
    public static List<Line> lines(Stream<Reach> older, Stream<Reach> newer) {
        Groups before = new Groups(older.iterator());
        Groups after = new Groups(newer.iterator());
        List<Line> out = new ArrayList<>();
        Map<String, AddressMaps> fromOutside = new HashMap<>();
        while (before.hasNext() || after.hasNext()) {
            int c = !before.hasNext()
                    ? 1
                    : !after.hasNext() ? -1 : before.sourceId().compareTo(after.sourceId());
            List<Reach> old = c <= 0 ? before.next() : List.of();
            List<Reach> neu = c >= 0 ? after.next() : List.of();
            Endpoint source = (neu.isEmpty() ? old : neu).get(0).source();
            if (source instanceof Endpoint.External) {
                old.forEach(r -> fromOutside
                        .computeIfAbsent(r.destination().id(), k -> new AddressMaps())
                        .add(r, false));
                neu.forEach(r -> fromOutside
                        .computeIfAbsent(r.destination().id(), k -> new AddressMaps())
                        .add(r, true));
            } else {
                compareSource(old, neu, out);
            }
        }
        fromOutside.values().forEach(maps -> maps.compare(false, out));
        out.sort(ORDER);
        return out;
    }

    private static final Comparator<Line> ORDER = Comparator.comparing(
                    (Line l) -> l.source().id())
            .thenComparing(l -> l.destination().id())
            .thenComparing(l -> l.change() == Change.REMOVED ? 0 : 1);

    /** One source's lines on both sides: workload destinations merge-joined by id, address destinations per address. */
    private static void compareSource(List<Reach> old, List<Reach> neu, List<Line> out) {
        AddressMaps toOutside = new AddressMaps();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < neu.size()) {
            Reach a = i < old.size() ? old.get(i) : null;
            Reach b = j < neu.size() ? neu.get(j) : null;
            if (a != null && a.destination() instanceof Endpoint.External) {
                toOutside.add(a, false);
                i++;
                continue;
            }
            if (b != null && b.destination() instanceof Endpoint.External) {
                toOutside.add(b, true);
                j++;
                continue;
            }
            int c = a == null
                    ? 1
                    : b == null
                            ? -1
                            : a.destination().id().compareTo(b.destination().id());
            if (c < 0) {
                out.add(new Line(Change.REMOVED, a.source(), a.destination(), a.connections()));
                i++;
            } else if (c > 0) {
                out.add(new Line(Change.ADDED, b.source(), b.destination(), b.connections()));
                j++;
            } else {
                compare(
                        a.source(),
                        a.destination(),
                        a.connections(),
                        b.source(),
                        b.destination(),
                        b.connections(),
                        out);
                i++;
                j++;
            }
        }
        toOutside.compare(true, out);
    }

    private static void compare(
            Endpoint oldSource,
            Endpoint oldDestination,
            ConnectionSet before,
            Endpoint newSource,
            Endpoint newDestination,
            ConnectionSet after,
            List<Line> out) {
        ConnectionSet removed = before.minus(after);
        if (!removed.isEmpty()) {
            out.add(new Line(Change.REMOVED, oldSource, oldDestination, removed));
        }
        ConnectionSet added = after.minus(before);
        if (!added.isEmpty()) {
            out.add(new Line(Change.ADDED, newSource, newDestination, added));
        }
    }

    /**
     * The lines between one workload (or the ingress controller) and addresses outside the
     * cluster, one direction, on both sides: what each address may do before and after.
     */
    private static final class AddressMaps {
        private final List<Reach> before = new ArrayList<>();
        private final List<Reach> after = new ArrayList<>();

        void add(Reach r, boolean newer) {
            (newer ? after : before).add(r);
        }

        /**
         * Cuts the address space on both sides' boundaries and reports, per maximal interval, what
         * was added and what removed. {@code outward}: the addresses are destinations.
         */
        void compare(boolean outward, List<Line> out) {
            if (before.isEmpty() && after.isEmpty()) {
                return;
            }
            List<Reach> old = sorted(before, outward);
            List<Reach> neu = sorted(after, outward);
            TreeSet<Long> cuts = new TreeSet<>();
            for (List<Reach> side : List.of(old, neu)) {
                for (Reach r : side) {
                    Endpoint.External range = address(r, outward);
                    cuts.add(range.first());
                    cuts.add(range.last() + 1);
                }
            }
            Run removed = new Run(Change.REMOVED, old.isEmpty() ? null : old.get(0), outward, out);
            Run added = new Run(Change.ADDED, neu.isEmpty() ? null : neu.get(0), outward, out);
            int i = 0;
            int j = 0;
            Long start = null;
            for (long cut : cuts) {
                if (start != null) {
                    long last = cut - 1;
                    while (i < old.size() && address(old.get(i), outward).last() < start) {
                        i++;
                    }
                    while (j < neu.size() && address(neu.get(j), outward).last() < start) {
                        j++;
                    }
                    ConnectionSet was = at(old, i, start, outward);
                    ConnectionSet is = at(neu, j, start, outward);
                    removed.extend(start, last, was.minus(is));
                    added.extend(start, last, is.minus(was));
                }
                start = cut;
            }
            removed.flush();
            added.flush();
        }

        private static List<Reach> sorted(List<Reach> lines, boolean outward) {
            List<Reach> out = new ArrayList<>(lines);
            out.sort(Comparator.comparingLong(r -> address(r, outward).first()));
            return out;
        }

        private static Endpoint.External address(Reach r, boolean outward) {
            return (Endpoint.External) (outward ? r.destination() : r.source());
        }

        private static ConnectionSet at(List<Reach> side, int index, long address, boolean outward) {
            if (index < side.size()) {
                Endpoint.External range = address(side.get(index), outward);
                if (range.first() <= address && address <= range.last()) {
                    return side.get(index).connections();
                }
            }
            return ConnectionSet.none();
        }
    }

    /** Adjacent address intervals with the same difference, emitted as one line. */
    private static final class Run {
        private final Change change;
        private final Reach model;
        private final boolean outward;
        private final List<Line> out;
        private long first;
        private long last = -2;
        private ConnectionSet connections = ConnectionSet.none();

        Run(Change change, Reach model, boolean outward, List<Line> out) {
            this.change = change;
            this.model = model;
            this.outward = outward;
            this.out = out;
        }

        void extend(long from, long to, ConnectionSet difference) {
            if (!difference.isEmpty() && from == last + 1 && difference.equals(connections)) {
                last = to;
                return;
            }
            flush();
            first = from;
            last = to;
            connections = difference;
        }

        void flush() {
            if (!connections.isEmpty()) {
                Endpoint.External range = new Endpoint.External(first, last);
                out.add(
                        outward
                                ? new Line(change, model.source(), range, connections)
                                : new Line(change, range, model.destination(), connections));
            }
            connections = ConnectionSet.none();
        }
    }

    /** A reach stream read one source at a time. */
    private static final class Groups {
        private final Iterator<Reach> lines;
        private Reach head;

        Groups(Iterator<Reach> lines) {
            this.lines = lines;
            this.head = lines.hasNext() ? lines.next() : null;
        }

        boolean hasNext() {
            return head != null;
        }

        String sourceId() {
            return head.source().id();
        }

        /** The lines of the next source. */
        List<Reach> next() {
            String id = sourceId();
            List<Reach> group = new ArrayList<>();
            while (head != null && head.source().id().equals(id)) {
                group.add(head);
                head = lines.hasNext() ? lines.next() : null;
            }
            return group;
        }
    }
}
