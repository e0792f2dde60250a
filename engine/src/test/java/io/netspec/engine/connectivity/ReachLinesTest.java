package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance comparator itself must be able to fail. */
class ReachLinesTest {

    @Test
    void differentlyCutRangesWithTheSameMeaningAgree() {
        List<String> expected = List.of(
                "0.0.0.0-9.255.255.255[External] => ns/a[Pod] : All Connections",
                "10.0.0.0-255.255.255.255[External] => ns/a[Pod] : All Connections",
                "ns/a[Pod] => ns/b[Pod] : TCP 80");
        List<String> actual = List.of(
                "0.0.0.0-255.255.255.255[External] => ns/a[Pod] : All Connections", "ns/a[Pod] => ns/b[Pod] : TCP 80");
        assertThat(ReachLines.differences(expected, actual)).isEmpty();
    }

    @Test
    void aDifferentConnectionSetOrAMissingRangeDisagrees() {
        List<String> expected = List.of(
                "0.0.0.0-9.255.255.255[External] => ns/a[Pod] : All Connections",
                "ns/a[Pod] => 1.2.3.4-1.2.3.4[External] : UDP 53",
                "ns/a[Pod] => ns/b[Pod] : TCP 80");
        List<String> actual = List.of(
                "0.0.0.0-10.0.0.0[External] => ns/a[Pod] : All Connections", "ns/a[Pod] => ns/b[Pod] : TCP 80-81");
        assertThat(ReachLines.differences(expected, actual))
                .containsExactly(
                        "missing:    ns/a[Pod] => ns/b[Pod] : TCP 80",
                        "unexpected: ns/a[Pod] => ns/b[Pod] : TCP 80-81",
                        "missing:    0.0.0.0-9.255.255.255[External] => ns/a[Pod] : All Connections",
                        "unexpected: 0.0.0.0-10.0.0.0[External] => ns/a[Pod] : All Connections",
                        "missing:    ns/a[Pod] => 1.2.3.4-1.2.3.4[External] : UDP 53");
    }
}
