package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written name checks agree with apimachinery's regular expressions they replace. */
class K8sSyntaxTest {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[-a-z0-9]+");

    /** Short strings over the characters that matter, plus a few that never may appear. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("aAz09-_./")
                .withChars('é', ' ', ':', 'Z', '\u0660')
                .ofMinLength(0)
                .ofMaxLength(20);
    }

    /** Long strings around the 15, 63 and 253 character limits. */
    @Provide
    Arbitrary<String> longNames() {
        return Arbitraries.strings().withChars("ab9-.").ofMinLength(10).ofMaxLength(300);
    }

    /** Mostly valid strings right at the 15, 63 and 253 character limits. */
    @Provide
    Arbitrary<String> atLimits() {
        return Arbitraries.integers()
                .between(0, 8)
                .flatMap(d -> Arbitraries.strings()
                        .withChars("ab9")
                        .withChars('-', '.')
                        .ofLength(new int[] {13, 14, 15, 16, 62, 63, 64, 253, 254}[d])
                        .map(s -> "a" + s.substring(1, s.length() - 1) + "z"));
    }

    @Property(tries = 1000)
    void namesAtTheLengthLimits(@ForAll("atLimits") String s) {
        checkDnsNames(s);
        assertThat(K8sSyntax.isLabelValue(s))
                .isEqualTo(s.length() <= 63 && LABEL_VALUE.matcher(s).matches());
        assertThat(K8sSyntax.isLabelKey(s)).as(s).isEqualTo(regexLabelKey(s));
        assertThat(K8sSyntax.isLabelKey(s + "/n")).as(s).isEqualTo(regexLabelKey(s + "/n"));
        assertThat(K8sSyntax.isPortName(s))
                .isEqualTo(s.length() <= 15 && IANA_SVC_NAME.matcher(s).matches() && !s.contains("--"));
    }

    @Property(tries = 3000)
    void labelValues(@ForAll("names") String s) {
        assertThat(K8sSyntax.isLabelValue(s))
                .isEqualTo(s.length() <= 63 && LABEL_VALUE.matcher(s).matches());
    }

    @Property(tries = 3000)
    void labelKeys(@ForAll("names") String s) {
        assertThat(K8sSyntax.isLabelKey(s)).as(s).isEqualTo(regexLabelKey(s));
        assertThat(K8sSyntax.labelKeyProblem(s).isEmpty()).as(s).isEqualTo(regexLabelKey(s));
    }

    @Property(tries = 3000)
    void dnsNames(@ForAll("names") String s) {
        checkDnsNames(s);
    }

    @Property(tries = 1000)
    void longDnsNames(@ForAll("longNames") String s) {
        checkDnsNames(s);
        assertThat(K8sSyntax.isLabelValue(s))
                .isEqualTo(s.length() <= 63 && LABEL_VALUE.matcher(s).matches());
        assertThat(K8sSyntax.isLabelKey(s)).as(s).isEqualTo(regexLabelKey(s));
    }

    @Property(tries = 3000)
    void portNames(@ForAll("names") String s) {
        boolean expected = !s.isEmpty()
                && s.length() <= 15
                && IANA_SVC_NAME.matcher(s).matches()
                && s.chars().anyMatch(c -> c >= 'a' && c <= 'z')
                && !s.startsWith("-")
                && !s.endsWith("-")
                && !s.contains("--");
        assertThat(K8sSyntax.isPortName(s)).as(s).isEqualTo(expected);
        assertThat(K8sSyntax.portNameProblem(s).isEmpty()).isEqualTo(expected);
    }

    @Test
    void examples() {
        assertThat(K8sSyntax.isLabelKey("app.kubernetes.io/name")).isTrue();
        assertThat(K8sSyntax.isLabelKey("/name")).isFalse();
        assertThat(K8sSyntax.isLabelKey("a..b/name")).isFalse();
        assertThat(K8sSyntax.isLabelKey("a/b/c")).isFalse();
        assertThat(K8sSyntax.isLabelKey("x".repeat(63))).isTrue();
        assertThat(K8sSyntax.isLabelKey("x".repeat(64))).isFalse();
        assertThat(K8sSyntax.isLabelKey("a".repeat(253) + "/n")).isTrue();
        assertThat(K8sSyntax.isLabelKey("a".repeat(254) + "/n")).isFalse();
        assertThat(K8sSyntax.isLabelValue("")).isTrue();
        assertThat(K8sSyntax.isLabelValue("v1.2_b-c")).isTrue();
        assertThat(K8sSyntax.isLabelValue("-v")).isFalse();
        assertThat(K8sSyntax.isPortName("http-2")).isTrue();
        assertThat(K8sSyntax.isPortName("80")).isFalse();
        assertThat(K8sSyntax.isPortName("a--b")).isFalse();
        assertThat(K8sSyntax.NameRule.DNS_1035_LABEL.accepts("9lives")).isFalse();
        assertThat(K8sSyntax.NameRule.DNS_LABEL.accepts("9lives")).isTrue();
        assertThat(K8sSyntax.NameRule.DNS_SUBDOMAIN.accepts("a.b-c.d")).isTrue();
        assertThat(K8sSyntax.NameRule.DNS_SUBDOMAIN.accepts("a.-b")).isFalse();
    }

    private static void checkDnsNames(String s) {
        assertThat(K8sSyntax.isDnsLabel(s)).as(s).isEqualTo(DNS_LABEL.matcher(s).matches());
        assertThat(K8sSyntax.isDns1035Label(s))
                .as(s)
                .isEqualTo(DNS_1035_LABEL.matcher(s).matches());
        assertThat(K8sSyntax.isDnsSubdomain(s))
                .as(s)
                .isEqualTo(DNS_SUBDOMAIN.matcher(s).matches());
        assertThat(K8sSyntax.NameRule.DNS_SUBDOMAIN.accepts(s))
                .isEqualTo(s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches());
        assertThat(K8sSyntax.NameRule.DNS_LABEL.accepts(s))
                .isEqualTo(s.length() <= 63 && DNS_LABEL.matcher(s).matches());
        assertThat(K8sSyntax.dnsLabelProblem(s).isEmpty())
                .isEqualTo(s.length() <= 63 && DNS_LABEL.matcher(s).matches());
    }

    /** The validation as it was written with regular expressions. */
    private static boolean regexLabelKey(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty()
                && name.length() <= 63
                && QUALIFIED_NAME.matcher(name).matches();
    }
}
