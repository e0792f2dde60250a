package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.Facts.pod;
import static io.netspec.engine.connectivity.Facts.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.model.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointRefTest {

    private final Cluster cluster = Facts.cluster(
            List.of(),
            List.of(
                    pod("shop", "web", ""),
                    pod("shop", "db", ""),
                    workload("Deployment", "ops", "mon", ""),
                    workload("StatefulSet", "ops", "mon", "")),
            List.of());

    @Test
    void resolvesWorkloadsAndAddresses() {
        assertThat(EndpointRef.resolve(cluster, "shop/web").id()).isEqualTo("shop/web[Pod]");
        assertThat(EndpointRef.resolve(cluster, "ops/mon[StatefulSet]").id()).isEqualTo("ops/mon[StatefulSet]");
        assertThat(EndpointRef.resolve(cluster, "8.8.8.8").id()).isEqualTo("8.8.8.8-8.8.8.8[External]");
        assertThat(EndpointRef.resolve(cluster, "10.1.2.3/8").id()).isEqualTo("10.0.0.0-10.255.255.255[External]");
        assertThat(EndpointRef.resolve(cluster, "1.0.0.0-1.0.0.9[External]").id())
                .isEqualTo("1.0.0.0-1.0.0.9[External]");
        assertThat(EndpointRef.resolve(cluster, "{ingress-controller}")).isSameAs(Endpoint.INGRESS_CONTROLLER);
    }

    @Test
    void unknownNamesSuggestTheClosest() {
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "shop/wbe"))
                .isInstanceOf(EndpointRef.UnknownEndpointException.class)
                .hasMessageStartingWith("unknown workload 'shop/wbe' (closest: shop/web[Pod], shop/db[Pod]");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "ops/mon"))
                .hasMessage(
                        "'ops/mon' is ambiguous: ops/mon[Deployment], ops/mon[StatefulSet] (add the kind in brackets)");
    }

    @Test
    void malformedAddressesSayWhatIsWrongInsteadOfLookingForAWorkload() {
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "10.0.0.0/33"))
                .isInstanceOf(EndpointRef.InvalidAddressException.class)
                .hasMessage("invalid CIDR 10.0.0.0/33: prefix 33 > 32");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "10.0.0.0/x"))
                .hasMessage("invalid CIDR 10.0.0.0/x: prefix 'x' is not a number from 0 to 32");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "300.1.1.1"))
                .hasMessage("invalid IPv4 address 300.1.1.1: '300.1.1.1' has the part 300 > 255");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "10.0.1/8"))
                .hasMessage("invalid CIDR 10.0.1/8: '10.0.1' is not four numbers separated by dots");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "10.0.0.9-10.0.0.1"))
                .hasMessage("invalid address range 10.0.0.9-10.0.0.1: the first address is after the last");
    }

    @Test
    void ipv6IsRejectedAsUnsupported() {
        for (String v6 : List.of("::1", "fe80::1/64", "2001:db8::/32", "::ffff:10.0.0.1")) {
            assertThatThrownBy(() -> EndpointRef.resolve(cluster, v6))
                    .isInstanceOf(EndpointRef.InvalidAddressException.class)
                    .hasMessage(
                            "'" + v6 + "' is an IPv6 address: IPv6 is not supported (the analysis covers IPv4 only)");
        }
    }

    @Test
    void kindsAreCaseInsensitive() {
        assertThat(EndpointRef.resolve(cluster, "ops/mon[statefulset]").id()).isEqualTo("ops/mon[StatefulSet]");
        assertThat(EndpointRef.resolve(cluster, "ops/mon[DEPLOYMENT]").id()).isEqualTo("ops/mon[Deployment]");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "ops/mon[Job]"))
                .isInstanceOf(EndpointRef.UnknownEndpointException.class)
                .hasMessageStartingWith("unknown workload 'ops/mon[Job]' (closest: ops/mon[Deployment]");
    }

    @Test
    void aBareNameIsLookedUpInTheGivenNamespace() {
        assertThat(EndpointRef.resolve(cluster, "web", "shop").id()).isEqualTo("shop/web[Pod]");
        assertThat(EndpointRef.resolve(cluster, "mon[deployment]", "ops").id()).isEqualTo("ops/mon[Deployment]");
        assertThat(EndpointRef.resolve(cluster, "shop/db", "ops").id()).isEqualTo("shop/db[Pod]");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "web", "ops"))
                .isInstanceOf(EndpointRef.UnknownEndpointException.class)
                .hasMessage("unknown workload 'web' in namespace ops (closest: shop/web[Pod], shop/db[Pod]); "
                        + "write ns/name, ns/name[Kind], a name with -n NS, or an IPv4 address or CIDR");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "web")).hasMessageContaining("in namespace default");
        assertThatThrownBy(() -> EndpointRef.resolve(cluster, "shop/zookeeper"))
                .hasMessageContaining("(no workload has a similar name; netspec inventory lists them)");
    }
}
