package io.netspec.engine.load;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's YAML 1.1 resolver with the common cases answered without regular expressions. The
 * stock resolver runs one or more patterns per plain scalar (every key and value of a manifest),
 * which was the largest single cost of loading. Here, a scalar starting with an ASCII letter can
 * only be a boolean or null word, or else a string, and a run of digits not starting with 0 is an
 * int (up to the stock length limit); everything else (signs, dots, leading zeros, timestamps, '~', '<<', non-ASCII, "") goes to
 * the stock resolver. {@code PlainScalarResolverTest} checks the two agree.
 */
final class PlainScalarResolver extends Resolver {

    /** The stock resolver tries its INT pattern only on scalars up to this length. */
    private static final int INT_LIMIT = 1024;

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind != NodeId.scalar || !implicit || value.isEmpty()) {
            return super.resolve(kind, value, implicit);
        }
        char c = value.charAt(0);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return word(value);
        }
        if (c >= '1' && c <= '9' && value.length() <= INT_LIMIT && allDigits(value)) {
            return Tag.INT;
        }
        if (c >= '0' && c <= '9' && value.indexOf('/') >= 0) {
            // a CIDR (10.0.0.0/8) or a path: no pattern for a leading digit (int, float, timestamp) has a '/'
            return Tag.STR;
        }
        return super.resolve(kind, value, implicit);
    }

    /** The stock BOOL and NULL patterns, the only ones registered for a leading letter. */
    private static Tag word(String value) {
        if (value.length() > 5) {
            return Tag.STR;
        }
        return switch (value) {
            case "yes",
                    "Yes",
                    "YES",
                    "no",
                    "No",
                    "NO",
                    "true",
                    "True",
                    "TRUE",
                    "false",
                    "False",
                    "FALSE",
                    "on",
                    "On",
                    "ON",
                    "off",
                    "Off",
                    "OFF" -> Tag.BOOL;
            case "null", "Null", "NULL" -> Tag.NULL;
            default -> Tag.STR;
        };
    }

    private static boolean allDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char d = value.charAt(i);
            if (d < '0' || d > '9') {
                return false;
            }
        }
        return true;
    }
}
