package io.netspec.engine.model.archviolation;

import io.netspec.engine.load.LoadProblem;

/** Breaks the layering on purpose (model is the bottom layer); ArchitectureTest checks it is caught. */
public final class ModelUsingLoad {
    public LoadProblem.Severity severity() {
        return LoadProblem.Severity.ERROR;
    }
}
