package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.model.Workload;

/** The service account a workload's pods run as, for Cilium's {@code io.cilium.k8s.policy.serviceaccount} label. */
final class ServiceAccounts {

    private ServiceAccounts() {
    }

    static String of(Workload w) {
        return "default"; // TODO(i9): Workload.serviceAccount() once the placement facts land on i9-layers
    }
}
