package io.netspec.engine.rules;

import io.netspec.engine.model.SourceRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.drools.model.Drools;
import org.kie.api.runtime.Channel;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The one helper a rule's consequence calls. In DRL:
 * <pre>
 * import function io.netspec.engine.rules.Report.report;
 * ...
 * then
 *     report(drools, $ns, "namespace {ns} has no default-deny ingress policy", "ns", $ns.name());
 * </pre>
 * The rule's metadata gives id, severity, title and remediation; the subject gives kind,
 * namespace, name and file:line. The message uses named placeholders ({@code {name}}) filled from
 * the key/value pairs that follow it; a placeholder without a value is an error.
 */
public final class Report {

    /** The session channel the engine listens on. */
    public static final String CHANNEL = "netspec-findings";

    private Report() {}

    /** Reports a finding on {@code subject} (a model fact or a derived fact), located where it is written. */
    public static void report(RuleContext drools, Object subject, String message, Object... keyValues) {
        send(drools, subject, null, message, keyValues);
    }

    /**
     * Reports a finding on {@code subject}, located at {@code at} instead: a line inside the
     * object, e.g. a {@code PolicyRule}'s or {@code IngressBackend}'s source.
     */
    public static void reportAt(RuleContext drools, Object subject, SourceRef at, String message, Object... keyValues) {
        send(drools, subject, at, message, keyValues);
    }

    /** The same for rules compiled to the executable model, where {@code drools} is a {@link Drools}. */
    public static void report(Drools drools, Object subject, String message, Object... keyValues) {
        send(context(drools), subject, null, message, keyValues);
    }

    /** The same for rules compiled to the executable model, where {@code drools} is a {@link Drools}. */
    public static void reportAt(Drools drools, Object subject, SourceRef at, String message, Object... keyValues) {
        send(context(drools), subject, at, message, keyValues);
    }

    /** The executable model's {@code drools} is a rule context too (Drools 10's {@code DroolsImpl}). */
    private static RuleContext context(Drools drools) {
        if (drools instanceof RuleContext context) {
            return context;
        }
        RuleContext context = drools.getContext(RuleContext.class);
        if (context == null) {
            throw new IllegalStateException("report called outside a rule consequence");
        }
        return context;
    }

    private static void send(RuleContext drools, Object subject, SourceRef at, String message, Object[] keyValues) {
        String ruleName = drools.getRule().getName();
        ObjectRef object;
        String text;
        try {
            object = ObjectRef.of(subject);
            text = format(message, keyValues);
        } catch (IllegalArgumentException e) {
            throw new RuleFailure(drools.getRule().getPackageName(), ruleName, e.getMessage());
        }
        Channel channel = drools.getKieRuntime().getChannels().get(CHANNEL);
        if (channel == null) {
            throw new IllegalStateException("rule \"" + ruleName + "\" reported outside a netspec rule run");
        }
        channel.send(new RuleHit(
                drools.getRule().getPackageName(),
                ruleName,
                object,
                at == null || at.line() <= 0 ? object.source() : at,
                text));
    }

    /**
     * Fills {@code {key}} placeholders from alternating keys and values. {@code {{} } are not special:
     * text without a matching key is an error, so a typo never reaches a report.
     */
    public static String format(String message, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "message arguments come in key, value pairs; got " + keyValues.length + " for \"" + message + "\"");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            int close = c == '{' ? message.indexOf('}', i) : -1;
            if (close > i) {
                String key = message.substring(i + 1, close);
                if (!values.containsKey(key)) {
                    throw new IllegalArgumentException(
                            "message placeholder {" + key + "} has no value in \"" + message + "\"");
                }
                out.append(text(values.get(key)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(Report::text).orElse("");
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(Report::text).collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    /** A consequence misused the helper (bad subject, placeholder without value); the engine names the rule's file:line. */
    public static final class RuleFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String rulePackage;
        final String ruleName;

        RuleFailure(String rulePackage, String ruleName, String message) {
            super(message);
            this.rulePackage = rulePackage;
            this.ruleName = ruleName;
        }
    }

    /** What a consequence sends to the engine; the engine adds the rule's metadata. */
    public record RuleHit(String rulePackage, String ruleName, ObjectRef object, SourceRef source, String message) {}
}
