package io.netspec.engine.findings;

import io.netspec.engine.rules.RuleParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting a rule declares in its metadata, with its type, default and meaning:
 * <pre>
 * rule "dns-egress-blocked"
 *     @params("namespace: string = kube-system -- the namespace cluster DNS runs in",
 *             "podSelector: map = k8s-app=kube-dns -- its pods' labels")
 * </pre>
 * {@code .netspec.yaml} sets it per rule ({@code rules: params: {RULE: {NAME: VALUE}}}), a fixture per case
 * ({@code # param: NAME = VALUE}); DRL reads it through the {@link RuleParams} global.
 */
public record RuleParam(String name, ParamType type, Object defaultValue, String description) {

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DECLARATION =
            Pattern.compile("\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*:\\s*([a-z]+)\\s*=(.*?)\\s+--\\s+(.+)", Pattern.DOTALL);

    /** The default as {@link ParamType#parse} reads it: for docs. */
    public String defaultText() {
        return type.format(defaultValue);
    }

    /**
     * The declarations of a {@code @params} value: one quoted string each (Drools keeps the raw text of a
     * metadata value with several strings), {@code NAME: TYPE = DEFAULT -- DESCRIPTION}. Mistakes are added
     * to {@code problems} as messages.
     */
    public static List<RuleParam> parseAll(String metadata, List<String> problems) {
        List<String> declarations = new ArrayList<>();
        Matcher q = QUOTED.matcher(metadata);
        while (q.find()) {
            declarations.add(q.group(1));
        }
        if (declarations.isEmpty() && !metadata.isBlank()) {
            declarations.add(metadata);
        }
        List<RuleParam> out = new ArrayList<>();
        for (String d : declarations) {
            Matcher m = DECLARATION.matcher(d);
            if (!m.matches()) {
                problems.add("@params entry \"" + d + "\" is not NAME: TYPE = DEFAULT -- DESCRIPTION");
                continue;
            }
            String name = m.group(1);
            Optional<ParamType> type = ParamType.named(m.group(2));
            if (type.isEmpty()) {
                problems.add(
                        "@params " + name + ": unknown type " + m.group(2) + " (string, integer, boolean, list, map)");
                continue;
            }
            Optional<Object> value = type.get().parse(m.group(3));
            if (value.isEmpty()) {
                problems.add("@params " + name + ": default \"" + m.group(3).trim() + "\" is not "
                        + type.get().expected());
                continue;
            }
            if (out.stream().anyMatch(p -> p.name().equals(name))) {
                problems.add("@params " + name + " is declared twice");
                continue;
            }
            out.add(new RuleParam(name, type.get(), value.get(), m.group(4).trim()));
        }
        return out;
    }
}
