package io.netspec.engine.report.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.model.SourceRef;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The machine formats against their schemas: the official SARIF 2.1.0 schema, and netspec's own JSON schema. */
class SchemaValidationTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sarifIsValidSarif210() throws Exception {
        JsonSchema schema = schema("/report/sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4);
        String sarif = ReportFormat.SARIF.renderer().render(ReportFixtures.result(), ReportFixtures.CONTEXT);
        assertThat(schema.validate(JSON.readTree(sarif))).isEmpty();
    }

    @Test
    void theSarifSchemaRejectsWhatItShould() throws Exception {
        JsonSchema schema = schema("/report/sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4);
        JsonNode bad = JSON.readTree(ReportFormat.SARIF
                .renderer()
                .render(ReportFixtures.result(), ReportFixtures.CONTEXT)
                .replace("\"level\" : \"note\"", "\"level\" : \"info\""));
        Set<ValidationMessage> errors = schema.validate(bad);
        assertThat(errors).isNotEmpty();
    }

    @Test
    void jsonMatchesItsDocumentedSchema() throws Exception {
        JsonSchema schema = schema("/netspec/report/check-report.schema.json", SpecVersion.VersionFlag.V7);
        String json = ReportFormat.JSON.renderer().render(ReportFixtures.result(), ReportFixtures.CONTEXT);
        assertThat(schema.validate(JSON.readTree(json))).isEmpty();
        assertThat(schema.validate(JSON.readTree(json.replace("\"severity\" : \"info\"", "\"severity\" : \"low\""))))
                .isNotEmpty();
    }

    @Test
    void emptyResultIsValidToo() throws Exception {
        CheckResult empty = new CheckResult(List.of(), List.of());
        assertThat(schema("/report/sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4)
                        .validate(JSON.readTree(ReportFormat.SARIF.renderer().render(empty, ReportFixtures.CONTEXT))))
                .isEmpty();
        assertThat(schema("/netspec/report/check-report.schema.json", SpecVersion.VersionFlag.V7)
                        .validate(JSON.readTree(ReportFormat.JSON.renderer().render(empty, ReportFixtures.CONTEXT))))
                .isEmpty();
    }

    @Test
    void relativeAndAbsolutePathsBecomeRelativeUris() {
        ReportContext c = ReportFixtures.CONTEXT;
        assertThat(c.uri("/work/repo/k8s/a b.yaml")).isEqualTo("k8s/a%20b.yaml");
        assertThat(c.relative("/work/repo/k8s/app.yaml")).isEqualTo("k8s/app.yaml");
        assertThat(c.uri("/elsewhere/app.yaml")).isEqualTo("file:///elsewhere/app.yaml");
        Finding f = ReportFixtures.result().findings().get(0);
        assertThat(f.source()).isNotEqualTo(SourceRef.UNKNOWN);
    }

    private static JsonSchema schema(String resource, SpecVersion.VersionFlag version) throws Exception {
        try (InputStream in = SchemaValidationTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JsonSchemaFactory.getInstance(version).getSchema(in);
        }
    }
}
