package io.netspec.engine.rules;


/**
 * Start-up checkpoints on stderr when {@code NETSPEC_TIMING=1}: milliseconds since the JVM started
 * and since the previous checkpoint. Costs nothing when off.
 */
public final class Timing {

    private static final boolean ON = System.getenv("NETSPEC_TIMING") != null;
    private static long last;

    private Timing() {
    }

    /** Prints a checkpoint named {@code what}. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long start = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        long now = System.currentTimeMillis();
        long sinceStart = start == 0 ? 0 : now - start;
        System.err.printf("netspec timing: %6d ms (+%5d ms) %s%n", sinceStart, last == 0 ? sinceStart : now - last, what);
        last = now;
    }
}
