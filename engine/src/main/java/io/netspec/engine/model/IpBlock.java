package io.netspec.engine.model;

import java.util.List;

/** An {@code ipBlock} peer: a CIDR minus its {@code except} ranges. */
public record IpBlock(Cidr cidr, List<Cidr> except) {

    public IpBlock {
        except = List.copyOf(except);
    }

    @Override
    public String toString() {
        return except.isEmpty() ? cidr.text() : cidr.text() + " except " + except;
    }
}
