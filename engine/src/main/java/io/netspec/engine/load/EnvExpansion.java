package io.netspec.engine.load;

import java.util.Map;

/**
 * Kubernetes' {@code $(VAR)} references in a container's env values, command and args, expanded as
 * the kubelet expands them: {@code $(NAME)} becomes the variable's value when the container defines
 * it (an env value, earlier in the list for another env value), {@code $$} is a literal {@code $},
 * and any other reference stays as written. Charts build addresses this way
 * ({@code http://$(COLLECTOR_HOST):4317}, {@code db.$(POD_NAMESPACE).svc}); expanded, the address
 * names the Service and port the container really calls.
 */
final class EnvExpansion {

    private EnvExpansion() {}

    /** {@code text} with the references to {@code vars} expanded. */
    static String expand(String text, Map<String, String> vars) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 == text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '(') {
                int close = text.indexOf(')', i + 2);
                String value = close < 0 ? null : vars.get(text.substring(i + 2, close));
                if (value != null) {
                    out.append(value);
                    i = close + 1;
                } else if (close < 0) {
                    out.append(text, i, text.length());
                    i = text.length();
                } else {
                    out.append(text, i, close + 1);
                    i = close + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
