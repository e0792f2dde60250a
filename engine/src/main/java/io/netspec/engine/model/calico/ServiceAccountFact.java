package io.netspec.engine.model.calico;

import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.SourceRef;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A ServiceAccount: Calico's serviceAccountSelector and serviceAccounts.selector match its labels. */
public record ServiceAccountFact(String namespace, String name, Map<String, String> labels, SourceRef source)
        implements ObjectFact.Extension {

    public ServiceAccountFact {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    @Override
    public String objectKind() {
        return "ServiceAccount";
    }

    @Override
    public String id() {
        return namespace + "/" + name;
    }
}
