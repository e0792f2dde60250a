package io.netspec.cli;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.NetworkPlugin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loading the manifests on a thread of its own while the command does start-up work the load does not depend on
 * (reading the rule packs and loading the rule base: one core for 0.1-0.4 s). The load's reader threads then have
 * both cores sooner, and the rule base fills the gaps they leave (the single-threaded merge and cluster build at
 * the end of a load). What the load prints is held back and printed by {@link #join}, where the command used to
 * load: the output is the same, in the same order, and nothing of it appears when the command stops before (a
 * rule pack that does not load: then {@link #discard}).
 *
 * <p>Only for manifest files and stdin: a live cluster ({@code --cluster}) and {@code --render} (which runs
 * kustomize) are loaded where they always were, so that a command that stops early never touched them.
 */
final class EarlyLoad {

    private final FutureTask<LoadResult> task;
    private final ByteArrayOutputStream held;
    private final PrintStream heldErr;

    private EarlyLoad(FutureTask<LoadResult> task, ByteArrayOutputStream held, PrintStream heldErr) {
        this.task = task;
        this.held = held;
        this.heldErr = heldErr;
    }

    /** Starts loading {@code inputs}' files now when that is safe to do early, else loads them in {@link #join}. */
    static EarlyLoad start(
            InputOptions inputs, Optional<NetworkPlugin> configured, List<Cidr> podCidrs, List<Cidr> nodeCidrs) {
        if (!inputs.filesOnly()) {
            return new EarlyLoad(null, null, null);
        }
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        // UTF-8 here and back again in join: the text reaches the real stream through its own charset
        PrintStream heldErr = new PrintStream(held, true, StandardCharsets.UTF_8);
        FutureTask<LoadResult> task = new FutureTask<>(() -> inputs.load(heldErr, configured, podCidrs, nodeCidrs));
        Thread t = new Thread(task, "netspec-load");
        t.setDaemon(true); // never keeps the JVM alive
        t.start();
        return new EarlyLoad(task, held, heldErr);
    }

    /**
     * The load's result, its messages printed on {@code err} first. Loaded now when it was not started early.
     * An exception of the load (a bug) is thrown here, as it was when the load ran on this thread.
     */
    LoadResult join(
            InputOptions inputs,
            Optional<NetworkPlugin> configured,
            List<Cidr> podCidrs,
            List<Cidr> nodeCidrs,
            PrintStream err) {
        if (task == null) {
            return inputs.load(err, configured, podCidrs, nodeCidrs);
        }
        LoadResult result;
        try {
            result = task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("loading manifests was interrupted");
        } catch (ExecutionException e) {
            printHeld(err);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        printHeld(err);
        return result;
    }

    /** The command stops before it needs the manifests: the load is stopped and what it printed is dropped. */
    void discard() {
        if (task != null) {
            task.cancel(true);
        }
    }

    private void printHeld(PrintStream err) {
        heldErr.flush();
        if (held.size() > 0) {
            err.print(held.toString(StandardCharsets.UTF_8));
            err.flush();
        }
    }
}
