package io.netspec.engine.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a rule's {@code from}/{@code to}. Either an {@code ipBlock}, or a pod selector
 * and/or a namespace selector:
 * <ul>
 *   <li>podSelector only: pods of the policy's own namespace;</li>
 *   <li>namespaceSelector only: every pod of the matching namespaces;</li>
 *   <li>both: matching pods in matching namespaces (AND).</li>
 * </ul>
 */
public record PolicyPeer(
        Optional<Selector> podSelector,
        Optional<Selector> namespaceSelector,
        Optional<IpBlock> ipBlock,
        SourceRef source) {

    public boolean isIpBlock() {
        return ipBlock.isPresent();
    }

    /**
     * Consistent with the record's {@code equals} (a subset of its components), but cheap: Drools hashes
     * this fact for every {@code from} that yields it, and the record's own
     * hash walks its selectors on each call. Equal facts still compare component by component.
     */
    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(source) + (ipBlock.isPresent() ? 1 : 0) + (namespaceSelector.isPresent() ? 2 : 0);
    }

    @Override
    public String toString() {
        if (ipBlock.isPresent()) {
            return "ipBlock " + ipBlock.get();
        }
        StringBuilder sb = new StringBuilder();
        namespaceSelector.ifPresent(s -> sb.append("namespaces ").append(s));
        podSelector.ifPresent(
                s -> sb.append(sb.length() > 0 ? ", " : "").append("pods ").append(s));
        return sb.toString();
    }
}
