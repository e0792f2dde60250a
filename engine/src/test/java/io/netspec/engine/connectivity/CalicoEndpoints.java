package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.calico.NaiveCalico;
import io.netspec.engine.model.Workload;
import java.util.List;

/** Workloads as the naive Calico reference sees them. */
final class CalicoEndpoints {

    private CalicoEndpoints() {}

    static NaiveCalico.Pod pod(Workload w) {
        List<Long> ips = w.podIps().stream()
                .filter(ip -> !ip.contains(":"))
                .map(Facts::parseIp)
                .toList();
        return new NaiveCalico.Pod(w.namespace(), w.name(), w.podLabels(), w.serviceAccount(), ips, w.ports());
    }
}
