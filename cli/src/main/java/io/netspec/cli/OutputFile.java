package io.netspec.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Where a command's {@code -o/--output} goes: the file (its folder created if missing) or, without
 * one, standard output. A file that cannot be written is one line with the operating system's
 * reason: {@code netspec CMD: cannot write FILE: No such file or directory}.
 */
final class OutputFile {

    /** Writes the output; the writer is buffered, UTF-8, and closed or flushed by {@link #write}. */
    @FunctionalInterface
    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes the output as bytes already encoded in UTF-8; the stream is unbuffered (write large blocks), closed or flushed by {@link #writeBytes}. */
    @FunctionalInterface
    interface ByteBody {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the output as bytes (Cucumber's plugins print to a stream); the stream is closed or flushed by {@link #print}. */
    @FunctionalInterface
    interface StreamBody {
        void writeTo(PrintStream out) throws IOException;
    }

    private OutputFile() {}

    /**
     * As {@link #write}, for a body that prints to a stream.
     *
     * @return false after printing why {@code file} could not be written (the caller exits {@link ExitCodes#USAGE})
     */
    static boolean print(String command, Path file, StreamBody body, PrintStream err) throws IOException {
        if (file == null) {
            body.writeTo(System.out);
            System.out.flush();
            return true;
        }
        try {
            createFolder(file);
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
                body.writeTo(out);
            }
            return true;
        } catch (IOException e) {
            err.println(cannotWrite(command, file, e));
            return false;
        }
    }

    /** Creates the folder {@code file} goes into when it is missing. */
    static void createFolder(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }

    /**
     * Writes {@code body} to {@code file}, or to standard output when {@code file} is null.
     *
     * @return false after printing why {@code file} could not be written (the caller exits {@link ExitCodes#USAGE})
     */
    static boolean write(String command, Path file, Body body, PrintStream err) throws IOException {
        return writeBytes(
                command,
                file,
                out -> {
                    // as Files.newBufferedWriter, a file reports what UTF-8 cannot encode; standard output replaces it
                    Writer writer = new BufferedWriter(
                            file == null
                                    ? new OutputStreamWriter(out, StandardCharsets.UTF_8)
                                    : new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
                    body.writeTo(writer);
                    writer.flush();
                },
                err);
    }

    /** As {@link #write}, for a body that writes encoded bytes (the reach list's millions of lines). */
    static boolean writeBytes(String command, Path file, ByteBody body, PrintStream err) throws IOException {
        if (file == null) {
            body.writeTo(System.out);
            System.out.flush();
            return true;
        }
        try {
            createFolder(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                body.writeTo(out);
            }
            return true;
        } catch (IOException e) {
            err.println(cannotWrite(command, file, e));
            return false;
        }
    }

    /** {@code netspec CMD: cannot write FILE: reason}, naming the folder when it is what failed. */
    static String cannotWrite(String command, Path file, IOException e) {
        if (e instanceof FileSystemException f
                && f.getFile() != null
                && !Path.of(f.getFile()).toAbsolutePath().equals(file.toAbsolutePath())) {
            // a folder on the way: createDirectories says "already exists" for a plain file in the way
            String why = e instanceof FileAlreadyExistsException ? "Not a directory" : reason(e);
            return "netspec " + command + ": cannot write " + file + ": cannot create folder " + f.getFile() + ": "
                    + why;
        }
        return "netspec " + command + ": cannot write " + file + ": " + reason(e);
    }

    /**
     * The operating system's words for an I/O failure. NIO puts only the path in the message of
     * its common exceptions, so their type is the reason.
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
