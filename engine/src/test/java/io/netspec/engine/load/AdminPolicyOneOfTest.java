package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy fields the API takes exactly one of (subject,
 * peer, port), rules without a peer and an empty ports list: the API server rejects them, so each
 * is an error at its line. They were read silently before (the first field of several won, a peerless rule matched
 * nothing), which hid what the author meant.
 */
class AdminPolicyOneOfTest {

    @Test
    void eachFieldTheApiRejectsIsAnErrorAtItsLine() throws URISyntaxException {
        Path fixture =
                Path.of(getClass().getResource("/load/bad/admin-one-of.yaml").toURI());
        LoadResult r =
                new ManifestLoader(LoadOptions.DEFAULTS).load(List.of(fixture), new ByteArrayInputStream(new byte[0]));

        assertThat(r.problems())
                .extracting(p -> p.toString().substring(fixture.toString().length() + 1))
                .containsExactly(
                        "9: spec.subject: give namespaces or pods, not both",
                        "14: spec.ingress[0]: from is missing; a rule needs at least one peer",
                        "18: spec.ingress[1].from: no peers; a rule needs at least one",
                        "22: spec.ingress[2].from[0]: give exactly one of namespaces or pods (found namespaces, pods)",
                        "27: spec.ingress[3].from[0]: give exactly one of namespaces or pods (found networks)",
                        "29: spec.egress[0]: to is missing; a rule needs at least one peer",
                        "37: spec.egress[1].ports[0]: give exactly one of portNumber, portRange or namedPort (found"
                                + " portNumber, namedPort)",
                        "42: spec.egress[2].to[0]: give exactly one of namespaces, pods, networks or nodes (found"
                                + " networks, nodes)",
                        "48: spec.egress[3].ports: empty; leave ports out to match every port, or list at least one",
                        "62: spec.egress[0].ports[0]: give exactly one of portNumber, portRange or namedPort (found"
                                + " portNumber, portRange)");
        assertThat(r.cluster().namespace("survivor"))
                .as("the document after the bad ones is read")
                .hasValueSatisfying(n -> assertThat(n.declared()).isTrue());
    }

    @Test
    void clusterNetworkPolicyPeersTakeOneFieldAndListsAreNotEmpty() throws URISyntaxException {
        Path fixture =
                Path.of(getClass().getResource("/load/bad/cnp-one-of.yaml").toURI());
        LoadResult r =
                new ManifestLoader(LoadOptions.DEFAULTS).load(List.of(fixture), new ByteArrayInputStream(new byte[0]));

        assertThat(r.problems())
                .extracting(p -> p.toString().substring(fixture.toString().length() + 1))
                .containsExactly(
                        "15: spec.ingress[0].from[0]: give exactly one of namespaces or pods (found namespaces, pods)",
                        "19: spec.ingress[1].from: no peers; a rule needs at least one",
                        "24: spec.egress[0].to[0]: give exactly one of namespaces, pods, nodes, networks or domainNames"
                                + " (found networks, domainNames)",
                        "30: spec.egress[1].protocols: empty; leave protocols out to match all traffic, or list at"
                                + " least one");
        assertThat(r.cluster().namespace("survivor")).isPresent();
    }
}
