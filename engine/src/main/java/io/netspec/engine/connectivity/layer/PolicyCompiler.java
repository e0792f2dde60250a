package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.Cluster;

/**
 * Compiles one kind of policy of a cluster into the normalised model: tiers, rules and selections.
 * Adding a policy kind is a reader in {@code load/}, one compiler, and conformance cases; the
 * evaluator, explanations, rules and CLI need no change.
 */
public interface PolicyCompiler {

    void compile(Cluster cluster, LayerModel.Builder out);
}
