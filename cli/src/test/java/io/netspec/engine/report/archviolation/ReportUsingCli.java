package io.netspec.engine.report.archviolation;

import io.netspec.cli.Main;

/** Breaks the module order on purpose (engine must not use cli); ArchitectureTest checks it is caught. */
public final class ReportUsingCli {
    public int version() {
        return Main.run("--version");
    }
}
