package io.netspec.engine.model.calico;

/**
 * A Calico rule protocol: by name ({@code TCP}, {@code UDP}, {@code ICMP}, {@code ICMPv6},
 * {@code SCTP}, {@code UDPLite}) or by number 1-255; {@code number} is the IANA number either way.
 */
public record CalicoProtocol(int number, String text) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;
    public static final int UDPLITE = 136;

    /** Calico's {@code numorstring.Protocol.SupportsPorts}: TCP, UDP and SCTP (numbers included). */
    public boolean supportsPorts() {
        return number == TCP || number == UDP || number == SCTP;
    }

    public boolean isIcmp() {
        return number == ICMP || number == ICMPV6;
    }

    @Override
    public String toString() {
        return text;
    }
}
