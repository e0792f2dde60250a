package io.netspec.engine.model.calico;

/** A Calico selector that does not parse; {@link #column()} is 1-based, where the problem starts. */
public final class CalicoSelectorSyntaxException extends IllegalArgumentException {

    private final int column;
    private final String reason;

    public CalicoSelectorSyntaxException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    public int column() {
        return column;
    }

    /** The problem without the column, e.g. {@code expected a quoted string after ==}. */
    public String reason() {
        return reason;
    }
}
