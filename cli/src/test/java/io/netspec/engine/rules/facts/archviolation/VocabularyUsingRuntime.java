package io.netspec.engine.rules.facts.archviolation;

import io.netspec.engine.rules.runtime.RuleBudget;

/** Breaks the engine's layers on purpose (what DRL imports must not reach into the runtime); ArchitectureTest checks it is caught. */
public final class VocabularyUsingRuntime {
    public RuleBudget budget() {
        return RuleBudget.DEFAULT;
    }
}
