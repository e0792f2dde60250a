package io.netspec.engine.load;

import io.netspec.engine.model.NodeFact;
import java.util.ArrayList;
import java.util.List;

/** A Node: its labels and the addresses of {@code status.addresses} (what node peers match). */
final class NodeReader {

    private NodeReader() {}

    static NodeFact read(YamlMap object, ObjectMeta meta) {
        List<String> addresses = new ArrayList<>();
        for (YamlMap a : object.mapOrEmpty("status").maps("addresses")) {
            String type = a.string("type").orElse("");
            if (!type.equals("Hostname")) {
                a.string("address").ifPresent(addresses::add);
            }
        }
        return new NodeFact(meta.name(), meta.labels(), addresses, object.source());
    }
}
