package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels of an endpoint's Cilium security identity ({@link CiliumIdentity}) as a read-only view: a
 * selector reads a few keys, so each is looked up where it lives instead of copying the pod's and the
 * namespace's labels into a new map per selector and endpoint (that copy was most of an L cluster's check).
 *
 * <p>The view answers what {@link #materialise} builds: the pod labels, overridden by the namespace labels
 * under {@link CiliumIdentity#NAMESPACE_LABELS}, then the namespace, service account and cluster keys.
 */
final class IdentityLabels extends AbstractMap<String, String> {

    private final EndpointAttributes endpoint;
    private Map<String, String> whole;

    IdentityLabels(EndpointAttributes endpoint) {
        this.endpoint = endpoint;
    }

    /** The identity labels as a map of their own: the definition the view follows. */
    static Map<String, String> materialise(EndpointAttributes a) {
        Map<String, String> out = new HashMap<>(a.podLabels());
        a.namespaceLabels().forEach((k, v) -> out.put(CiliumIdentity.NAMESPACE_LABELS + k, v));
        out.put(CiliumIdentity.NAMESPACE, a.namespace());
        out.put(CiliumIdentity.SERVICE_ACCOUNT, a.serviceAccount());
        out.put(CiliumIdentity.CLUSTER, CiliumIdentity.DEFAULT_CLUSTER);
        return out;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String k)) {
            return null;
        }
        switch (k) {
            case CiliumIdentity.NAMESPACE:
                return endpoint.namespace();
            case CiliumIdentity.SERVICE_ACCOUNT:
                return endpoint.serviceAccount();
            case CiliumIdentity.CLUSTER:
                return CiliumIdentity.DEFAULT_CLUSTER;
            default:
                break;
        }
        if (k.startsWith(CiliumIdentity.NAMESPACE_LABELS)) {
            String value = endpoint.namespaceLabels().get(k.substring(CiliumIdentity.NAMESPACE_LABELS.length()));
            if (value != null) {
                return value;
            }
        }
        return endpoint.podLabels().get(k);
    }

    @Override
    public boolean containsKey(Object key) {
        return whole().containsKey(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return whole().entrySet();
    }

    private Map<String, String> whole() {
        if (whole == null) {
            whole = Collections.unmodifiableMap(materialise(endpoint));
        }
        return whole;
    }
}
