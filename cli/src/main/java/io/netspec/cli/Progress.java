package io.netspec.cli;

import io.netspec.engine.report.Ansi;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The phase of a long run ({@code netspec: running rules (4 s)}) on one stderr line rewritten with
 * {@code \r}: shown only once the run has lasted {@value #DELAY_MILLIS} ms, refreshed every
 * {@value #PERIOD_MILLIS} ms by a daemon thread, and only when the output is an interactive
 * terminal ({@link #enabled}). Pipes, files, CI logs and tests get nothing at all.
 *
 * <p>{@link Main} opens one around the command ({@link #start()}, closed in a try-with-resources);
 * commands name their phases with {@link #phase(String)}, which does nothing when none is open.
 * While one is shown, {@code System.out} and {@code System.err} are wrapped so that the command's
 * own output first clears the line (the bytes written are unchanged); {@link #close()} stops the
 * thread, clears the line and restores both streams.
 */
public final class Progress implements AutoCloseable {

    /** Set to {@code 0} to turn progress off on a terminal too. */
    static final String ENV = "NETSPEC_PROGRESS";

    static final long DELAY_MILLIS = 2000;
    static final long PERIOD_MILLIS = 500;

    private static final Progress OFF = new Progress();
    private static volatile Progress current;

    private final PrintStream terminal;
    private final LongSupplier millis;
    private final long delay;
    private final long started;
    private final Object lock = new Object();
    /** False only for {@link #OFF}. */
    private final boolean on;
    /** The refresh thread; null for {@link #OFF} and for a progress ticked by hand (period 0). */
    private final Thread thread;

    private volatile String phase;
    private volatile boolean closed;
    /** Length of the progress line on screen; 0 when none is. Guarded by {@link #lock}. */
    private int shown;
    /** Whether the command's last byte ended a line, so that {@code \r} overwrites nothing of it. */
    private boolean atLineStart = true;

    private PrintStream savedOut;
    private PrintStream savedErr;

    private Progress() {
        this.terminal = null;
        this.millis = null;
        this.delay = 0;
        this.started = 0;
        this.on = false;
        this.thread = null;
    }

    /**
     * Forced on: writes to {@code terminal}, times with {@code millis}, refreshes every {@code period} ms;
     * with {@code period} 0 no thread runs and only {@link #tick()} calls refresh (deterministic tests).
     */
    Progress(PrintStream terminal, LongSupplier millis, long delay, long period) {
        this.terminal = terminal;
        this.millis = millis;
        this.delay = delay;
        this.started = millis.getAsLong();
        this.on = true;
        if (period <= 0) {
            this.thread = null;
            return;
        }
        this.thread = new Thread(
                () -> {
                    try {
                        while (!closed) {
                            tick();
                            Thread.sleep(period);
                        }
                    } catch (InterruptedException e) {
                        // closed
                    }
                },
                "netspec-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** Progress for this run on stderr when it is an interactive terminal; otherwise one that does nothing. */
    public static Progress start() {
        if (!enabled(interactive(), System.getenv())) {
            return OFF;
        }
        Progress progress = new Progress(System.err, System::currentTimeMillis, DELAY_MILLIS, PERIOD_MILLIS);
        progress.savedOut = System.out;
        progress.savedErr = System.err;
        System.setOut(progress.clearing(System.out, "stdout.encoding"));
        System.setErr(progress.clearing(System.err, "stderr.encoding"));
        current = progress;
        return progress;
    }

    /** Names the phase the open progress shows; nothing when none is open. */
    public static void phase(String name) {
        Progress progress = current;
        if (progress != null) {
            progress.show(name);
        }
    }

    /** On a terminal, unless {@code TERM=dumb} or {@value #ENV}{@code =0}. */
    static boolean enabled(boolean terminal, Map<String, String> env) {
        return terminal && !"dumb".equals(env.get("TERM")) && !"0".equals(env.get(ENV));
    }

    /**
     * As {@code Ansi} decides for stdout: {@code System.console() != null}, and on JDK 22 and newer
     * also {@code Console.isTerminal()}. Where {@code /proc} tells, stderr must be a terminal too
     * ({@code 2>file} keeps a console).
     */
    static boolean interactive() {
        if (!Ansi.stdoutIsTerminal()) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    void show(String name) {
        if (on) {
            phase = name;
        }
    }

    /** Rewrites the line with the phase and the elapsed seconds, once the delay has passed. */
    void tick() {
        synchronized (lock) {
            String now = phase;
            long elapsed = millis.getAsLong() - started;
            if (closed || now == null || elapsed < delay || !atLineStart) {
                return;
            }
            String text = "netspec: " + now + " (" + elapsed / 1000 + " s)";
            terminal.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            terminal.flush();
            shown = Math.max(shown, text.length());
        }
    }

    private void clearLine() {
        if (shown > 0) {
            terminal.print("\r" + " ".repeat(shown) + "\r");
            terminal.flush();
            shown = 0;
        }
    }

    /** {@code target} behind a stream that clears the progress line before each write. */
    PrintStream clearing(PrintStream target, String encodingProperty) {
        OutputStream out = new FilterOutputStream(target) {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (len == 0) {
                    return;
                }
                synchronized (lock) {
                    clearLine();
                    target.write(b, off, len);
                    atLineStart = b[off + len - 1] == '\n';
                }
            }

            @Override
            public void flush() {
                target.flush();
            }
        };
        String encoding = System.getProperty(
                encodingProperty,
                System.getProperty(
                        "sun." + encodingProperty, Charset.defaultCharset().name()));
        try {
            return new PrintStream(out, true, encoding);
        } catch (UnsupportedEncodingException e) {
            return new PrintStream(out, true, Charset.defaultCharset());
        }
    }

    /** Whether the refresh thread is alive. */
    boolean running() {
        return thread != null && thread.isAlive();
    }

    /** Stops the thread, clears the line and restores stdout and stderr. */
    @Override
    public void close() {
        if (!on || closed) {
            return;
        }
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (savedOut != null) {
            System.out.flush();
            System.err.flush();
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        synchronized (lock) {
            clearLine();
        }
        if (current == this) {
            current = null;
        }
    }
}
