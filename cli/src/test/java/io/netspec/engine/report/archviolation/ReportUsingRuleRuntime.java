package io.netspec.engine.report.archviolation;

import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;

/** Breaks the engine's layers on purpose (report renders findings without the rule runtime); ArchitectureTest checks it is caught. */
public final class ReportUsingRuleRuntime {
    public int builtInPacks() throws PackException {
        return PackLoader.builtIn().size();
    }
}
