package io.netspec.features.run;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Cucumber logs through java.util.logging, whose default console handler prints a timestamped
 * two-line record on stderr ("WARNING: No features found at ..."). netspec keeps its streams to
 * the command's own output: Cucumber's records stop at the {@code io.cucumber} logger, and during
 * a run its warnings and errors are printed as one {@code netspec test:} line on the run's error
 * stream, so that a real problem is not hidden. Debug and info records are dropped.
 */
final class CucumberLogging {

    /** Held here: java.util.logging keeps loggers only weakly, and would forget the configuration. */
    private static final Logger CUCUMBER = Logger.getLogger("io.cucumber");

    private static final Forward FORWARD = new Forward();
    private static final Formatter MESSAGE = new SimpleFormatter();

    static {
        CUCUMBER.setUseParentHandlers(false);
        CUCUMBER.setLevel(Level.WARNING);
        CUCUMBER.addHandler(FORWARD);
    }

    private CucumberLogging() {}

    /** Stops Cucumber's records at the {@code io.cucumber} logger (done once, when this class loads). */
    static void quiet() {
        // the static initialiser did it
    }

    /** Where Cucumber's warnings go from now on; {@code null}: nowhere (outside a run). */
    static void to(PrintStream err) {
        FORWARD.err = err;
    }

    private static final class Forward extends Handler {
        volatile PrintStream err;

        @Override
        public void publish(LogRecord record) {
            PrintStream target = err;
            if (target == null || record.getLevel().intValue() < Level.WARNING.intValue()) {
                return;
            }
            String message = MESSAGE.formatMessage(record);
            target.println("netspec test: "
                    + String.valueOf(message).lines().findFirst().orElse(""));
        }

        @Override
        public void flush() {
            PrintStream target = err;
            if (target != null) {
                target.flush();
            }
        }

        @Override
        public void close() {
            err = null;
        }
    }
}
