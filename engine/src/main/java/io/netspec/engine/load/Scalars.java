package io.netspec.engine.load;

import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * How a scalar would be typed by kubectl, which reads YAML 1.1 through go-yaml v2: plain {@code yes},
 * {@code on}, {@code y}, {@code true} are booleans, plain {@code 2} a number. SnakeYAML agrees except
 * for {@code y}/{@code n}, which it keeps as strings, so those are added here.
 */
final class Scalars {

    private static final Set<String> GO_YAML_EXTRA_BOOLEANS = Set.of("y", "Y", "n", "N");

    private Scalars() {}

    /** The YAML type of a scalar as kubectl sees it: string, boolean, number, null or timestamp. */
    static String typeOf(ScalarNode s) {
        Tag tag = s.getTag();
        boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        // Tag.equals compares the tags' strings: the resolver's constants answer by identity first
        if (tag == Tag.STR || Tag.STR.equals(tag)) {
            return plain && s.getValue().length() == 1 && GO_YAML_EXTRA_BOOLEANS.contains(s.getValue())
                    ? "boolean"
                    : "string";
        }
        if (Tag.BOOL.equals(tag)) {
            return "boolean";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "number";
        }
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "timestamp";
        }
        return "scalar";
    }

    static boolean isNull(Node n) {
        // the resolver hands out the Tag constants: identity answers nearly every node
        return n == null || (n instanceof ScalarNode s && s.getTag() != Tag.STR && Tag.NULL.equals(s.getTag()));
    }

    /** Parses a YAML 1.1 int as SnakeYAML resolves it (sign, underscores, 0x, 0b, leading-0 octal). */
    static Optional<Long> parseInt(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            long v;
            if (t.startsWith("0x")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.startsWith("0b")) {
                v = Long.parseLong(t.substring(2), 2);
            } else if (t.length() > 1 && t.startsWith("0") && t.indexOf(':') < 0) {
                v = Long.parseLong(t.substring(1), 8);
            } else if (t.indexOf(':') >= 0) {
                v = 0;
                for (String part : t.split(":")) {
                    v = v * 60 + Long.parseLong(part);
                }
            } else {
                v = Long.parseLong(t);
            }
            return Optional.of(negative ? -v : v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
