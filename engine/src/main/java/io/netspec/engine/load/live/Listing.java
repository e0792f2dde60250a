package io.netspec.engine.load.live;

import io.netspec.engine.load.NamedDocument;
import java.util.List;

/**
 * What a read returned.
 *
 * @param objects one JSON document per object, named {@code cluster:CONTEXT/KIND/NS/NAME}
 * @param absent  APIs not served by this cluster (e.g. {@code ciliumnetworkpolicies.cilium.io}): not installed
 * @param denied  requests the credentials may not make
 */
public record Listing(List<NamedDocument> objects, List<String> absent, List<Denied> denied) {

    public Listing {
        objects = List.copyOf(objects);
        absent = List.copyOf(absent);
        denied = List.copyOf(denied);
    }
}
