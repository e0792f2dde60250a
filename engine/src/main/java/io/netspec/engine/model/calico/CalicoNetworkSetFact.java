package io.netspec.engine.model.calico;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.SourceRef;
import java.util.List;
import java.util.Map;

/**
 * A Calico NetworkSet (namespaced) or GlobalNetworkSet ({@code namespace} empty): labelled CIDRs that the
 * {@code selector} of a rule matches as it matches endpoints, so that a rule can allow or deny addresses by label.
 * Policies never apply to a network set.
 */
public record CalicoNetworkSetFact(
        String namespace, String name, Map<String, String> labels, List<Cidr> nets, SourceRef source)
        implements ObjectFact.Extension {

    public CalicoNetworkSetFact {
        labels = Map.copyOf(labels);
        nets = List.copyOf(nets);
    }

    public boolean global() {
        return namespace.isEmpty();
    }

    @Override
    public String objectKind() {
        return global() ? "GlobalNetworkSet" : "NetworkSet";
    }

    @Override
    public String id() {
        return global() ? name + "[GlobalNetworkSet]" : namespace + "/" + name + "[NetworkSet]";
    }
}
