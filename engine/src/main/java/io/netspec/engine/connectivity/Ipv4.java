package io.netspec.engine.connectivity;

/** IPv4 addresses as unsigned 32-bit values in a long. */
public final class Ipv4 {

    private Ipv4() {
    }

    public static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
