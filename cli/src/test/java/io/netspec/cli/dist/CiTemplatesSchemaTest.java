package io.netspec.cli.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The GitHub Action and the CI templates against the schemas their services publish (SchemaStore's
 * github-action and github-workflow, GitLab's own CI schema; see src/test/resources/ci-schemas), and
 * proof that each schema rejects a broken file, so that a pass means something.
 */
class CiTemplatesSchemaTest {

    private static final Path ROOT = Path.of(System.getProperty("netspec.root", ".."));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void actionYmlIsAValidActionMetadataFile() throws IOException {
        JsonNode action = yaml(ROOT.resolve("action.yml"));
        assertThat(schema("github-action.json").validate(action)).isEmpty();
        assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
        assertThat(action.at("/inputs/version/required").asBoolean()).isTrue();
        for (String input : new String[] {"paths", "specs", "packs", "fail-on", "sha256"}) {
            assertThat(action.at("/inputs/" + input).isObject())
                    .as("input " + input)
                    .isTrue();
        }
    }

    @Test
    void theActionVerifiesTheChecksumBeforeUnpacking() throws IOException {
        String download = null;
        for (JsonNode step : yaml(ROOT.resolve("action.yml")).at("/runs/steps")) {
            if (step.path("name").asText().startsWith("Download")) {
                download = step.path("run").asText();
            }
        }
        assertThat(download).as("the download step").isNotNull();
        assertThat(download.indexOf("sha256sum -c")).isPositive().isLessThan(download.indexOf("tar xzf"));
    }

    @Test
    void githubWorkflowTemplateIsValidAndUsesTheAction() throws IOException {
        JsonNode workflow = yaml(ROOT.resolve("examples/ci/github-actions.yml"));
        assertThat(schema("github-workflow.json").validate(workflow)).isEmpty();
        assertThat(workflow.toString()).containsPattern("\"uses\":\"[^\"/]+/netspec@v\\d+\\.\\d+\\.\\d+\"");
    }

    @Test
    void gitlabTemplateIsValid() throws IOException {
        JsonNode gitlab = yaml(ROOT.resolve("examples/ci/gitlab-ci.yml"));
        assertThat(schema("gitlab-ci.json").validate(gitlab)).isEmpty();
    }

    @Test
    void theSchemasRejectBrokenFiles() throws IOException {
        JsonNode action = yaml(ROOT.resolve("action.yml"));
        ((ObjectNode) action).remove("runs");
        assertThat(schema("github-action.json").validate(action)).isNotEmpty();

        JsonNode workflow = yaml(ROOT.resolve("examples/ci/github-actions.yml"));
        ((ObjectNode) workflow.at("/jobs/netspec")).put("runs-on", 42);
        ((ObjectNode) workflow.at("/jobs/netspec")).remove("steps");
        assertThat(schema("github-workflow.json").validate(workflow)).isNotEmpty();

        JsonNode gitlab = yaml(ROOT.resolve("examples/ci/gitlab-ci.yml"));
        ((ObjectNode) gitlab.at("/netspec")).put("when", "sometimes");
        assertThat(schema("gitlab-ci.json").validate(gitlab)).isNotEmpty();
    }

    private static JsonSchema schema(String name) throws IOException {
        try (InputStream in = CiTemplatesSchemaTest.class.getResourceAsStream("/ci-schemas/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    /** YAML 1.2's booleans only: GitHub reads {@code on:} as a key, where YAML 1.1 would read true. */
    private static JsonNode yaml(Path file) throws IOException {
        Resolver core = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tfTF");
                addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9]+$"), "-+0123456789");
                addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
                addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            }
        };
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(
                new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, core);
        Object data = yaml.load(Files.readString(file));
        return JSON.valueToTree(data);
    }
}
