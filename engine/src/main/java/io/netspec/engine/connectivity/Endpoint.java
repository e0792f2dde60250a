package io.netspec.engine.connectivity;

import io.netspec.engine.model.Workload;

/**
 * A peer of the connectivity graph: a workload, a range of addresses outside the cluster, or the
 * ingress controller that Ingress and Route objects send traffic through.
 */
public sealed interface Endpoint permits Endpoint.OfWorkload, Endpoint.External, Endpoint.IngressController {

    /** The one ingress-controller endpoint. */
    IngressController INGRESS_CONTROLLER = new IngressController();

    /** The corpus identity: {@code ns/name[Kind]}, {@code a.b.c.d-e.f.g.h[External]} or {@code {ingress-controller}}. */
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

    /**
     * The ingress controller, only ever a source: TCP to the pod ports that Ingress and Route
     * backends name, as far as the destination's ingress side admits a pod
     * {@code ingress-controller-ns/ingress-controller} without labels.
     */
    record IngressController() implements Endpoint {

        public static final String ID = "{ingress-controller}";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String toString() {
            return ID;
        }
    }
}
