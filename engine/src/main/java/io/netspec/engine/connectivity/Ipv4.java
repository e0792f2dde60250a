package io.netspec.engine.connectivity;

import java.util.Optional;
import java.util.OptionalLong;

/** IPv4 addresses as unsigned 32-bit values in a long. */
public final class Ipv4 {

    private Ipv4() {}

    public static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Parses a dotted quad ({@code 10.0.0.1}); empty when it is not one. */
    public static OptionalLong parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return OptionalLong.empty();
        }
        long out = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return OptionalLong.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return OptionalLong.empty();
            }
            out = out * 256 + octet;
        }
        return OptionalLong.of(out);
    }

    /**
     * Parses an address range outside the cluster: an address ({@code 8.8.8.8}), a CIDR
     * ({@code 10.0.0.0/8}, host bits ignored), or a range as the corpus writes it
     * ({@code 10.0.0.0-10.0.255.255}, optionally with {@code [External]}). Empty when it is none of these.
     */
    public static Optional<Endpoint.External> parseRange(String text) {
        String t = text.trim();
        if (t.endsWith("[External]")) {
            t = t.substring(0, t.length() - "[External]".length());
        }
        int slash = t.indexOf('/');
        int dash = t.indexOf('-');
        if (slash >= 0) {
            OptionalLong address = parse(t.substring(0, slash));
            String bitsText = t.substring(slash + 1);
            if (address.isEmpty()
                    || bitsText.isEmpty()
                    || bitsText.length() > 2
                    || !bitsText.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int bits = Integer.parseInt(bitsText);
            if (bits > 32) {
                return Optional.empty();
            }
            long size = 1L << (32 - bits);
            long first = address.getAsLong() & ~(size - 1) & 0xFFFF_FFFFL;
            return Optional.of(new Endpoint.External(first, first + size - 1));
        }
        if (dash >= 0) {
            OptionalLong first = parse(t.substring(0, dash));
            OptionalLong last = parse(t.substring(dash + 1));
            if (first.isEmpty() || last.isEmpty() || first.getAsLong() > last.getAsLong()) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint.External(first.getAsLong(), last.getAsLong()));
        }
        OptionalLong address = parse(t);
        return address.isPresent()
                ? Optional.of(new Endpoint.External(address.getAsLong(), address.getAsLong()))
                : Optional.empty();
    }
}
