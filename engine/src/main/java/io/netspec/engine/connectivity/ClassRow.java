package io.netspec.engine.connectivity;

import java.util.Arrays;

/**
 * What one source (a workload class, or an address piece outside the cluster) may send to every
 * workload class, and, for a class source, to every destination address piece.
 *
 * <p>A class row is sparse: the cells of the destination classes that an allowing or passing rule
 * of either side names ({@code explicit}, sorted) are stored one by one; every other destination
 * class gets the value of its default group ({@link ClassRows}), computed once per group, unless
 * that value is not empty and a rule names the pair, when the {@link Residual} computes its cell.
 * An address row is dense: one cell per class.
 */
final class ClassRow {

    private static final int[] NO_CLASSES = new int[0];
    private static final ConnectionSet[] NO_CELLS = new ConnectionSet[0];

    private final int[] explicit;
    private final ConnectionSet[] explicitCells;
    /** Per class, its default group; null for a dense row. */
    private final int[] groupOf;
    /** Per default group (sparse row), or per class (dense row). */
    private final ConnectionSet[] byGroup;

    private final ConnectionSet[] pieces;
    private final Residual residual;

    /** The cell of a destination outside the explicit ones when a rule of either side names the pair. */
    interface Residual {
        /** The cell towards {@code destination}, or null when no rule of either side names the pair. */
        ConnectionSet ifNamed(int destination);
    }

    private static final Residual NONE_NAMED = destination -> null;

    private ClassRow(
            int[] explicit,
            ConnectionSet[] explicitCells,
            int[] groupOf,
            ConnectionSet[] byGroup,
            ConnectionSet[] pieces,
            Residual residual) {
        this.explicit = explicit;
        this.explicitCells = explicitCells;
        this.groupOf = groupOf;
        this.byGroup = byGroup;
        this.pieces = pieces;
        this.residual = residual;
    }

    static ClassRow sparse(
            int[] explicit,
            ConnectionSet[] explicitCells,
            int[] groupOf,
            ConnectionSet[] byGroup,
            ConnectionSet[] pieces,
            Residual residual) {
        return new ClassRow(explicit, explicitCells, groupOf, byGroup, pieces, residual);
    }

    static ClassRow dense(ConnectionSet[] byClass) {
        return new ClassRow(NO_CLASSES, NO_CELLS, null, byClass, NO_CELLS, NONE_NAMED);
    }

    ConnectionSet toClass(int destination) {
        if (groupOf == null) {
            return byGroup[destination];
        }
        int i = Arrays.binarySearch(explicit, destination);
        return i >= 0 ? explicitCells[i] : outside(destination, byGroup[groupOf[destination]]);
    }

    /** A destination's cell outside the explicit ones: its group's, unless a deny naming the pair cut it. */
    private ConnectionSet outside(int destination, ConnectionSet group) {
        if (group.isEmpty()) {
            return group;
        }
        ConnectionSet named = residual.ifNamed(destination);
        return named != null ? named : group;
    }

    ConnectionSet toPiece(int piece) {
        return pieces[piece];
    }

    int pieceCount() {
        return pieces.length;
    }

    /** Stored cells, the measure of the row cache's budget. */
    int size() {
        return explicit.length + byGroup.length + pieces.length;
    }

    /** A callback for the non-empty class cells. */
    interface ClassCells {
        void accept(int destinationClass, ConnectionSet cell);
    }

    /**
     * Calls {@code out} for every destination class with a non-empty cell (in no particular
     * order): the cost is the explicit cells plus the classes of the non-empty groups.
     */
    void forEachNonEmptyClass(ClassRows index, ClassCells out) {
        if (groupOf == null) {
            for (int c = 0; c < byGroup.length; c++) {
                if (!byGroup[c].isEmpty()) {
                    out.accept(c, byGroup[c]);
                }
            }
            return;
        }
        for (int i = 0; i < explicit.length; i++) {
            if (!explicitCells[i].isEmpty()) {
                out.accept(explicit[i], explicitCells[i]);
            }
        }
        for (int g = 0; g < byGroup.length; g++) {
            if (byGroup[g].isEmpty()) {
                continue;
            }
            for (int c : index.groupClasses(g)) {
                if (Arrays.binarySearch(explicit, c) < 0) {
                    ConnectionSet cell = outside(c, byGroup[g]);
                    if (!cell.isEmpty()) {
                        out.accept(c, cell);
                    }
                }
            }
        }
    }
}
