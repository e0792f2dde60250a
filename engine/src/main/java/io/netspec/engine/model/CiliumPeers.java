package io.netspec.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * The L3 part of a Cilium rule: at most one kind per rule (Cilium rejects a rule that combines two).
 * An empty list written out ({@code fromEndpoints: []}) selects nothing; {@link Unspecified} (no L3
 * field at all) is a wildcard when the rule has {@code toPorts}, and selects nothing otherwise.
 */
public sealed interface CiliumPeers {

    /** No L3 field. */
    record Unspecified() implements CiliumPeers {}

    /** {@code fromEndpoints}/{@code toEndpoints}, selectors as written (keys may carry {@code k8s:}/{@code any:}). */
    record Endpoints(List<Selector> selectors) implements CiliumPeers {
        public Endpoints {
            selectors = List.copyOf(selectors);
        }
    }

    /** {@code fromNodes}/{@code toNodes}: node labels. */
    record Nodes(List<Selector> selectors) implements CiliumPeers {
        public Nodes {
            selectors = List.copyOf(selectors);
        }
    }

    record Entities(List<CiliumEntity> entities) implements CiliumPeers {
        public Entities {
            entities = List.copyOf(entities);
        }
    }

    /** {@code fromCIDR}/{@code fromCIDRSet} (and {@code to...}): never pods, only addresses outside the cluster. */
    record Cidrs(List<CidrRule> rules) implements CiliumPeers {
        public Cidrs {
            rules = List.copyOf(rules);
        }
    }

    /** {@code toServices}. */
    record Services(List<ServiceRef> services) implements CiliumPeers {
        public Services {
            services = List.copyOf(services);
        }
    }

    /** {@code toFQDNs}: names or patterns, resolved by DNS at run time. */
    record Fqdns(List<String> names) implements CiliumPeers {
        public Fqdns {
            names = List.copyOf(names);
        }
    }

    /** {@code fromGroups}/{@code toGroups}: addresses of a cloud provider's groups, unknown from manifests. */
    record CloudGroups(int count) implements CiliumPeers {}

    /**
     * One CIDR entry: a prefix with its {@code except} ranges, or a reference to CiliumCIDRGroup(s) by name
     * ({@code cidrGroupRef}) or by labels ({@code cidrGroupSelector}).
     */
    record CidrRule(
            Optional<IpBlock> block,
            String groupRef,
            Optional<Selector> groupSelector,
            List<Cidr> groupExcept,
            SourceRef source) {
        public CidrRule {
            groupExcept = List.copyOf(groupExcept);
        }
    }

    /**
     * One {@code toServices} entry: {@code k8sService} by name (namespace empty: see the compiler), or
     * {@code k8sServiceSelector} by labels.
     */
    record ServiceRef(String name, Optional<Selector> selector, String namespace, SourceRef source) {}
}
