package io.netspec.engine.report.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What CI servers rely on: one failure per testcase, unique names, counts that add up. */
class JunitRendererTest {

    @Test
    void everyFindingIsItsOwnTestcaseAndCountsAddUp() throws Exception {
        String xml = new JunitRenderer().render(ReportFixtures.result(), ReportFixtures.CONTEXT);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        Set<String> names = new HashSet<>();
        List<String> failing = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(names.add(c.getAttribute("classname") + "#" + c.getAttribute("name")))
                    .as("unique testcase %s", c.getAttribute("name"))
                    .isTrue();
            int failures = c.getElementsByTagName("failure").getLength();
            assertThat(failures).as("failures in %s", c.getAttribute("name")).isLessThanOrEqualTo(1);
            if (failures == 1) {
                failing.add(c.getAttribute("name"));
            }
            skipped += c.getElementsByTagName("skipped").getLength();
        }
        long unwaived = ReportFixtures.result().findings().stream()
                .filter(f -> !f.waived())
                .count();
        long waived = ReportFixtures.result().findings().size() - unwaived;
        assertThat(failing).hasSize((int) unwaived);
        assertThat(skipped).isEqualTo(waived);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(cases.getLength()));
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(unwaived));
        assertThat(suite.getAttribute("skipped")).isEqualTo(String.valueOf(waived));
        assertThat(names).contains("netspec.segmentation#unresolved-named-port");
    }
}
