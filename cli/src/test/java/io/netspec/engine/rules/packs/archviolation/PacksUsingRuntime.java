package io.netspec.engine.rules.packs.archviolation;

import io.netspec.engine.rules.runtime.RuleBudget;

/** Breaks the engine's layers on purpose (pack loading sits below the runtime that compiles packs); ArchitectureTest checks it is caught. */
public final class PacksUsingRuntime {
    public RuleBudget budget() {
        return RuleBudget.DEFAULT;
    }
}
