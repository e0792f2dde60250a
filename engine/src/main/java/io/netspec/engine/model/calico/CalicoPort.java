package io.netspec.engine.model.calico;

/**
 * One entry of a Calico rule's {@code ports}/{@code notPorts}: a number, a range {@code from:to}, or
 * a named port ({@code name} non-empty, {@code from}/{@code to} 0), resolved on the endpoint whose
 * side of the rule it is on.
 */
public record CalicoPort(int from, int to, String name) {

    public static CalicoPort range(int from, int to) {
        return new CalicoPort(from, to, "");
    }

    public static CalicoPort named(String name) {
        return new CalicoPort(0, 0, name);
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    @Override
    public String toString() {
        return isNamed() ? name : from == to ? Integer.toString(from) : from + ":" + to;
    }
}
