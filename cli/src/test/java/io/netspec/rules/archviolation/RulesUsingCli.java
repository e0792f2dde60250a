package io.netspec.rules.archviolation;

import io.netspec.cli.Main;

/** Breaks the module order on purpose (rules must not use cli); ArchitectureTest checks it is caught. */
public final class RulesUsingCli {
    public int version() {
        return Main.run("--version");
    }
}
