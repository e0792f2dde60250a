package io.netspec.features.reference;

import io.netspec.features.SpecInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 CIDR text to its inclusive address range, as unsigned 32-bit values. */
final class Cidrs {

    private static final Pattern CIDR =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");

    private Cidrs() {}

    /** {@code {first, last}}; a bare address is a /32. */
    static long[] parse(String text) {
        Matcher m = CIDR.matcher(text.trim());
        if (!m.matches()) {
            throw new SpecInputException("not an IPv4 CIDR: \"" + text + "\" (write A.B.C.D/N)");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new SpecInputException("not an IPv4 CIDR: \"" + text + "\" (octet " + octet + " > 255)");
            }
            address = (address << 8) | octet;
        }
        int bits = m.group(5) == null ? 32 : Integer.parseInt(m.group(5));
        if (bits > 32) {
            throw new SpecInputException("not an IPv4 CIDR: \"" + text + "\" (prefix /" + bits + " > 32)");
        }
        long size = 1L << (32 - bits);
        long first = address & ~(size - 1) & 0xFFFF_FFFFL;
        return new long[] {first, first + size - 1};
    }
}
