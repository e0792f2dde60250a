package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** The fast resolver types every plain scalar exactly as SnakeYAML's stock YAML 1.1 resolver does. */
class PlainScalarResolverTest {

    private final Resolver stock = new Resolver();
    private final PlainScalarResolver fast = new PlainScalarResolver();

    @Provide
    Arbitrary<String> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("yYnNtTfFoOeEsSuUlLrRaA").ofMaxLength(6),
                Arbitraries.strings().withChars("0123456789_:.-+xbeE").ofMaxLength(12),
                Arbitraries.strings().withChars("aZ09~<!&*. -:").ofMaxLength(8),
                Arbitraries.strings().withChars("0123456789./:-+eE_x").ofMaxLength(12),
                Arbitraries.of(
                        "yes",
                        "Yes",
                        "YES",
                        "yES",
                        "no",
                        "NO",
                        "nO",
                        "true",
                        "True",
                        "tRUE",
                        "false",
                        "FALSE",
                        "on",
                        "On",
                        "ON",
                        "oN",
                        "off",
                        "Off",
                        "OFF",
                        "y",
                        "Y",
                        "n",
                        "N",
                        "null",
                        "Null",
                        "NULL",
                        "nULL",
                        "~",
                        "<<",
                        "",
                        " ",
                        "0",
                        "07",
                        "08",
                        "0x1F",
                        "0b101",
                        "1_000",
                        "190:20:30",
                        "1e3",
                        "1.5",
                        ".inf",
                        "-.inf",
                        ".NaN",
                        "2001-12-14",
                        "10.0.0.0/8",
                        "0.0.0.0/0",
                        "1/2",
                        "1e3/",
                        "2001-12-14t21:59:43.10-05:00",
                        "é",
                        "Übung",
                        "1".repeat(1024),
                        "1".repeat(1025),
                        "9".repeat(50) + "x"));
    }

    @Property(tries = 5000)
    void agreesWithTheStockResolver(@ForAll("scalars") String value) {
        for (boolean implicit : List.of(true, false)) {
            assertThat(fast.resolve(NodeId.scalar, value, implicit))
                    .as("\"%s\" implicit=%s", value, implicit)
                    .isEqualTo(stock.resolve(NodeId.scalar, value, implicit));
        }
    }

    @Test
    void commonScalarsGetTheUsualTags() {
        assertThat(fast.resolve(NodeId.scalar, "frontend", true)).isEqualTo(Tag.STR);
        assertThat(fast.resolve(NodeId.scalar, "on", true)).isEqualTo(Tag.BOOL);
        assertThat(fast.resolve(NodeId.scalar, "Null", true)).isEqualTo(Tag.NULL);
        assertThat(fast.resolve(NodeId.scalar, "8080", true)).isEqualTo(Tag.INT);
        assertThat(fast.resolve(NodeId.scalar, "010", true)).isEqualTo(Tag.INT); // octal, via the stock patterns
        assertThat(fast.resolve(NodeId.mapping, "", true)).isEqualTo(Tag.MAP);
        assertThat(fast.resolve(NodeId.sequence, "", true)).isEqualTo(Tag.SEQ);
    }
}
