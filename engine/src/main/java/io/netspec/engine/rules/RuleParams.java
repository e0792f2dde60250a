package io.netspec.engine.rules;

import io.netspec.engine.findings.ParamType;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.RuleParam;
import io.netspec.engine.model.SourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The parameter values of one rule run: every declared parameter of every loaded rule, at its default
 * unless a {@link Setting} (from {@code .netspec.yaml} or a fixture) sets it. DRL reads them through a
 * global of this type ({@code global io.netspec.engine.rules.RuleParams params;}, then
 * {@code params.of("rule-id").text("name")}). Lives as long as the run: {@link Values#derived} caches what
 * a rule builds from its values (a vocabulary, a target) for that run only.
 */
public final class RuleParams {

    /**
     * A value set for a rule's parameter: {@code value} is a {@code String} (a YAML scalar or a fixture's
     * text), a {@code List<String>} or a {@code Map<String, String>}; {@code text} says it is text to
     * {@linkplain ParamType#parse parse} rather than YAML to {@linkplain ParamType#accept accept}.
     */
    public record Setting(String ruleId, String name, Object value, boolean text, SourceRef at) {}

    private final Map<String, Values> byRule;

    private RuleParams(Map<String, Values> byRule) {
        this.byRule = byRule;
    }

    /** The defaults of {@code rules}, with {@code settings} on top; a bad setting is an {@link IllegalArgumentException}. */
    public static RuleParams resolve(List<RuleInfo> rules, List<Setting> settings) {
        List<String> problems = problems(rules, settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        Map<String, Values> out = new HashMap<>();
        for (RuleInfo rule : rules) {
            Map<String, Object> values = new LinkedHashMap<>();
            rule.params().forEach(p -> values.put(p.name(), p.defaultValue()));
            for (Setting s : settings) {
                if (rule.answersTo(s.ruleId())) {
                    RuleParam p = declared(rule, s.name()).orElseThrow();
                    values.put(p.name(), value(p, s).orElseThrow());
                }
            }
            out.put(rule.id(), new Values(rule.id(), values));
        }
        return new RuleParams(out);
    }

    /**
     * What is wrong with {@code settings} for these rules, one {@code file:line: message} each: a rule no loaded
     * rule answers to, a parameter the rule does not declare, a value not of the declared type.
     */
    public static List<String> problems(List<RuleInfo> rules, List<Setting> settings) {
        List<String> out = new ArrayList<>();
        for (Setting s : settings) {
            Optional<RuleInfo> rule =
                    rules.stream().filter(r -> r.answersTo(s.ruleId())).findFirst();
            if (rule.isEmpty()) {
                out.add(s.at() + ": parameters for " + s.ruleId() + ", but no loaded rule has that id"
                        + " (netspec rules list prints them)");
                continue;
            }
            Optional<RuleParam> p = declared(rule.get(), s.name());
            if (p.isEmpty()) {
                List<String> names =
                        rule.get().params().stream().map(RuleParam::name).toList();
                out.add(s.at() + ": rule " + rule.get().id() + " has no parameter " + s.name()
                        + (names.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", names) + ")"));
            } else if (value(p.get(), s).isEmpty()) {
                out.add(s.at() + ": parameter " + s.name() + " of rule "
                        + rule.get().id() + " must be " + p.get().type().expected());
            }
        }
        return out;
    }

    private static Optional<RuleParam> declared(RuleInfo rule, String name) {
        return rule.params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Optional<Object> value(RuleParam p, Setting s) {
        return s.text() && s.value() instanceof String t
                ? p.type().parse(t)
                : p.type().accept(s.value());
    }

    /** The values of the rule with this id (defaults only for a rule not loaded, which then has none). */
    public Values of(String ruleId) {
        return byRule.computeIfAbsent(ruleId, id -> new Values(id, Map.of()));
    }

    /** One rule's values. */
    public static final class Values {

        private final String ruleId;
        private final Map<String, Object> values;
        private final Map<String, Object> derived = new ConcurrentHashMap<>();

        Values(String ruleId, Map<String, Object> values) {
            this.ruleId = ruleId;
            this.values = Map.copyOf(values);
        }

        public String text(String name) {
            return get(name, String.class);
        }

        public long integer(String name) {
            return get(name, Long.class);
        }

        public boolean flag(String name) {
            return get(name, Boolean.class);
        }

        @SuppressWarnings("unchecked")
        public List<String> list(String name) {
            return get(name, List.class);
        }

        @SuppressWarnings("unchecked")
        public Map<String, String> map(String name) {
            return get(name, Map.class);
        }

        /** What {@code build} makes of these values, built once per run (a rule asks for it per fact). */
        @SuppressWarnings("unchecked")
        public <T> T derived(String key, Function<Values, T> build) {
            Object v = derived.get(key);
            if (v == null) {
                v = build.apply(this);
                derived.putIfAbsent(key, v);
            }
            return (T) v;
        }

        private <T> T get(String name, Class<T> type) {
            Object v = values.get(name);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("rule " + ruleId + " declares no "
                        + type.getSimpleName().toLowerCase(Locale.ROOT) + " parameter " + name
                        + " (declare it in @params)");
            }
            return type.cast(v);
        }
    }
}
