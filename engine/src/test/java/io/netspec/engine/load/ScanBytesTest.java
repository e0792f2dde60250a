package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast path reads structure from scan bytes and takes values from the text: a scan byte must be the char where it
 * is ASCII and mark a non-ASCII char otherwise, whether it is the file's own bytes or made from the text, and the
 * strings shared per file must be the chars of their range.
 */
class ScanBytesTest {

    @Property(tries = 2000)
    void scanBytesAreTheCharsWhereAsciiAndMarkTheRest(@ForAll("mostlyAscii") byte[] bytes) {
        String lenient = new String(bytes, StandardCharsets.UTF_8); // as the loader decodes a file that is not UTF-8
        byte[] scan = YamlDocuments.scanBytes(lenient, bytes);
        Statistics.collect(scan == bytes ? "the file's bytes" : "made from the text");
        assertScans(lenient, scan);
        assertScans(lenient, YamlDocuments.scanBytes(lenient, null));
        if (!lenient.isEmpty()) {
            String withoutFirst = lenient.substring(1); // a dropped byte order mark: the bytes no longer line up
            assertScans(withoutFirst, YamlDocuments.scanBytes(withoutFirst, bytes));
        }
    }

    private static void assertScans(String text, byte[] scan) {
        assertThat(scan).hasSize(text.length());
        for (int i = 0; i < scan.length; i++) {
            char c = text.charAt(i);
            if (scan[i] >= 0) {
                assertThat((char) scan[i]).as("at %d of %s", i, text).isEqualTo(c);
            } else {
                assertThat((int) c).as("at %d of %s", i, text).isGreaterThanOrEqualTo(0x80);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mostlyAscii() {
        Arbitrary<Byte> ascii = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E);
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<byte[]> utf8 =
                Arbitraries.of("é", "日本", "😀", "\u0085", "\uFEFF").map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                        Arbitraries.frequencyOf(Tuple.of(8, ascii), Tuple.of(1, any))
                                .map(b -> new byte[] {b}),
                        utf8)
                .list()
                .ofMaxSize(40)
                .map(ScanBytesTest::concat);
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * Many short strings over a few letters share the table's 1,024 slots with many others: every string given back is
     * the chars of its range, and an ASCII one asked again right away is the same instance.
     */
    @Property(tries = 200)
    void sharedStringsAreTheCharsOfTheirRange(@ForAll("words") List<String> words) {
        String text = String.join(" ", words);
        byte[] scan = YamlDocuments.scanBytes(text, null);
        FileStrings strings = new FileStrings();
        int from = 0;
        for (String w : words) {
            int to = from + w.length();
            String got = strings.get(text, scan, from, to);
            assertThat(got).isEqualTo(w);
            String again = strings.get(text, scan, from, to);
            assertThat(again).isEqualTo(w);
            if (w.chars().allMatch(c -> c < 0x80) && w.length() <= FileStrings.MAX_LENGTH) {
                assertThat(again).isSameAs(got);
            }
            from = to + 1;
        }
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> shortWords =
                Arbitraries.strings().withChars("abcdeé日").ofMinLength(0).ofMaxLength(4);
        Arbitrary<String> longWords =
                Arbitraries.strings().withChars("ab").ofMinLength(60).ofMaxLength(70);
        return Arbitraries.frequencyOf(Tuple.of(20, shortWords), Tuple.of(1, longWords))
                .list()
                .ofMinSize(1)
                .ofMaxSize(3000);
    }
}
