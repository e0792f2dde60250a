package io.netspec.engine.model;

/**
 * A port written as a number or as a name (an IntOrString in Kubernetes). Exactly one of
 * {@code number > 0} and {@code !name.isEmpty()} holds, except for {@link #ANY}.
 */
public record PortRef(int number, String name) {

    /** No port given: every port. */
    public static final PortRef ANY = new PortRef(0, "");

    public PortRef {
        name = name == null ? "" : name;
    }

    public static PortRef number(int number) {
        return new PortRef(number, "");
    }

    public static PortRef named(String name) {
        return new PortRef(0, name);
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    public boolean isAny() {
        return number == 0 && name.isEmpty();
    }

    @Override
    public String toString() {
        return isAny() ? "*" : isNamed() ? name : Integer.toString(number);
    }
}
