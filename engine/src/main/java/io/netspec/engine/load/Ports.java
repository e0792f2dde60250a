package io.netspec.engine.load;

import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Port numbers, names (IntOrString) and protocols, validated. */
final class Ports {

    private Ports() {}

    /** {@code protocol}, defaulting to TCP; an unknown protocol is reported (and read as TCP). */
    static Protocol protocol(YamlMap m) {
        Optional<String> text = m.string("protocol");
        if (text.isEmpty()) {
            return Protocol.TCP;
        }
        Optional<Protocol> p =
                text.filter(t -> t.equals(t.toUpperCase(Locale.ROOT))).flatMap(Protocol::parse);
        if (p.isEmpty()) {
            m.ctx()
                    .error(
                            m.nodeOr("protocol"),
                            m.child("protocol") + ": unknown protocol \"" + text.get() + "\"; use TCP, UDP or SCTP");
            return Protocol.TCP;
        }
        return p.get();
    }

    /** A port number field (1-65535); empty when absent or invalid (invalid is reported). */
    static Optional<Integer> number(YamlMap m, String key) {
        Optional<Long> v = m.integer(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = K8sSyntax.portNumberProblem(v.get());
        if (problem.isPresent()) {
            m.ctx().error(m.nodeOr(key), m.child(key) + ": " + problem.get());
            return Optional.empty();
        }
        return Optional.of(v.get().intValue());
    }

    /** A required port number: missing is reported too. */
    static Optional<Integer> required(YamlMap m, String key) {
        if (!m.has(key)) {
            m.ctx().error(m.node(), m.path() + ": " + key + " is missing");
            return Optional.empty();
        }
        return number(m, key);
    }

    /** The optional {@code name} of a port entry ("" when absent), checked with {@code syntax}. */
    static String name(YamlMap m, Function<String, Optional<String>> syntax) {
        String name = m.string("name").orElse("");
        if (!name.isEmpty()) {
            syntax.apply(name).ifPresent(problem -> m.ctx().error(m.nodeOr("name"), m.child("name") + ": " + problem));
        }
        return m.ctx().strings().name(name);
    }

    /**
     * An IntOrString port: a number (1-65535) or an IANA service name. Empty when absent or
     * invalid (invalid is reported).
     */
    static Optional<PortRef> ref(YamlMap m, String key) {
        Node n = m.raw(key);
        if (Scalars.isNull(n)) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            return number(m, key).map(PortRef::number);
        }
        if (n instanceof ScalarNode s && "string".equals(Scalars.typeOf(s))) {
            Optional<String> problem = K8sSyntax.portNameProblem(s.getValue());
            if (problem.isPresent()) {
                m.ctx().error(n, m.child(key) + ": " + problem.get());
                return Optional.empty();
            }
            return Optional.of(PortRef.named(m.ctx().strings().name(s.getValue())));
        }
        m.ctx().error(n, m.child(key) + ": expected a port number or name, found " + YamlMap.describe(n));
        return Optional.empty();
    }
}
