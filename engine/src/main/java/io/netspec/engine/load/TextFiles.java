package io.netspec.engine.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reading text that someone else wrote: manifests, configs, pack files. Only regular files are opened (a FIFO
 * would block forever, a device never ends), at most a bounded number of bytes are read, and text that is not
 * UTF-8 is one error with its line instead of a decoder exception.
 */
public final class TextFiles {

    /** Bytes read at most from one config or pack file. Manifests use {@link LoadOptions#maxDocumentBytes()}. */
    public static final long MAX_SMALL_FILE_BYTES = 4L * 1024 * 1024;

    private TextFiles() {}

    /** Why a file was not read, with the 1-based line when it is about the content (0 when not). */
    public static final class TextFileException extends Exception {
        private final int line;

        public TextFileException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * "not a regular file" for FIFOs, sockets and devices (after following links), so that they are never
     * opened; empty for regular files and folders.
     */
    public static Optional<String> notRegular(Path path) {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            if (a.isRegularFile() || a.isDirectory()) {
                return Optional.empty();
            }
            return Optional.of("not a regular file (a FIFO, socket or device); it is not read");
        } catch (IOException e) {
            return Optional.empty(); // missing or unreadable: the read says why
        }
    }

    /** The bytes of a regular file, refusing anything else and anything over {@code max} bytes. */
    public static byte[] readBounded(Path file, long max) throws IOException, TextFileException {
        Optional<String> other = notRegular(file);
        if (other.isPresent()) {
            throw new TextFileException(0, other.get());
        }
        long size = Files.size(file);
        if (size > max) {
            throw new TextFileException(
                    1, "file is " + size + " bytes, over the limit of " + max + " bytes; it is not read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, max, (int) size); // the size can lie (/proc) or grow while we read
        }
    }

    /**
     * As {@link #readBounded(InputStream, long)}, reading the {@code expected} bytes a file says it has straight into
     * one array: {@code readNBytes(int)} reads in 8 KiB chunks and copies them all once more, a few percent of
     * loading a large cluster. A stream that holds fewer bytes gives those, one that holds more is read on within
     * {@code max}, so the bytes and errors are the same whatever the size said ({@code TextFilesTest}).
     */
    static byte[] readBounded(InputStream in, long max, int expected) throws IOException, TextFileException {
        byte[] bytes = new byte[expected];
        int n = in.readNBytes(bytes, 0, expected);
        if (n < expected) {
            return Arrays.copyOf(bytes, n);
        }
        int next = in.read();
        if (next < 0) {
            return bytes;
        }
        long left = max - expected - 1; // bytes still allowed after the one just read
        if (left < 0) {
            throw overLimit(max);
        }
        byte[] rest = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, left + 1));
        if (rest.length > left) {
            throw overLimit(max);
        }
        byte[] all = Arrays.copyOf(bytes, expected + 1 + rest.length);
        all[expected] = (byte) next;
        System.arraycopy(rest, 0, all, expected + 1, rest.length);
        return all;
    }

    private static TextFileException overLimit(long max) {
        return new TextFileException(1, "file is over the limit of " + max + " bytes; it is not read");
    }

    /** At most {@code max} bytes of a stream; more is an error, and no more than {@code max + 1} are read. */
    public static byte[] readBounded(InputStream in, long max) throws IOException, TextFileException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            throw overLimit(max);
        }
        return bytes;
    }

    /** A regular file's text, strictly UTF-8, at most {@link #MAX_SMALL_FILE_BYTES}. */
    public static String readUtf8(Path file) throws IOException, TextFileException {
        return utf8(readBounded(file, MAX_SMALL_FILE_BYTES));
    }

    /** Strict UTF-8 (a leading byte order mark dropped); otherwise one error naming the line of the first bad byte. */
    public static String utf8(byte[] bytes) throws TextFileException {
        Optional<String> wide = wideEncoding(bytes);
        if (wide.isPresent()) {
            throw new TextFileException(1, "not UTF-8: the text looks like " + wide.get() + "; save it as UTF-8");
        }
        String lenient = withoutReplacements(bytes);
        if (lenient != null) {
            return !lenient.isEmpty() && lenient.charAt(0) == '\uFEFF' ? lenient.substring(1) : lenient;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = strict.decode(ByteBuffer.wrap(bytes)).toString();
            return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstMalformed(bytes);
            throw new TextFileException(
                    lineOf(bytes, bad),
                    "not UTF-8 (byte 0x"
                            + String.format("%02x", bytes[Math.min(bad, bytes.length - 1)] & 0xff) + " at offset " + bad
                            + "); save it as UTF-8");
        }
    }

    /**
     * The bytes decoded leniently, when that put no replacement character (U+FFFD) in the text, else null. The
     * lenient decoder writes U+FFFD for every malformed sequence, so a text without one is what the strict decoder
     * gives; and it is several times faster (the strict one decodes into a char buffer that is then copied and
     * compressed again, where the lenient one copies ASCII, nearly every manifest, straight into a Latin-1 string).
     * A text that does hold U+FFFD (malformed, or written as such) is left to the strict decoder.
     * {@code TextFilesTest} compares both on random bytes.
     */
    static String withoutReplacements(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf('\uFFFD') < 0 ? text : null;
    }

    /**
     * UTF-16 or UTF-32, by byte order mark or by the NUL bytes that ASCII text has in those encodings
     * (a UTF-8 manifest has none: YAML forbids NUL).
     */
    static Optional<String> wideEncoding(byte[] b) {
        if (startsWith(b, 0xFF, 0xFE, 0, 0)) {
            return Optional.of("UTF-32LE (byte order mark FF FE 00 00)");
        }
        if (startsWith(b, 0, 0, 0xFE, 0xFF)) {
            return Optional.of("UTF-32BE (byte order mark 00 00 FE FF)");
        }
        if (startsWith(b, 0xFF, 0xFE)) {
            return Optional.of("UTF-16LE (byte order mark FF FE)");
        }
        if (startsWith(b, 0xFE, 0xFF)) {
            return Optional.of("UTF-16BE (byte order mark FE FF)");
        }
        int n = Math.min(b.length, 64);
        int nuls = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                nuls++;
            }
        }
        if (n >= 4 && nuls * 4 >= n) {
            return Optional.of(nuls * 3 >= n * 2 ? "UTF-32 (no byte order mark)" : "UTF-16 (no byte order mark)");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The 1-based line of byte {@code offset}, counting LF. */
    static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    static int firstMalformed(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return bytes.length;
            }
            out.clear();
        }
    }
}
