package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link TextFiles#utf8}'s shortcut (the JDK's lenient decoding, kept when it wrote no replacement character)
 * gives exactly what the strict decoder gives, text or error, on random bytes in and around UTF-8.
 */
class TextFilesTest {

    @Property(tries = 2000)
    void decodesExactlyAsTheStrictDecoder(@ForAll("bytes") byte[] bytes) {
        TextFiles.TextFileException error =
                catchThrowableOfType(TextFiles.TextFileException.class, () -> TextFiles.utf8(bytes));
        String strict;
        try {
            strict = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            strict = null;
        }
        if (TextFiles.wideEncoding(bytes).isPresent()) {
            assertThat(error).isNotNull();
            return;
        }
        if (strict == null) {
            assertThat(error).as("malformed input is an error").isNotNull();
            assertThat(error.getMessage()).startsWith("not UTF-8 (byte 0x");
            return;
        }
        assertThat(error).isNull();
        String expected = !strict.isEmpty() && strict.charAt(0) == '\uFEFF' ? strict.substring(1) : strict;
        assertThat(decoded(bytes)).isEqualTo(expected);
    }

    /**
     * Reading the size a file says it has in one piece gives the same bytes, or the same error, as reading the
     * stream to its end within the limit, whether the size told the truth, was short (a file that grew, /proc's 0)
     * or long (a file that shrank), at and around the limit.
     */
    @Property(tries = 2000)
    void readingTheStatedSizeGivesWhatReadingTheStreamGives(
            @ForAll @IntRange(max = 40) int length,
            @ForAll @IntRange(max = 45) int sizeSaid,
            @ForAll @IntRange(max = 42) int max)
            throws Exception {
        int stated = sizeSaid % (max + 1); // a file that says it is over the limit is refused before it is read
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        Object plain = readOrError(() -> TextFiles.readBounded(new ByteArrayInputStream(content), max));
        Object sized = readOrError(() -> TextFiles.readBounded(new ByteArrayInputStream(content), max, stated));
        if (plain instanceof byte[] bytes) {
            assertThat(sized).isInstanceOf(byte[].class);
            assertThat((byte[]) sized).isEqualTo(bytes);
        } else {
            assertThat(sized).isEqualTo(plain);
        }
    }

    private interface Read {
        byte[] read() throws Exception;
    }

    /** The bytes, or the error's line and message. */
    private static Object readOrError(Read read) throws Exception {
        try {
            return read.read();
        } catch (TextFiles.TextFileException e) {
            return e.line() + ": " + e.getMessage();
        }
    }

    @Test
    void aWrittenReplacementCharacterIsTextAndAMalformedByteIsAnErrorWithItsLine() throws Exception {
        assertThat(TextFiles.utf8("a: \uFFFD\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a: \uFFFD\n");
        assertThat(TextFiles.utf8("\uFEFFa: é\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a: é\n");
        byte[] bad = "a: 1\nb: x\n".getBytes(StandardCharsets.US_ASCII);
        bad[8] = (byte) 0xC3; // a lead byte followed by a newline
        TextFiles.TextFileException e =
                catchThrowableOfType(TextFiles.TextFileException.class, () -> TextFiles.utf8(bad));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("not UTF-8 (byte 0xc3 at offset 8); save it as UTF-8");
    }

    private static String decoded(byte[] bytes) {
        try {
            return TextFiles.utf8(bytes);
        } catch (TextFiles.TextFileException e) {
            throw new AssertionError(e);
        }
    }

    /** Mostly ASCII, with valid multi-byte characters, U+FFFD and a BOM written out, and stray bytes. */
    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(6).map(s -> s.getBytes(StandardCharsets.US_ASCII)),
                Arbitraries.of("é", "€", "😀", "\uFFFD", "\uFEFF", "\u0085", "\u2028")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().map(b -> new byte[] {b}),
                Arbitraries.of(
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
                                new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong
                                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
                                new byte[] {(byte) 0xE2, (byte) 0x82}, // truncated
                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) // a BOM
                        .map(byte[]::clone));
        return piece.list().ofMaxSize(12).map(TextFilesTest::concat);
    }

    private static byte[] concat(List<byte[]> pieces) {
        int n = pieces.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
