package io.netspec.engine.connectivity;

import io.netspec.engine.model.Workload;

/** A peer of the connectivity graph: a workload, or a range of addresses outside the cluster. */
public sealed interface Endpoint permits Endpoint.OfWorkload, Endpoint.External {

    /** The corpus identity: {@code ns/name[Kind]} or {@code a.b.c.d-e.f.g.h[External]}. */
    String id();

    record OfWorkload(Workload workload) implements Endpoint {
        @Override
        public String id() {
            return workload.id();
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /** IPv4 addresses {@code first..last} (unsigned 32-bit, inclusive) outside the cluster. */
    record External(long first, long last) implements Endpoint {

        public static final External INTERNET = new External(0L, 0xFFFF_FFFFL);

        public External {
            if (first < 0 || last > 0xFFFF_FFFFL || first > last) {
                throw new IllegalArgumentException("bad IPv4 range " + first + "-" + last);
            }
        }

        @Override
        public String id() {
            return Ipv4.format(first) + "-" + Ipv4.format(last) + "[External]";
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
