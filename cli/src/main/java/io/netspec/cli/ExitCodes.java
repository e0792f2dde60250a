package io.netspec.cli;

/** The exit codes every subcommand uses. "The tool broke" is never confused with "the policy failed". */
public final class ExitCodes {
    public static final int OK = 0;
    /** Findings at or above --fail-on, or failed specs. */
    public static final int FAILED = 1;
    /** Bad input or usage. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
