package io.netspec.cli;

import io.netspec.engine.report.Ansi;
import io.netspec.engine.rules.runtime.PackCache;

/**
 * The global options of one CLI run ({@code --color}, {@code --debug}), handed by {@link Main} to
 * each command as a value: no system property carries them, so runs in one JVM (the CLI tests)
 * cannot leak them into each other.
 */
record Session(Ansi.Mode color, boolean debug) {

    static final Session DEFAULT = new Session(Ansi.Mode.AUTO, false);

    /** Colour for a report on standard output; files and pipes never get any. */
    Ansi stdout() {
        return Ansi.forStdout(color);
    }

    /** The user's pack cache, saying why an entry is not used under {@code --debug}. */
    PackCache packCache() {
        return PackCache.standard().withDebug(debug);
    }

    /** A command that reads the session; {@link Main} hands it over before running the command. */
    interface Aware {
        void session(Session session);
    }
}
