package io.netspec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code -f/--format} and {@code -o/--output}, the same on every command: one spelling of each
 * format ({@link OutputFormat}), one error for a format the command does not write (naming those
 * it does), one way to write a file ({@link OutputFile}: missing folders created, a file that
 * cannot be written is one line with the reason, exit 2).
 */
final class OutputOptions {

    /** {@code -o -}: standard output, as for the manifests' {@code -}. */
    static final String STDOUT = "-";

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            description = "The output format: see Formats below (any case; md is markdown).")
    String format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Write to FILE instead of standard output (- is standard output); missing folders are created.")
    String output;

    /**
     * The format asked for, the command's default when none was, with the output made ready: the
     * file's folder is created now, so that a file that cannot be written fails before the work,
     * not after it. Empty after printing {@code netspec CMD: unknown --format X (expected: a, b, c)}
     * or {@code netspec CMD: cannot write F: reason} on {@code err} (the caller exits 2).
     */
    Optional<OutputFormat> format(String command, Formats formats, PrintStream err) {
        Optional<OutputFormat> found = format == null ? Optional.of(formats.defaultFormat()) : formats.find(format);
        if (found.isEmpty()) {
            err.println("netspec " + command + ": unknown --format " + format + " (expected: "
                    + formats.formats().stream().map(OutputFormat::wireName).collect(Collectors.joining(", ")) + ")");
            return found;
        }
        return ready(command, err) ? found : Optional.empty();
    }

    /** The output file's folder exists (created when missing) and the file is not a folder. */
    private boolean ready(String command, PrintStream err) {
        if (file().isEmpty()) {
            return true;
        }
        Path f = file().get();
        try {
            OutputFile.createFolder(f);
            if (Files.isDirectory(f)) {
                throw new FileSystemException(f.toString(), null, "Is a directory");
            }
            return true;
        } catch (IOException e) {
            err.println(OutputFile.cannotWrite(command, f, e));
            return false;
        }
    }

    /** The file to write, or empty for standard output. */
    Optional<Path> file() {
        return output == null || output.equals(STDOUT) ? Optional.empty() : Optional.of(Path.of(output));
    }

    /** True when the output goes to standard output (colour may then apply). */
    boolean toStdout() {
        return file().isEmpty();
    }

    /**
     * Writes {@code body} to the file or standard output.
     *
     * @return false after printing why the file could not be written (the caller exits 2)
     */
    boolean write(String command, OutputFile.Body body, PrintStream err) {
        try {
            return OutputFile.write(command, file().orElse(null), body, err);
        } catch (IOException e) {
            // the body failed writing (not the file's opening): the same one line
            err.println(OutputFile.cannotWrite(command, file().orElse(Path.of(STDOUT)), e));
            return false;
        }
    }

    /** As {@link #write(String, OutputFile.Body, PrintStream)}, for a body that writes encoded bytes. */
    boolean writeBytes(String command, OutputFile.ByteBody body, PrintStream err) {
        try {
            return OutputFile.writeBytes(command, file().orElse(null), body, err);
        } catch (IOException e) {
            err.println(OutputFile.cannotWrite(command, file().orElse(Path.of(STDOUT)), e));
            return false;
        }
    }

    /** As {@link #write(String, OutputFile.Body, PrintStream)}, for a body that prints to a stream. */
    boolean print(String command, OutputFile.StreamBody body, PrintStream err) {
        try {
            return OutputFile.print(command, file().orElse(null), body, err);
        } catch (IOException e) {
            err.println(OutputFile.cannotWrite(command, file().orElse(Path.of(STDOUT)), e));
            return false;
        }
    }
}
