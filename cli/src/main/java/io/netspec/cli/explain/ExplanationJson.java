package io.netspec.cli.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netspec.engine.connectivity.Evidence;
import io.netspec.engine.connectivity.Explanation;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain --format json}: the explanation's structured accessors as one JSON object.
 * Rules carry {@code index} (0-based, as in the policy's list) and {@code number} (1-based, as
 * the text says "ingress rule 1"); the {@code reasons} are the text lines; each {@code evidence}
 * record carries its {@code kind}, its {@code text} and its own fields (rules with their policy,
 * tier, action, ports, file and line; a tier default with its tier, action and selecting policies).
 * The shape is {@code explanation.schema.json} in {@code cli/src/main/resources/io/netspec/cli/}.
 */
final class ExplanationJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {}

    /** The whole explanation, or (with a port) the verdict for that port and the part holding it. */
    static String render(Explanation e, Protocol protocol, Integer port) {
        try {
            return MAPPER.writeValueAsString(node(e, protocol, port)) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static ObjectNode node(Explanation e, Protocol protocol, Integer port) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("source", e.source().id())
                .put("destination", e.destination().id())
                .put("allowed", e.allowed().toString());
        if (port != null) {
            n.putObject("port")
                    .put("protocol", protocol.toString())
                    .put("port", port)
                    .put("allowed", e.isAllowed(protocol, port));
        }
        ArrayNode notes = n.putArray("notes");
        e.notes().forEach(notes::add);
        ArrayNode parts = n.putArray("parts");
        List<Explanation.Part> shown =
                port == null ? e.parts() : e.partFor(protocol, port).stream().toList();
        shown.forEach(p -> part(parts.addObject(), p));
        ArrayNode pieces = n.putArray("pieces");
        e.pieces().forEach(p -> pieces.add(node(p, protocol, port)));
        return n;
    }

    private static void part(ObjectNode n, Explanation.Part p) {
        n.put("connections", p.connections().toString()).put("allowed", p.allowed());
        ArrayNode egress = n.putArray("egressRules");
        p.egressRules()
                .forEach(r -> rule(
                        egress.addObject(),
                        r.policy().namespace() + "/" + r.policy().name(),
                        r.direction(),
                        r.index(),
                        r.number(),
                        r.source()));
        ArrayNode ingress = n.putArray("ingressRules");
        p.ingressRules()
                .forEach(r -> rule(
                        ingress.addObject(),
                        r.policy().namespace() + "/" + r.policy().name(),
                        r.direction(),
                        r.index(),
                        r.number(),
                        r.source()));
        ArrayNode tierRules = n.putArray("tierRules");
        p.tierRules().forEach(r -> layerRule(tierRules.addObject(), r));
        ArrayNode deniedBy = n.putArray("deniedBy");
        p.deniedBy().forEach(d -> deniedBy.add(direction(d)));
        ArrayNode reasons = n.putArray("reasons");
        p.reasons().forEach(reasons::add);
        // the same evidence as data: its kind, its fields, and the sentence the text renderer prints
        ArrayNode evidence = n.putArray("evidence");
        p.evidence().forEach(e -> evidence(evidence.addObject(), e));
    }

    /** One evidence record: {@code kind}, {@code text} and the record's own fields. */
    static ObjectNode evidence(ObjectNode n, Evidence e) {
        n.put("kind", e.kind()).put("text", e.text());
        if (e instanceof Evidence.RuleAllows a) {
            n.put("direction", direction(a.direction()));
            ArrayNode rules = n.putArray("rules");
            a.rules().forEach(r -> layerRule(rules.addObject(), r));
        } else if (e instanceof Evidence.RuleDenies d) {
            n.put("direction", direction(d.direction()));
            layerRule(n.putObject("rule"), d.rule());
        } else if (e instanceof Evidence.PassedToNextTier p) {
            n.put("direction", direction(p.direction()));
            layerRule(n.putObject("rule"), p.rule());
        } else if (e instanceof Evidence.TierDefault t) {
            n.put("direction", direction(t.direction()))
                    .put("subject", t.subject().id())
                    .put("tier", t.tier().name())
                    .put("action", t.action());
            ArrayNode policies = n.putArray("policies");
            t.policies().forEach(p -> policy(policies.addObject(), p));
        } else if (e instanceof Evidence.NoRuleDecides r) {
            n.put("direction", direction(r.direction()))
                    .put("subject", r.side().subject().id())
                    .put("passed", r.passed())
                    .put("isolated", r.side().isolated());
        } else if (e instanceof Evidence.PolicyHasNoRules r) {
            n.put("direction", direction(r.direction()));
            policy(n.putObject("policy"), r.policy());
        } else if (e instanceof Evidence.PeerDoesNotMatch m) {
            layerRule(n.putObject("rule"), m.rule());
            n.put("peers", m.peers()).put("peer", m.peer().id());
        } else if (e instanceof Evidence.PortNotListed m) {
            layerRule(n.putObject("rule"), m.rule());
            n.put("ports", m.ports()).put("connections", m.connections().toString());
        } else if (e instanceof Evidence.NamedPortUnresolved u) {
            n.put("port", u.port()).put("destination", u.destination().id());
        } else if (e instanceof Evidence.NotExposed x) {
            n.put("destination", x.destination().id())
                    .put("exposed", x.exposed().toString());
        } else if (e instanceof Evidence.NotGoverned g) {
            n.put("reason", g.reason());
        }
        return n;
    }

    /** A rule of any policy kind: its policy, tier, direction, 0-based index, 1-based number, action and where. */
    private static ObjectNode layerRule(ObjectNode n, Explanation.LayerRuleRef r) {
        policy(n.putObject("policy"), r.policy());
        n.put("tier", r.tier().name())
                .put("direction", direction(r.direction()))
                .put("index", r.index())
                .put("number", r.number())
                .put("action", r.action());
        if (!r.rule().ruleName().isEmpty()) {
            n.put("name", r.rule().ruleName());
        }
        if (!r.placement().isEmpty()) {
            n.put("placement", r.placement());
        }
        return n.put("ports", r.rule().ports().text())
                .put("file", r.source().file())
                .put("line", r.source().line());
    }

    private static ObjectNode policy(ObjectNode n, PolicyObject p) {
        return n.put("kind", p.kind())
                .put("namespace", p.namespace())
                .put("name", p.name())
                .put("file", p.source().file())
                .put("line", p.source().line());
    }

    private static String direction(Direction d) {
        return d.wireName().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode rule(
            ObjectNode n, String policy, Direction direction, int index, int number, SourceRef source) {
        return n.put("policy", policy)
                .put("direction", direction(direction))
                .put("index", index)
                .put("number", number)
                .put("file", source.file())
                .put("line", source.line());
    }
}
