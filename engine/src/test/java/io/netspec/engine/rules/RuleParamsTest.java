package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.netspec.engine.findings.ParamType;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.RuleParam;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.rules.check.CheckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule parameters: declared in metadata, set in {@code .netspec.yaml}, checked against the loaded rules. */
class RuleParamsTest {

    private static final List<RuleParam> DECLARED = RuleParam.parseAll("""
            "namespace: string = kube-system -- where it runs",
            "retries: integer = 3 -- how often",
            "strict: boolean = false -- whether to",
            "words: list = db,postgres -- which words",
            "podSelector: map = k8s-app=kube-dns -- which pods\"""", new ArrayList<>());

    private static final RuleInfo RULE = new RuleInfo(
            "demo-rule",
            Severity.WARNING,
            "t",
            "Fix it.",
            List.of("old-demo"),
            "demo",
            "demo",
            new SourceRef("demo.drl", 1),
            "1.0.0",
            DECLARED);

    @Test
    void metadataDeclaresNameTypeDefaultAndDescription() {
        assertThat(DECLARED)
                .extracting(RuleParam::name, RuleParam::type, RuleParam::defaultText)
                .containsExactly(
                        tuple("namespace", ParamType.STRING, "kube-system"),
                        tuple("retries", ParamType.INTEGER, "3"),
                        tuple("strict", ParamType.BOOLEAN, "false"),
                        tuple("words", ParamType.LIST, "db,postgres"),
                        tuple("podSelector", ParamType.MAP, "k8s-app=kube-dns"));
        assertThat(DECLARED.get(0).description()).isEqualTo("where it runs");

        List<String> problems = new ArrayList<>();
        RuleParam.parseAll("\"n: number = 3 -- x\", \"m: integer = three -- y\", \"no description\"", problems);
        assertThat(problems)
                .containsExactly(
                        "@params n: unknown type number (string, integer, boolean, list, map)",
                        "@params m: default \"three\" is not a whole number",
                        "@params entry \"no description\" is not NAME: TYPE = DEFAULT -- DESCRIPTION");
    }

    @Test
    void defaultsUnlessSetAndSettingsByAliasToo() {
        RuleParams.Values defaults =
                RuleParams.resolve(List.of(RULE), List.of()).of("demo-rule");
        assertThat(defaults.text("namespace")).isEqualTo("kube-system");
        assertThat(defaults.integer("retries")).isEqualTo(3);
        assertThat(defaults.list("words")).containsExactly("db", "postgres");
        SourceRef at = new SourceRef(".netspec.yaml", 4);
        RuleParams.Values set = RuleParams.resolve(
                        List.of(RULE),
                        List.of(
                                new RuleParams.Setting("old-demo", "retries", "5", false, at),
                                new RuleParams.Setting("demo-rule", "words", List.of("ledger"), false, at),
                                new RuleParams.Setting("demo-rule", "podSelector", "app=coredns", true, at)))
                .of("demo-rule");
        assertThat(set.integer("retries")).isEqualTo(5);
        assertThat(set.list("words")).containsExactly("ledger");
        assertThat(set.map("podSelector")).isEqualTo(Map.of("app", "coredns"));
        assertThat(set.flag("strict")).isFalse();
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> set.text("retries")))
                .hasMessage("rule demo-rule declares no string parameter retries (declare it in @params)");
    }

    @Test
    void configSetsParametersPerRuleWithFileAndLineForEveryMistake(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".netspec.yaml");
        Files.writeString(file, """
                rules:
                  params:
                    demo-rule:
                      retries: 5
                      words: [ledger, vault]
                      podSelector: {app: coredns}
                """);
        CheckConfig config = CheckConfig.load(file);
        assertThat(RuleParams.problems(List.of(RULE), config.params())).isEmpty();
        RuleParams.Values v = RuleParams.resolve(List.of(RULE), config.params()).of("demo-rule");
        assertThat(v.integer("retries")).isEqualTo(5);
        assertThat(v.list("words")).containsExactly("ledger", "vault");
        assertThat(v.map("podSelector")).containsExactly(Map.entry("app", "coredns"));

        Files.writeString(file, """
                rules:
                  params:
                    demo-rule:
                      retries: many
                      strict: [true]
                      colour: red
                    no-such-rule:
                      x: 1
                """);
        assertThat(RuleParams.problems(List.of(RULE), CheckConfig.load(file).params()))
                .containsExactly(
                        file + ":4: parameter retries of rule demo-rule must be a whole number",
                        file + ":5: parameter strict of rule demo-rule must be true or false",
                        file
                                + ":6: rule demo-rule has no parameter colour (it has namespace, retries, strict, words, podSelector)",
                        file
                                + ":8: parameters for no-such-rule, but no loaded rule has that id (netspec rules list prints them)");

        Files.writeString(file, "rules:\n  params:\n    Demo_Rule: {x: 1}\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(file)))
                .hasMessage(file + ":3: rules.params: \"Demo_Rule\" is not a rule id");
    }

    @Test
    void dnsIsAnAliasForTheDnsRulesParametersButNotBesideThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".netspec.yaml");
        Files.writeString(file, "failOn: warning\ndns: {namespace: dns-system, podSelector: {app: coredns}}\n");
        List<RuleParams.Setting> settings = CheckConfig.load(file).params();
        assertThat(settings).extracting(RuleParams.Setting::ruleId).containsOnly(ClusterDns.RULE_ID);
        assertThat(settings)
                .extracting(RuleParams.Setting::name, RuleParams.Setting::value)
                .containsExactly(
                        tuple("namespace", "dns-system"),
                        tuple("service", "kube-dns"),
                        tuple("podSelector", Map.of("app", "coredns")));
        assertThat(settings.get(0).at()).isEqualTo(new SourceRef(file.toString(), 2));

        Files.writeString(file, "rules:\n  params:\n    dns-egress-blocked: {namespace: a}\ndns: {namespace: b}\n");
        assertThat(catchThrowableOfType(CheckConfig.ConfigException.class, () -> CheckConfig.load(file)))
                .hasMessage(file + ":4: dns: and rules.params.dns-egress-blocked set the same parameters: keep one"
                        + " (dns: is the older spelling)");
    }
}
