package io.netspec.engine.rules;

import io.netspec.engine.model.Workload;
import java.util.Collection;
import java.util.Comparator;

/** Picks facts in the order they are written (file, then line), so findings land deterministically. */
public final class SourceOrder {

    private static final Comparator<Workload> WRITTEN = Comparator.comparing(
                    (Workload w) -> w.source().file())
            .thenComparingInt(w -> w.source().line())
            .thenComparing(Workload::id);

    private SourceOrder() {}

    /** The workload written first. */
    public static Workload first(Collection<?> workloads) {
        return workloads.stream()
                .map(Workload.class::cast)
                .min(WRITTEN)
                .orElseThrow(() -> new IllegalArgumentException("no workloads"));
    }
}
