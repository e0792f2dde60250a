package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses CIDR text as Kubernetes does ({@code netutils.ParseCIDRSloppy}): host bits may be set (the
 * range is the masked network, and the caller warns). IPv6 is parsed for validation and containment
 * but kept as text in {@link Cidr}. Never resolves host names: only literal addresses reach
 * {@link InetAddress}.
 */
final class CidrParser {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private CidrParser() {}

    /** A parsed range with exact bounds for both families, or the reason it is invalid. */
    record Parsed(Cidr cidr, BigInteger first, BigInteger last, boolean hostBitsSet, String network, String error) {

        boolean ok() {
            return error == null;
        }

        boolean sameFamily(Parsed other) {
            return cidr.ipv6() == other.cidr.ipv6();
        }

        /** Strictly inside: contained and a longer prefix (Kubernetes: "must be a strict subset of cidr"). */
        boolean strictlyContains(Parsed other) {
            return sameFamily(other)
                    && first.compareTo(other.first) <= 0
                    && other.last.compareTo(last) <= 0
                    && !(first.equals(other.first) && last.equals(other.last));
        }
    }

    static Parsed parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return failure(t, "invalid CIDR \"" + t + "\": missing /prefix length");
        }
        String addr = t.substring(0, slash);
        String prefixText = t.substring(slash + 1);
        boolean ipv6 = addr.contains(":");
        int bits = ipv6 ? 128 : 32;
        int prefix;
        try {
            if (prefixText.isEmpty() || !prefixText.chars().allMatch(Character::isDigit) || prefixText.length() > 3) {
                throw new NumberFormatException();
            }
            prefix = Integer.parseInt(prefixText);
        } catch (NumberFormatException e) {
            return failure(t, "invalid CIDR \"" + t + "\": prefix length \"" + prefixText + "\" is not a number");
        }
        if (prefix > bits) {
            return failure(t, "invalid CIDR \"" + t + "\": prefix length " + prefix + " is out of range 0-" + bits);
        }
        byte[] bytes = ipv6 ? ipv6Bytes(addr) : ipv4Bytes(addr);
        if (bytes == null) {
            return failure(
                    t, "invalid CIDR \"" + t + "\": \"" + addr + "\" is not an IPv" + (ipv6 ? "6" : "4") + " address");
        }
        BigInteger address = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = address.andNot(hostMask);
        BigInteger last = first.or(hostMask);
        boolean hostBits = !first.equals(address);
        String network = (ipv6 ? format6(first) : format4(first.longValue())) + "/" + prefix;
        Cidr cidr = ipv6 ? new Cidr(t, true, 0, 0) : new Cidr(t, false, first.longValue(), last.longValue());
        return new Parsed(cidr, first, last, hostBits, network, null);
    }

    private static Parsed failure(String text, String error) {
        return new Parsed(new Cidr(text, false, 0, 0), BigInteger.ZERO, BigInteger.ZERO, false, text, error);
    }

    private static byte[] ipv4Bytes(String addr) {
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] ipv6Bytes(String addr) {
        if (!IPV6_CHARS.matcher(addr).matches() || addr.contains(":::")) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            if (b.length == 4) { // an IPv4-mapped address: Java returns the IPv4 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String format4(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    private static String format6(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, b, 16 - copy, copy);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return v.toString(16);
        }
    }
}
