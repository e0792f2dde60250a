package io.netspec.engine.connectivity.archviolation;

import io.netspec.engine.load.LoadOptions;

/** Breaks the layering on purpose (connectivity must not use load); ArchitectureTest checks it is caught. */
public final class ConnectivityUsingLoad {
    public LoadOptions options() {
        return LoadOptions.DEFAULTS;
    }
}
