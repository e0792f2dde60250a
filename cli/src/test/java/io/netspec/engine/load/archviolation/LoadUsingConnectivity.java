package io.netspec.engine.load.archviolation;

import io.netspec.engine.connectivity.PortRange;

/** Breaks the layering on purpose (load must not use connectivity); ArchitectureTest checks it is caught. */
public final class LoadUsingConnectivity {
    public PortRange range() {
        return PortRange.single(80);
    }
}
