package io.netspec.engine.rules;

import org.kie.api.KieBase;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads the built-in packs and builds their precompiled rule base on a background thread, so that
 * the work overlaps the command line parsing and manifest loading that come first. The CLI starts
 * it as its first act for commands that will need the rules; {@link PackLoader#builtIn()} and
 * {@link RuleEngine#compile} then take the result (or do the work themselves when it was not
 * started or failed: a failure is reported by the synchronous path, never here).
 */
final class BuiltInPrefetch {

    record Result(List<Pack> packs, Optional<KieBase> kieBase) {
    }

    private static volatile CompletableFuture<Result> started;

    private BuiltInPrefetch() {
    }

    static synchronized void start() {
        if (started == null) {
            started = CompletableFuture.supplyAsync(() -> {
                try {
                    List<Pack> packs = PackLoader.scanBuiltIn();
                    return new Result(packs, PrecompiledPacks.load(packs, PackLoader.class.getClassLoader()));
                } catch (PackException e) {
                    return null;
                }
            });
        }
    }

    /** The prefetched packs and rule base (a rule base may serve several engines); empty when not started or failed. */
    static synchronized Optional<Result> take() {
        CompletableFuture<Result> f = started;
        if (f == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
