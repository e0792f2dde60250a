package io.netspec.engine.model.calico;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalicoSelectorParserTest {

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '`',
            value = {
                "app == 'web'                          # app=web          # true",
                "app != 'web'                          # ``               # true",
                "app not in {'a', 'b'}                 # ``               # true",
                "app in {}                             # app=a            # false",
                "app in {'a',}                         # app=a            # true",
                "app starts with 'we'                  # app=web          # true",
                "app startswith 'we'                   # app=web          # true",
                "app ends   with 'eb'                  # app=web          # true",
                "app contains 'e'                      # app=web          # true",
                "app notin {'web'}                     # app=web          # false",
                "!has(app) || app == 'x'               # app=x            # true",
                "has(a) && has(b) || has(c)            # c=1              # true",
                "has(a) && (has(b) || has(c))          # c=1              # false",
                "!!has(a)                              # a=1              # true",
                "!a == 'x' && has(b)                   # a=y;b=1          # true",
                "global()                              # ``               # true",
                "`   `                                 # ``               # true",
                "has( a )                              # a=1              # true",
                "all( )                                # ``               # true",
            })
    void matches(String selector, String labels, boolean expected) {
        assertThat(CalicoSelectorParser.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> column {1}")
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '`',
            value = {
                "app = 'x'            # 5",
                "app == x             # 8",
                "app == 'x' &         # 12",
                "app == 'x' && %      # 15",
                "app                  # 4",
                "app == \"x           # 8",
                "(has(a)              # 8",
                "has(a))              # 7",
                "app in {'a' 'b'}     # 13",
                "has(a) b             # 8",
                "app is 'x'           # 5",
                "has(a                # 6",
                "a == 'b' ||          # 12",
            })
    void syntaxErrorsNameTheColumn(String selector, int column) {
        assertThatThrownBy(() -> CalicoSelectorParser.parse(selector))
                .isInstanceOfSatisfying(
                        CalicoSelectorSyntaxException.class,
                        e -> assertThat(e.column()).as(e.getMessage()).isEqualTo(column));
    }

    @Test
    void printsAReadableCanonicalForm() {
        assertThat(CalicoSelectorParser.parse("a == \"x\" && !has(b) || c not in {'q\"', 'p'}"))
                .hasToString("((a == \"x\" && !has(b)) || c not in {\"p\", 'q\"'})");
        assertThat(CalicoSelectorParser.parse("")).isSameAs(CalicoSelector.ALL);
    }

    @Test
    void knowsWhenItMentionsGlobal() {
        assertThat(CalicoSelectorParser.parse("global() && has(a)").mentionsGlobal())
                .isTrue();
        assertThat(CalicoSelectorParser.parse("has(a)").mentionsGlobal()).isFalse();
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> out = new HashMap<>();
        if (!text.isEmpty()) {
            for (String kv : text.split(";")) {
                String[] p = kv.split("=", 2);
                out.put(p[0], p[1]);
            }
        }
        return out;
    }
}
