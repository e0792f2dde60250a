package io.netspec.features.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.features.SpecInputException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {

    @Test
    void parsesEveryForm() {
        assertThat(Reference.parse("deployment \"api\" in \"shop\""))
                .isEqualTo(new Reference.Kinded("Deployment", "shop", "api"));
        assertThat(Reference.parse("statefulset \"pg\" in \"data\""))
                .isEqualTo(new Reference.Kinded("StatefulSet", "data", "pg"));
        assertThat(Reference.parse("cronjob \"r\" in \"b\"")).isEqualTo(new Reference.Kinded("CronJob", "b", "r"));
        assertThat(Reference.parse("workload \"shop/api\"")).isEqualTo(new Reference.Qualified("shop", "api"));
        assertThat(Reference.parse("pods labelled \"app=db, tier=data\" in \"shop\""))
                .isEqualTo(
                        new Reference.Labelled(Selector.of(Map.of("app", "db", "tier", "data")), Optional.of("shop")));
        assertThat(Reference.parse("pods labeled \"app=db\" in any namespace"))
                .isEqualTo(new Reference.Labelled(Selector.of(Map.of("app", "db")), Optional.empty()));
        assertThat(Reference.parse("service \"postgres\" in \"data\""))
                .isEqualTo(new Reference.OfService("data", "postgres"));
        assertThat(Reference.parse("the internet")).isEqualTo(new Reference.Internet());
        assertThat(Reference.parse("cidr \"10.1.2.3/8\""))
                .isEqualTo(new Reference.OfCidr("10.1.2.3/8", 0x0A00_0000L, 0x0AFF_FFFFL));
        assertThat(Reference.parse("cidr \"192.168.1.7\""))
                .isEqualTo(new Reference.OfCidr("192.168.1.7", 0xC0A8_0107L, 0xC0A8_0107L));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "deployment \"api\" in \"shop\"",
                "daemonset \"x\" in \"y\"",
                "replicaset \"x\" in \"y\"",
                "job \"x\" in \"y\"",
                "pod \"x\" in \"y\"",
                "workload \"a/b\"",
                "pods labelled \"a=b\" in \"c\"",
                "pods labelled \"a=b\" in any namespace",
                "service \"s\" in \"n\"",
                "the internet",
                "cidr \"0.0.0.0/0\""
            })
    void thePatternMatchesEveryFormAndParsingAgrees(String text) {
        assertThat(text).matches(Reference.PATTERN);
        assertThat(Reference.parse(text).text()).isNotBlank();
    }

    @Test
    void thePatternNamesEveryKind() {
        for (String kind : Reference.KINDS.keySet()) {
            assertThat(kind + " \"a\" in \"b\"").matches(Reference.PATTERN);
        }
    }

    @Test
    void textRoundTrips() {
        for (String text : new String[] {
            "deployment \"api\" in \"shop\"",
            "workload \"a/b\"",
            "service \"s\" in \"n\"",
            "the internet",
            "cidr \"10.0.0.0/8\"",
            "pods labelled \"a=b\" in any namespace"
        }) {
            assertThat(Reference.parse(Reference.parse(text).text())).isEqualTo(Reference.parse(text));
        }
    }

    @Test
    void malformedReferencesSayWhatIsWrong() {
        assertThatThrownBy(() -> Reference.parse("pods labelled \"app\" in \"shop\""))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("k=v");
        assertThatThrownBy(() -> Reference.parse("cidr \"10.0.0.0/33\""))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("/33");
        assertThatThrownBy(() -> Reference.parse("cidr \"300.0.0.0/8\""))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("300");
        assertThatThrownBy(() -> Reference.parse("workload \"api\""))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("NAMESPACE/NAME");
    }

    @Test
    void portsParseNumbersProtocolsAndNames() {
        assertThat(PortSpec.parse("5432")).isEqualTo(new PortSpec(5432, "", Optional.empty()));
        assertThat(PortSpec.parse("53/UDP")).isEqualTo(new PortSpec(53, "", Optional.of(Protocol.UDP)));
        assertThat(PortSpec.parse("dns-tcp")).isEqualTo(new PortSpec(0, "dns-tcp", Optional.empty()));
        assertThat(PortSpec.parse("dns/udp")).isEqualTo(new PortSpec(0, "dns", Optional.of(Protocol.UDP)));
        assertThat(PortSpec.parse("5432")).hasToString("5432/TCP");
        assertThat(PortSpec.parse("http")).hasToString("http");
        for (String text :
                new String[] {"port 5432", "port 53/UDP", "port http", "port dns-tcp/TCP", "port 9153/sctp"}) {
            assertThat(text).matches(PortSpec.PATTERN);
            assertThat(PortSpec.parse(text)).isEqualTo(PortSpec.parse(text.substring("port ".length())));
        }
        assertThat("port http-").doesNotMatch(PortSpec.PATTERN);
        assertThatThrownBy(() -> PortSpec.parse("70000"))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PortSpec.parse("0")).isInstanceOf(SpecInputException.class);
    }

    /** How people write a port after "on": protocol first, "over UDP", quoted names, ranges. */
    @Test
    void portsAsPeopleWriteThem() {
        PortSpec udp53 = new PortSpec(53, "", Optional.of(Protocol.UDP));
        for (String text : new String[] {"UDP port 53", "udp port 53", "port 53 over UDP", "UDP port 53/UDP"}) {
            assertThat(text).matches(PortSpec.PATTERN);
            assertThat(PortSpec.parse(text)).as(text).isEqualTo(udp53);
        }
        assertThat(PortSpec.parse("TCP port 5432")).isEqualTo(new PortSpec(5432, "", Optional.of(Protocol.TCP)));
        assertThat("port \"http\"").matches(PortSpec.PATTERN);
        assertThat(PortSpec.parse("port \"http\"")).isEqualTo(new PortSpec(0, "http", Optional.empty()));
        assertThat(PortSpec.parse("port \"dns\"/UDP")).isEqualTo(new PortSpec(0, "dns", Optional.of(Protocol.UDP)));
        for (String text : new String[] {"ports 8000-8100", "port 8000-8100", "port range 8000-8100"}) {
            assertThat(text).matches(PortSpec.PATTERN);
            PortSpec range = PortSpec.parse(text);
            assertThat(range).as(text).isEqualTo(new PortSpec(8000, 8100, "", Optional.empty()));
            assertThat(range.isRange()).isTrue();
            assertThat(range).hasToString("8000-8100/TCP");
        }
        assertThat(PortSpec.parse("UDP ports 30000-32767")).hasToString("30000-32767/UDP");
        assertThatThrownBy(() -> PortSpec.parse("ports 8100-8000"))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("8000-8100");
        assertThatThrownBy(() -> PortSpec.parse("UDP port 53/TCP"))
                .isInstanceOf(SpecInputException.class)
                .hasMessageContaining("two protocols");
        assertThatThrownBy(() -> PortSpec.parse("ports 1-70000")).hasMessageContaining("1-65535");
        assertThat("port TCP 22").doesNotMatch(PortSpec.PATTERN);
        assertThat("ports 80 or 443").doesNotMatch(PortSpec.PATTERN);
    }

    /** A list of ports: "can reach" on each, "cannot reach" on none; a protocol before or after applies to each. */
    @Test
    void portListsAsPeopleWriteThem() {
        PortSpec p80 = new PortSpec(80, "", Optional.empty());
        PortSpec p443 = new PortSpec(443, "", Optional.empty());
        for (String text : new String[] {"ports 80 and 443", "ports 80, 443", "ports 80,443", "ports 80, and 443"}) {
            assertThat(text).matches(PortSpec.PATTERN);
            assertThat(PortSpec.parseList(text).each()).as(text).containsExactly(p80, p443);
        }
        assertThat(PortSpec.parseList("UDP ports 53 and 5353").each())
                .containsExactly(
                        new PortSpec(53, "", Optional.of(Protocol.UDP)),
                        new PortSpec(5353, "", Optional.of(Protocol.UDP)));
        assertThat(PortSpec.parseList("ports 53, 8000-8100 and http over TCP").each())
                .containsExactly(
                        new PortSpec(53, "", Optional.of(Protocol.TCP)),
                        new PortSpec(8000, 8100, "", Optional.of(Protocol.TCP)),
                        new PortSpec(0, "http", Optional.of(Protocol.TCP)));
        assertThat(PortSpec.parseList("port 5432").each()).containsExactly(new PortSpec(5432, "", Optional.empty()));
        assertThat(PortSpec.parseList("ports 80 and 443")).hasToString("80/TCP, 443/TCP");
    }

    /** How people write references: kinds as Kubernetes spells them, "in namespace", labels unquoted, a namespace. */
    @Test
    void referencesAsPeopleWriteThem() {
        Reference api = new Reference.Kinded("Deployment", "shop", "api");
        for (String text : new String[] {
            "deployment \"api\" in \"shop\"",
            "Deployment \"api\" in \"shop\"",
            "deployment \"api\" in namespace \"shop\""
        }) {
            assertThat(text).matches(Reference.PATTERN);
            assertThat(Reference.parse(text)).as(text).isEqualTo(api);
        }
        assertThat(Reference.parse("StatefulSet \"pg\" in \"data\""))
                .isEqualTo(new Reference.Kinded("StatefulSet", "data", "pg"));
        Reference web = new Reference.Labelled(Selector.of(Map.of("app", "web", "tier", "front")), Optional.of("shop"));
        for (String text : new String[] {
            "pods labelled app=web,tier=front in \"shop\"",
            "pods labeled \"app=web,tier=front\" in namespace \"shop\"",
            "pods labelled app=web,tier=front in namespace \"shop\""
        }) {
            assertThat(text).matches(Reference.PATTERN);
            assertThat(Reference.parse(text)).as(text).isEqualTo(web);
        }
        assertThat("namespace \"shop\"").matches(Reference.PATTERN);
        assertThat(Reference.parse("namespace \"shop\"")).isEqualTo(new Reference.InNamespace("shop"));
        assertThat(Reference.parse("namespace \"shop\"").text()).isEqualTo("namespace \"shop\"");
        assertThat(Reference.parse("service \"db\" in namespace \"data\""))
                .isEqualTo(new Reference.OfService("data", "db"));
        assertThat(Reference.parse("the Internet")).isEqualTo(new Reference.Internet());
        assertThat(Reference.parse("pods in \"shop\"")).isEqualTo(new Reference.InNamespace("shop"));
        assertThat(Reference.parse("all pods in namespace \"shop\"")).isEqualTo(new Reference.InNamespace("shop"));
        assertThat("all pods in \"shop\"").matches(Reference.PATTERN);
        // without a namespace: the one that has it (looked up by the resolver)
        assertThat("deployment \"api\"").matches(Reference.PATTERN);
        assertThat(Reference.parse("deployment \"api\"")).isEqualTo(new Reference.Kinded("Deployment", "", "api"));
        assertThat(Reference.parse("deployment \"api\"").text()).isEqualTo("deployment \"api\"");
        assertThat(Reference.parse("service \"db\"")).isEqualTo(new Reference.OfService("", "db"));
        assertThat(Reference.parse("pods labelled app=web"))
                .isEqualTo(new Reference.Labelled(Selector.of(Map.of("app", "web")), Optional.empty()));
        assertThat("ip \"8.8.8.8\"").doesNotMatch(Reference.PATTERN);
    }
}
