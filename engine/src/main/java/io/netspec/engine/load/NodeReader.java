package io.netspec.engine.load;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.NodeFact;
import java.util.ArrayList;
import java.util.List;

/** A Node: its labels, the addresses of {@code status.addresses} (what node peers match) and its pod ranges. */
final class NodeReader {

    private NodeReader() {}

    static NodeFact read(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        List<String> addresses = new ArrayList<>();
        for (YamlMap a : object.mapOrEmpty("status").maps("addresses")) {
            String type = a.string("type").orElse("");
            if (!type.equals("Hostname")) {
                a.string("address").ifPresent(addresses::add);
            }
        }
        // spec.podCIDRs holds spec.podCIDR first when both are set (the API server keeps them so)
        YamlMap spec = object.mapOrEmpty("spec");
        List<String> written = new ArrayList<>(spec.strings("podCIDRs"));
        spec.string("podCIDR").filter(c -> !written.contains(c)).ifPresent(written::add);
        List<Cidr> podCidrs = new ArrayList<>();
        for (String text : written) {
            CidrParser.Parsed p = CidrParser.parse(text);
            if (p.ok()) {
                podCidrs.add(p.cidr());
            } else {
                ctx.warningAtLine(
                        object.source().line(),
                        "Node " + meta.name() + ": spec.podCIDRs: " + p.error() + "; the range is not used");
            }
        }
        return new NodeFact(meta.name(), meta.labels(), addresses, podCidrs, object.source());
    }
}
