package io.netspec.cli;

/** A command with {@link OutputOptions}: {@code --help} lists its formats from here, and so does the CLI test. */
interface FormattedCommand {

    Formats formats();
}
