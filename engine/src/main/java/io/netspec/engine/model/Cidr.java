package io.netspec.engine.model;

/**
 * An IP range in CIDR notation. IPv4 ranges carry their inclusive bounds as unsigned 32-bit
 * values in {@code first}/{@code last}; IPv6 ranges are kept as text only ({@code ipv6 = true}).
 */
public record Cidr(String text, boolean ipv6, long first, long last) {

    public boolean contains(Cidr other) {
        return !ipv6 && !other.ipv6 && first <= other.first && other.last <= last;
    }

    public boolean containsAddress(long address) {
        return !ipv6 && first <= address && address <= last;
    }

    @Override
    public String toString() {
        return text;
    }
}
