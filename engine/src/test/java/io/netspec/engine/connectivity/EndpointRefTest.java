package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointRefTest {

    private final Cluster cluster = Facts.cluster(List.of(), List.of(pod("shop", "web", ""), pod("shop", "db", ""),
            workload("Deployment", "ops", "mon", ""), workload("StatefulSet", "ops", "mon", "")), List.of());

    @Test
    void resolvesWorkloadsAndAddresses() {
        assertThat(EndpointRef.resolve(cluster, "shop/web").id()).isEqualTo("shop/web[Pod]");
        assertThat(EndpointRef.resolve(cluster, "ops/mon[StatefulSet]").id()).isEqualTo("ops/mon[StatefulSet]");
        assertThat(EndpointRef.resolve(cluster, "8.8.8.8").id()).isEqualTo("8.8.8.8-8.8.8.8[External]");
        assertThat(EndpointRef.resolve(cluster, "10.1.2.3/8").id()).isEqualTo("10.0.0.0-10.255.255.255[External]");
        assertThat(EndpointRef.resolve(cluster, "1.0.0.0-1.0.0.9[External]").id()).isEqualTo("1.0.0.0-1.0.0.9[External]");
        assertThat(EndpointRef.resolve(cluster, "{ingress-controller}")).isSameAs(Endpoint.INGRESS_CONTROLLER);
    }

    @Test
    void unknownNamesSuggestTheClosest() {
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "shop/wbe"))
                .isInstanceOf(EndpointRef.UnknownEndpointException.class)
                .hasMessageStartingWith("unknown workload 'shop/wbe' (closest: shop/web[Pod], shop/db[Pod]");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "ops/mon"))
                .hasMessage("'ops/mon' is ambiguous: ops/mon[Deployment], ops/mon[StatefulSet] (add the kind in brackets)");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "300.1.1.1")).hasMessageContaining("unknown workload");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "10.0.0.0/33")).hasMessageContaining("unknown workload");
    }
}
