package io.netspec.engine.model.calico;

import io.netspec.engine.model.SourceRef;

import java.util.Map;
import java.util.TreeMap;
import java.util.Collections;

/** A ServiceAccount: Calico's serviceAccountSelector and serviceAccounts.selector match its labels. */
public record ServiceAccountFact(String namespace, String name, Map<String, String> labels, SourceRef source) {

    public ServiceAccountFact {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
