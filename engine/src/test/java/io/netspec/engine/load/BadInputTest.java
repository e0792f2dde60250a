package io.netspec.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.NamespaceFact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of bad input: an ERROR at the exact file and line, one line of text, and the good
 * documents of the same file still read (each fixture ends with a Namespace "survivor").
 */
class BadInputTest {

    private Path fixture;

    /** Loads a fixture; returns its problems as {@code LINE: message} (warnings keep their prefix). */
    private List<String> problems(String name) {
        return problems(name, LoadOptions.DEFAULTS);
    }

    private List<String> problems(String name, LoadOptions options) {
        try {
            fixture = Path.of(getClass().getResource("/load/bad/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        LoadResult r = new ManifestLoader(options).load(List.of(fixture), new ByteArrayInputStream(new byte[0]));
        last = r;
        return r.problems().stream()
                .map(p -> {
                    String text = p.toString();
                    assertThat(text).as("one line").doesNotContain("\n");
                    assertThat(text).as("names the file").startsWith(fixture.toString() + ":");
                    return text.substring(fixture.toString().length() + 1);
                })
                .toList();
    }

    private LoadResult last;

    private void assertSurvivorRead() {
        assertThat(last.cluster().namespace("survivor"))
                .as("good document after the bad one")
                .hasValueSatisfying(n -> assertThat(n.declared()).isTrue());
    }

    @Test
    void malformedYamlCostsOnlyItsDocument() {
        assertThat(problems("malformed.yaml"))
                .containsExactly(
                        "11: invalid YAML: while parsing a flow mapping: expected ',' or '}', but the document ends");
        assertThat(last.cluster().namespaces())
                .extracting(NamespaceFact::name)
                .contains("before", "after")
                .doesNotContain("broken");
    }

    @Test
    void malformedJson() {
        assertThat(problems("malformed.json"))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("6: invalid JSON: Unexpected character ('}'"));
        assertThat(last.hasErrors()).isTrue();
    }

    @Test
    @Timeout(20) // a safety net: expanding the bomb would take hours, not a measurement
    void aliasBombFailsFast() {
        assertThat(problems("alias-bomb.yaml"))
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("1: aliases expand this document to more than")
                        .contains("alias bomb"));
        assertThat(last.cluster().configMaps()).isEmpty();
        assertSurvivorRead();
    }

    @Test
    void tooManyAliasesStopAtSnakeYamlsLimit() {
        assertThat(problems("too-many-aliases.yaml"))
                .containsExactly(
                        "106: too many aliases (a YAML alias bomb?): Number of aliases for non-scalar nodes exceeds the"
                                + " specified max=100");
        assertSurvivorRead();
    }

    @Test
    void excessiveNestingYaml() {
        assertThat(problems("deep-nesting.yaml")).containsExactly("5: document nests deeper than 100 levels");
        assertSurvivorRead();
    }

    @Test
    void excessiveNestingJson() {
        assertThat(problems("deep-nesting.json")).containsExactly("3: document nests deeper than 100 levels");
    }

    @Test
    void oversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "apiVersion: v1\nkind: Namespace\nmetadata: {name: big}\n" + "#".repeat(5000));
        Path small = dir.resolve("small.yaml");
        Files.writeString(small, "apiVersion: v1\nkind: Namespace\nmetadata: {name: small}\n");
        LoadOptions tight = new LoadOptions("default", 100, 100, 1000);
        LoadResult r = new ManifestLoader(tight).load(List.of(big, small), new ByteArrayInputStream(new byte[0]));
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly(big + ":1: file is 5053 bytes, over the limit of 1000 bytes; it is not read");
        assertThat(r.cluster().namespaces()).extracting(NamespaceFact::name).containsExactly("small");
    }

    @Test
    void oversizedStdinIsReadOnlyUpToTheCap() {
        byte[] endless = new byte[10_000];
        Arrays.fill(endless, (byte) '#');
        LoadOptions tight = new LoadOptions("default", 100, 100, 1000);
        ByteArrayInputStream in = new ByteArrayInputStream(endless);
        LoadResult r = new ManifestLoader(tight).load(List.of(Path.of("-")), in);
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly("<stdin>:1: standard input is over the limit of 1000 bytes; it is not read");
        assertThat(in.available()).as("bytes left unread").isEqualTo(10_000 - 1001);
    }

    @Test
    void oversizedStringIsRefused() {
        LoadOptions tight = new LoadOptions("default", 100, 100, 100);
        LoadResult r = new ManifestLoader(tight).loadString("a: " + "x".repeat(200), "doc");
        assertThat(r.errors())
                .extracting(LoadProblem::toString)
                .containsExactly("doc:1: text is over the limit of 100 characters; it is not read");
    }

    @Test
    void javaTypeTagsAreErrorsAndNothingIsInstantiated() {
        assertThat(problems("tags.yaml"))
                .containsExactly(
                        "5: tag !!javax.script.ScriptEngineManager is not allowed: only standard YAML tags are read, and"
                                + " nothing is ever instantiated",
                        "11: tag !!java.io.File is not allowed: only standard YAML tags are read, and nothing is ever"
                                + " instantiated",
                        "17: tag !!io.netspec.engine.load.Tripwire is not allowed: only standard YAML tags are read, and"
                                + " nothing is ever instantiated",
                        "23: tag !custom is not allowed: only standard YAML tags are read, and nothing is ever instantiated");
        // Tripwire's static initializer sets this property: the class was never even loaded
        assertThat(System.getProperty("netspec.test.tripwire")).isNull();
        assertSurvivorRead();
    }

    @Test
    void documentsThatAreNotMappings() {
        assertThat(problems("not-a-mapping.yaml"))
                .containsExactly(
                        "1: document is a string (just a string), not a mapping: expected a Kubernetes object",
                        "3: document is a list, not a mapping: expected a Kubernetes object");
        assertSurvivorRead();
    }

    @Test
    void missingKindOrApiVersion() {
        assertThat(problems("missing-kind.yaml"))
                .containsExactly(
                        "1: object has no kind (apiVersion v1)",
                        "4: Namespace has no apiVersion",
                        "7: object has no kind");
        assertSurvivorRead();
    }

    @Test
    void invalidSelectorsAndLabels() {
        assertThat(problems("selectors.yaml"))
                .containsExactly(
                        "7: spec.podSelector.matchExpressions[0]: invalid operator \"Equals\"; use In, NotIn, Exists or"
                                + " DoesNotExist",
                        "8: spec.podSelector.matchExpressions[1]: operator In needs at least one value",
                        "9: spec.podSelector.matchExpressions[2]: operator NotIn needs at least one value",
                        "10: spec.podSelector.matchExpressions[3]: operator Exists takes no values",
                        "19: metadata.labels: invalid label key \"-leading-dash\": the name must be 1-63 characters of"
                                + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
                        "20: metadata.labels: invalid label key \"Example.COM/name\": the prefix must be a DNS subdomain"
                                + " (lower-case alphanumerics, '-' and '.', at most 253 characters)",
                        "21: metadata.labels: invalid label key \"ok/too-long-name-" + "a".repeat(62)
                                + "\": the name must be 1-63 characters of alphanumerics, '-', '_' or"
                                + " '.', starting and ending with an alphanumeric",
                        "22: metadata.labels: invalid label value \"a b\": at most 63 characters of alphanumerics, '-', '_'"
                                + " or '.', starting and ending with an alphanumeric",
                        "23: metadata.labels: invalid label value \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\": at most 63"
                                + " characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
                        "32: metadata.labels.enabled: yes is read as a boolean by YAML 1.1 (kubectl rejects it), not a"
                                + " string; quote it: \"yes\"",
                        "33: metadata.labels.mode: on is read as a boolean by YAML 1.1 (kubectl rejects it), not a string;"
                                + " quote it: \"on\"",
                        "34: metadata.labels.short: y is read as a boolean by YAML 1.1 (kubectl rejects it), not a string;"
                                + " quote it: \"y\"",
                        "35: metadata.labels.flag: true is read as a boolean by YAML 1.1 (kubectl rejects it), not a"
                                + " string; quote it: \"true\"",
                        "36: metadata.labels.version: 2 is read as a number by YAML 1.1 (kubectl rejects it), not a string;"
                                + " quote it: \"2\"");
        assertThat(last.cluster().workloads())
                .as("objects with bad labels are still listed")
                .hasSize(2);
        assertSurvivorRead();
    }

    @Test
    void invalidCidrs() {
        assertThat(problems("cidrs.yaml"))
                .containsExactly(
                        "8: spec.egress[0].to[0].ipBlock.cidr: invalid CIDR \"10.0.0.0\": missing /prefix length",
                        "9: spec.egress[0].to[1].ipBlock.cidr: invalid CIDR \"10.0.0.0/33\": prefix length 33 is out of"
                                + " range 0-32",
                        "10: spec.egress[0].to[2].ipBlock.cidr: invalid CIDR \"300.1.2.3/8\": \"300.1.2.3\" is not an IPv4"
                                + " address",
                        "11: spec.egress[0].to[3].ipBlock.cidr: invalid CIDR \"2001:db8::/129\": prefix length 129 is out"
                                + " of range 0-128",
                        "12: spec.egress[0].to[4].ipBlock.cidr: invalid CIDR \"not-an-ip/8\": \"not-an-ip\" is not an IPv4"
                                + " address",
                        "15: spec.egress[0].to[5].ipBlock.except[0]: 10.1.0.0/24 is not strictly inside cidr 10.0.0.0/16",
                        "15: spec.egress[0].to[5].ipBlock.except[1]: 10.0.0.0/16 is not strictly inside cidr 10.0.0.0/16",
                        "15: spec.egress[0].to[5].ipBlock.except[2]: 2001:db8::/64 is IPv6 but cidr 10.0.0.0/16 is IPv4",
                        "16: warning: spec.egress[0].to[6].ipBlock.cidr: 10.0.0.1/24 has host bits set; Kubernetes reads it"
                                + " as 10.0.0.0/24");
        // the valid peers of the same rule are kept: the host-bits one (masked) and the last one
        var peers = last.cluster().policies().get(0).egress().get(0).peers();
        assertThat(peers)
                .extracting(p -> p.ipBlock().orElseThrow().toString())
                .containsExactly("10.0.0.1/24", "192.168.0.0/16 except [192.168.1.0/24]");
        assertThat(peers.get(0).ipBlock().orElseThrow().cidr().first()).isEqualTo(0x0A000000L);
        assertSurvivorRead();
    }

    @Test
    void invalidPortsNamesProtocolsAndRanges() {
        String nameRule = ": 1-15 lower-case letters, digits or '-', with at least one letter and no leading,"
                + " trailing or double '-'";
        assertThat(problems("ports.yaml"))
                .containsExactly(
                        "8: spec.ingress[0].ports[0].port: port 0 is outside 1-65535",
                        "9: spec.ingress[0].ports[1].port: port 70000 is outside 1-65535",
                        "10: spec.ingress[0].ports[2].port: invalid port name \"Http\"" + nameRule,
                        "11: spec.ingress[0].ports[3].port: invalid port name \"this-name-is-too-long\"" + nameRule,
                        "12: spec.ingress[0].ports[4].port: invalid port name \"8080\"" + nameRule
                                + " (a quoted number is a name in Kubernetes; write the port number unquoted)",
                        "13: spec.ingress[0].ports[5].port: invalid port name \"a--b\"" + nameRule,
                        "14: spec.ingress[0].ports[6].port: invalid port name \"-web\"" + nameRule,
                        "15: spec.ingress[0].ports[7].protocol: unknown protocol \"ICMP\"; use TCP, UDP or SCTP",
                        "16: spec.ingress[0].ports[8].protocol: unknown protocol \"tcp\"; use TCP, UDP or SCTP",
                        "17: spec.ingress[0].ports[9].endPort: endPort 1000 is below port 2000",
                        "18: spec.ingress[0].ports[10].endPort: endPort cannot be used with named port \"http\"",
                        "19: spec.ingress[0].ports[11].endPort: endPort needs a numeric port",
                        "33: spec.template.spec.containers[0].ports[0].name: invalid port name \"web_http\"" + nameRule,
                        "34: spec.template.spec.containers[0].ports[1].containerPort: port 65536 is outside 1-65535",
                        "35: spec.template.spec.containers[0].ports[2].protocol: unknown protocol \"HTTP\"; use TCP, UDP or"
                                + " SCTP");
        assertThat(last.cluster().policies().get(0).ingress().get(0).ports())
                .as("the valid port is kept")
                .extracting(Object::toString)
                .contains("1000-1010/TCP");
        assertSurvivorRead();
    }

    @Test
    void invalidUtf8NamesTheLineOfTheFirstBadByte() {
        assertThat(problems("invalid-utf8.yaml"))
                .containsExactly(
                        "4: not UTF-8 (byte 0xe9 at offset 52); save it as UTF-8",
                        "4: warning: metadata.name: invalid Namespace name \"caf\uFFFD\": a DNS label: at most 63 lower-case"
                                + " alphanumerics or '-', starting and ending with an alphanumeric; the API server would"
                                + " reject it (read anyway)");
        assertSurvivorRead();
    }

    @Test
    void duplicateKeys() {
        assertThat(problems("duplicate-keys.yaml")).containsExactly("9: duplicate key \"selector\" (first at line 7)");
        assertSurvivorRead();
    }

    @Test
    void mergeKeyWithoutAMapping() {
        assertThat(problems("merge-not-a-map.yaml"))
                .containsExactly(
                        "6: merge key <<: expected a mapping or a list of mappings, found a string (team-pay)",
                        "16: merge key <<: expected a mapping or a list of mappings, found a list");
        assertSurvivorRead();
    }

    @Test
    void routeBackendsAndPorts() {
        assertThat(problems("routes.yaml"))
                .containsExactly(
                        "5: Route shop/no-to: spec.to is missing; a Route names the Service it sends traffic to",
                        "11: spec.to: name is missing; name the Service",
                        "17: spec.to.kind: \"Deployment\" is not allowed; a Route backend is a Service (kind Service, or"
                                + " leave kind out)",
                        "19: spec.alternateBackends[0].weight: 300 is outside 0-256",
                        "20: spec.alternateBackends[1].name: invalid Service name \"Web_C\": a DNS-1035 label: at most 63"
                                + " lower-case alphanumerics or '-', starting with a letter and ending with an alphanumeric",
                        "27: spec.port.targetPort: port 0 is outside 1-65535",
                        "34: spec.port.targetPort: invalid port name \"Web_Port\": a DNS label: at most 63 lower-case"
                                + " alphanumerics or '-', starting and ending with an alphanumeric",
                        "41: warning: spec.port.targetPort: \"8080\" is quoted, so it is a port name, not a number; write 8080"
                                + " unquoted to target the port number",
                        "48: spec.port.targetPort: expected a port number or name, found a list",
                        "55: spec.alternateBackends: 4 backends, at most 3 are allowed",
                        "56: spec.port: targetPort is missing");
        var routes = last.cluster().routes();
        assertThat(routes).as("every Route is still listed").hasSize(8);
        assertThat(routes.get(2).services()).as("only Service backends").containsExactly("web-b", "Web_C");
        assertThat(routes.get(5).targetPort().name()).isEqualTo("8080");
        assertSurvivorRead();
    }

    @Test
    void objectNamesAndNamespaces() {
        String subdomain = ": a DNS subdomain: at most 253 lower-case alphanumerics, '-' or '.', starting and ending"
                + " with an alphanumeric";
        String label = ": a DNS label: at most 63 lower-case alphanumerics or '-', starting and ending with an"
                + " alphanumeric";
        String rejected = "; the API server would reject it (read anyway)";
        assertThat(problems("names.yaml"))
                .containsExactly(
                        "4: warning: metadata.name: invalid Deployment name \"Api_v1\"" + subdomain + rejected,
                        "5: warning: metadata.namespace: invalid namespace \"Shop\"" + label + rejected,
                        "13: warning: metadata.name: invalid Service name \"1api\": a DNS-1035 label: at most 63 lower-case"
                                + " alphanumerics or '-', starting with a letter and ending with an alphanumeric"
                                + rejected,
                        "19: warning: metadata.name: invalid Namespace name \"shop.example\"" + label + rejected,
                        "25: warning: metadata.namespace: invalid namespace \"this-namespace-name-is-far-too-long-t...\""
                                + " (67 characters)" + label + rejected,
                        "31: warning: metadata.name: invalid CronJob name \"nightly-report-generator-for-the-acco...\": 54"
                                + " characters, over 52 (its Jobs are named after it plus 11 characters)" + rejected,
                        "36: ConfigMap has no metadata.name",
                        "44: warning: metadata.generateName: invalid Pod generateName \"Worker_\"" + subdomain
                                + rejected,
                        "61: metadata.name: invalid BaselineAdminNetworkPolicy name \"baseline\": it must be default (one per"
                                + " cluster)");
        assertThat(last.errors())
                .extracting(LoadProblem::message)
                .containsExactly(
                        "ConfigMap has no metadata.name",
                        "metadata.name: invalid BaselineAdminNetworkPolicy name \"baseline\": it must be default (one per"
                                + " cluster)");
        assertThat(last.cluster().workloads())
                .as("objects with bad names are still read")
                .hasSize(4);
        assertThat(last.cluster().ignored())
                .extracting(o -> o.namespace() + "/" + o.name())
                .as("objects netspec ignores are not checked")
                .containsExactly("Not_Checked_Either/Not_Checked");
        assertSurvivorRead();
    }
}
