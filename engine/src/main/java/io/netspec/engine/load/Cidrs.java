package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;

/** CIDR text the user gives outside manifests (settings such as {@code podCIDRs:} and {@code --pod-cidr}). */
public final class Cidrs {

    private Cidrs() {}

    /**
     * The range of {@code text}, IPv4 or IPv6.
     *
     * @throws IllegalArgumentException why it is not a CIDR, or that it has host bits set (a setting is read as
     *     written: {@code 10.244.1.0/16} is more likely a typo than {@code 10.244.0.0/16})
     */
    public static Cidr parse(String text) {
        CidrParser.Parsed p = CidrParser.parse(text);
        if (!p.ok()) {
            throw new IllegalArgumentException(p.error());
        }
        if (p.hostBitsSet()) {
            throw new IllegalArgumentException(
                    "invalid CIDR \"" + text.trim() + "\": host bits are set (the network is " + p.network() + ")");
        }
        return p.cidr();
    }
}
