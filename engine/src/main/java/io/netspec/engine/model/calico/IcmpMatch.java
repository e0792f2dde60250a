package io.netspec.engine.model.calico;

import java.util.OptionalInt;

/** A rule's {@code icmp}/{@code notICMP}: a type (0-254) and optionally a code (0-255); code needs type. */
public record IcmpMatch(OptionalInt type, OptionalInt code) {

    @Override
    public String toString() {
        return type.isEmpty()
                ? "any type"
                : "type " + type.getAsInt() + (code.isPresent() ? " code " + code.getAsInt() : "");
    }
}
