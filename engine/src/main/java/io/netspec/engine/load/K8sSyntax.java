package io.netspec.engine.load;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes name syntax (apimachinery validation): label keys and values, port names, DNS labels. */
final class K8sSyntax {

    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[-a-z0-9]+");

    private K8sSyntax() {
    }

    /** Why a label key is invalid (optional DNS-subdomain prefix and '/', then a name), if it is. */
    static Optional<String> labelKeyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("invalid label key \"" + key + "\": the prefix must be a DNS subdomain"
                        + " (lower-case alphanumerics, '-' and '.', at most 253 characters)");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            return Optional.of("invalid label key \"" + key + "\": the name must be 1-63 characters of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    static Optional<String> labelValueProblem(String value) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("invalid label value \"" + YamlMap.abbreviate(value) + "\": at most 63 characters of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    /** IANA_SVC_NAME: 1-15 lower-case alphanumerics or '-', a letter, no leading, trailing or double '-'. */
    static Optional<String> portNameProblem(String name) {
        boolean ok = !name.isEmpty() && name.length() <= 15 && IANA_SVC_NAME.matcher(name).matches()
                && name.chars().anyMatch(c -> c >= 'a' && c <= 'z')
                && !name.startsWith("-") && !name.endsWith("-") && !name.contains("--");
        if (ok) {
            return Optional.empty();
        }
        String hint = name.chars().allMatch(Character::isDigit) && !name.isEmpty()
                ? " (a quoted number is a name in Kubernetes; write the port number unquoted)"
                : "";
        return Optional.of("invalid port name \"" + YamlMap.abbreviate(name) + "\": 1-15 lower-case letters,"
                + " digits or '-', with at least one letter and no leading, trailing or double '-'" + hint);
    }

    static Optional<String> dnsLabelProblem(String name) {
        if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            return Optional.of("invalid name \"" + YamlMap.abbreviate(name) + "\": at most 63 lower-case"
                    + " alphanumerics or '-', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    /** The rule an object's {@code metadata.name} follows (apimachinery's NameIsDNS*). */
    enum NameRule {
        /** RFC 1123 label: Namespaces. */
        DNS_LABEL(63, "a DNS label: at most 63 lower-case alphanumerics or '-', starting and ending with an"
                + " alphanumeric"),
        /** RFC 1035 label: Services (their name becomes a DNS name and environment variables). */
        DNS_1035_LABEL(63, "a DNS-1035 label: at most 63 lower-case alphanumerics or '-', starting with a letter and"
                + " ending with an alphanumeric"),
        /** RFC 1123 subdomain: most kinds. */
        DNS_SUBDOMAIN(253, "a DNS subdomain: at most 253 lower-case alphanumerics, '-' or '.', starting and ending"
                + " with an alphanumeric");

        private final int max;
        private final String rule;

        NameRule(int max, String rule) {
            this.max = max;
            this.rule = rule;
        }

        boolean accepts(String name) {
            Pattern p = switch (this) {
                case DNS_LABEL -> K8sSyntax.DNS_LABEL;
                case DNS_1035_LABEL -> K8sSyntax.DNS_1035_LABEL;
                case DNS_SUBDOMAIN -> K8sSyntax.DNS_SUBDOMAIN;
            };
            return name.length() <= max && p.matcher(name).matches();
        }

        /** Why {@code name} (the {@code what}, e.g. "Service name") is invalid, if it is. */
        Optional<String> problem(String what, String name) {
            return accepts(name)
                    ? Optional.empty()
                    : Optional.of("invalid " + what + " \"" + YamlMap.abbreviate(name) + "\""
                            + (name.length() > max ? " (" + name.length() + " characters)" : "") + ": " + rule);
        }
    }

    static Optional<String> portNumberProblem(long port) {
        return port < 1 || port > 65535
                ? Optional.of("port " + port + " is outside 1-65535")
                : Optional.empty();
    }
}
