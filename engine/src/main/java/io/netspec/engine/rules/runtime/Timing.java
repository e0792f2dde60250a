package io.netspec.engine.rules.runtime;

/**
 * Start-up checkpoints on stderr when {@code NETSPEC_TIMING=1}: milliseconds since the first
 * checkpoint (the CLI marks {@code main}) and since the previous one. The JVM's own start-up comes
 * before the first checkpoint: compare with the wall time. Costs nothing when off.
 */
public final class Timing {

    private static final boolean ON = System.getenv("NETSPEC_TIMING") != null;
    private static long first;
    private static long last;

    private Timing() {}

    /** Prints a checkpoint named {@code what}. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        if (first == 0) {
            first = now;
            last = now;
        }
        System.err.printf(
                "netspec timing: %5d ms (+%4d ms) %s%n", (now - first) / 1_000_000, (now - last) / 1_000_000, what);
        last = now;
    }
}
