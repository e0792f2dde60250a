package io.netspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;

import java.util.List;
import java.util.Locale;

/**
 * {@code explain --format json}: the explanation's structured accessors as one JSON object.
 * Rules carry {@code index} (0-based, as in the policy's list) and {@code number} (1-based, as
 * the text says "ingress rule 1"); the {@code reasons} are the text lines.
 */
final class ExplanationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    /** The whole explanation, or (with a port) the verdict for that port and the part holding it. */
    static String render(Explanation e, Protocol protocol, Integer port) {
        try {
            return MAPPER.writeValueAsString(node(e, protocol, port)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode node(Explanation e, Protocol protocol, Integer port) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", e.source().id()).put("destination", e.destination().id()).put("allowed", e.allowed().toString());
        if (port != null) {
            n.putObject("port").put("protocol", protocol.toString()).put("port", port)
                    .put("allowed", e.isAllowed(protocol, port));
        }
        ArrayNode notes = n.putArray("notes");
        e.notes().forEach(notes::add);
        ArrayNode parts = n.putArray("parts");
        List<Explanation.Part> shown = port == null ? e.parts() : e.partFor(protocol, port).stream().toList();
        shown.forEach(p -> part(parts.addObject(), p));
        ArrayNode pieces = n.putArray("pieces");
        e.pieces().forEach(p -> pieces.add(node(p, protocol, port)));
        return n;
    }

    private static void part(ObjectNode n, Explanation.Part p) {
        n.put("connections", p.connections().toString()).put("allowed", p.allowed());
        ArrayNode egress = n.putArray("egressRules");
        p.egressRules().forEach(r -> rule(egress.addObject(), r.policy().namespace() + "/" + r.policy().name(),
                r.direction(), r.index(), r.number(), r.source()));
        ArrayNode ingress = n.putArray("ingressRules");
        p.ingressRules().forEach(r -> rule(ingress.addObject(), r.policy().namespace() + "/" + r.policy().name(),
                r.direction(), r.index(), r.number(), r.source()));
        ArrayNode admin = n.putArray("adminRules");
        p.adminRules().forEach(r -> rule(admin.addObject(), r.policy().kind() + "/" + r.policy().name(),
                r.direction(), r.index(), r.number(), r.source()).put("action", r.action()));
        ArrayNode deniedBy = n.putArray("deniedBy");
        p.deniedBy().forEach(d -> deniedBy.add(d.wireName().toLowerCase(Locale.ROOT)));
        ArrayNode reasons = n.putArray("reasons");
        p.reasons().forEach(reasons::add);
        // the same evidence as data: its kind, and the sentence the text renderer prints
        ArrayNode evidence = n.putArray("evidence");
        p.evidence().forEach(e -> evidence.addObject().put("kind", e.kind()).put("text", e.text()));
    }

    private static ObjectNode rule(ObjectNode n, String policy, Direction direction, int index, int number, SourceRef source) {
        return n.put("policy", policy).put("direction", direction.wireName().toLowerCase(Locale.ROOT)).put("index", index)
                .put("number", number).put("file", source.file()).put("line", source.line());
    }
}
