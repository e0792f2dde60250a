package io.netspec.features.archviolation;

import io.netspec.cli.Main;

/** Breaks the module order on purpose (features must not use cli); ArchitectureTest checks it is caught. */
public final class FeaturesUsingCli {
    public int version() {
        return Main.run("--version");
    }
}
