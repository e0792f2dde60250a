package io.netspec.engine.model;

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
