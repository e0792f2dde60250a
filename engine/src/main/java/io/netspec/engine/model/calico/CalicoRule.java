package io.netspec.engine.model.calico;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.SourceRef;
import java.util.Optional;

/**
 * One rule of a Calico policy, as written. {@code index} is its 0-based position in its list.
 *
 * @param ipv6Only {@code ipVersion: 6}: the rule never matches the IPv4 traffic netspec analyses
 * @param http     an {@code http} match (application layer), which netspec does not evaluate
 */
public record CalicoRule(
        Direction direction,
        int index,
        CalicoAction action,
        Optional<CalicoProtocol> protocol,
        Optional<CalicoProtocol> notProtocol,
        Optional<IcmpMatch> icmp,
        Optional<IcmpMatch> notIcmp,
        CalicoEntity source,
        CalicoEntity destination,
        boolean ipv6Only,
        boolean http,
        SourceRef sourceRef) {}
