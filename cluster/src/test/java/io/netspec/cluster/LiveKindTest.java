package io.netspec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.ApiResource;
import io.netspec.engine.load.KindRegistry;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.SourceRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a live read lists comes from the loader's kind registry: a registered kind with a resource is read. */
class LiveKindTest {

    record GadgetFact(String namespace, String name, SourceRef source) implements ObjectFact.Extension {
        @Override
        public String objectKind() {
            return "Gadget";
        }

        @Override
        public String id() {
            return namespace + "/" + name;
        }
    }

    @Test
    void aKindRegisteredWithAnApiResourceIsListedAfterTheBuiltInOnes() {
        KindRegistry kinds = KindRegistry.BUILT_IN.with(
                "example.com",
                "Gadget",
                false,
                ObjectKind.of("gadgets", GadgetFact.class, true, true),
                o -> new GadgetFact(o.namespace(), o.name(), o.source()),
                Optional.of(new ApiResource("example.com", "v1", "gadgets", "Gadget", true)));
        assertThat(LiveKind.all(kinds))
                .hasSize(LiveKind.ALL.size() + 1)
                .contains(new LiveKind("example.com", "v1", "gadgets", "Gadget", true, null));
        assertThat(LiveKind.ALL)
                .extracting(LiveKind::resource)
                .contains(
                        "pods",
                        "deployments.apps",
                        "networkpolicies.networking.k8s.io",
                        "ciliumnetworkpolicies.cilium.io",
                        "networkpolicies.projectcalico.org")
                .doesNotContain("configmaps", "secrets");
    }
}
