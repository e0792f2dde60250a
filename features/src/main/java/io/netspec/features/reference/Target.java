package io.netspec.features.reference;

import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.model.Workload;
import java.util.Optional;

/** One endpoint a reference stands for: a workload, or a range of external addresses. */
public sealed interface Target {

    Endpoint endpoint();

    /** The workload, when this is one. */
    default Optional<Workload> workload() {
        return Optional.empty();
    }

    record OfWorkload(Workload w) implements Target {
        @Override
        public Endpoint endpoint() {
            return new Endpoint.OfWorkload(w);
        }

        @Override
        public Optional<Workload> workload() {
            return Optional.of(w);
        }

        @Override
        public String toString() {
            return w.id();
        }
    }

    record External(Endpoint.External range) implements Target {
        @Override
        public Endpoint endpoint() {
            return range;
        }

        @Override
        public String toString() {
            return range.id();
        }
    }

    /** The node's host of the pod at the other end ({@code the host}): no endpoint of the analysis, asked of its own. */
    record NodeHost() implements Target {
        @Override
        public Endpoint endpoint() {
            throw new IllegalStateException("the host is no endpoint of the connectivity analysis");
        }

        @Override
        public String toString() {
            return "the host";
        }
    }
}
