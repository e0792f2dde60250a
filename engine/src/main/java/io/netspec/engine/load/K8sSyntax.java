package io.netspec.engine.load;

import java.util.Optional;

/** Kubernetes name syntax (apimachinery validation): label keys and values, port names, DNS labels. */
final class K8sSyntax {

    private K8sSyntax() {}

    // Hand-written matchers for apimachinery's regular expressions (ASCII only, as Go's regexp reads
    // them there); K8sSyntaxTest checks each against the regular expression it replaces.

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, at most 63 characters: a label key's name part. */
    static boolean isQualifiedName(String s) {
        return !s.isEmpty() && isLabelValue(s);
    }

    /** {@code (([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?}, at most 63 characters. */
    static boolean isLabelValue(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (n > 63 || !isAlnum(s.charAt(0)) || !isAlnum(s.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** An optional DNS-subdomain prefix and '/', then a qualified name. */
    static boolean isLabelKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return isQualifiedName(key);
        }
        return slash <= 253 && isDnsSubdomain(key, 0, slash) && isQualifiedName(key.substring(slash + 1));
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, any length. */
    static boolean isDnsLabel(String s) {
        return isDnsLabel(s, 0, s.length());
    }

    /** {@code [a-z]([-a-z0-9]*[a-z0-9])?}, any length. */
    static boolean isDns1035Label(String s) {
        return !s.isEmpty() && isLower(s.charAt(0)) && isDnsLabel(s, 0, s.length());
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*}, any length. */
    static boolean isDnsSubdomain(String s) {
        return isDnsSubdomain(s, 0, s.length());
    }

    private static boolean isDnsSubdomain(String s, int from, int to) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (!isDnsLabel(s, start, i)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    private static boolean isDnsLabel(String s, int from, int to) {
        if (to <= from || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (!isLowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** IANA_SVC_NAME: 1-15 of {@code [-a-z0-9]}, a letter, no leading, trailing or double '-'. */
    static boolean isPortName(String s) {
        int n = s.length();
        if (n == 0 || n > 15 || s.charAt(0) == '-' || s.charAt(n - 1) == '-') {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isLower(c)) {
                letter = true;
            } else if (c == '-') {
                if (s.charAt(i - 1) == '-') {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** Why a label key is invalid (optional DNS-subdomain prefix and '/', then a name), if it is. */
    static Optional<String> labelKeyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !isDnsSubdomain(prefix)) {
                return Optional.of("invalid label key \"" + key + "\": the prefix must be a DNS subdomain"
                        + " (lower-case alphanumerics, '-' and '.', at most 253 characters)");
            }
        }
        if (!isQualifiedName(name)) {
            return Optional.of("invalid label key \"" + key + "\": the name must be 1-63 characters of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    static Optional<String> labelValueProblem(String value) {
        if (!isLabelValue(value)) {
            return Optional.of("invalid label value \"" + YamlMap.abbreviate(value) + "\": at most 63 characters of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    /** IANA_SVC_NAME: 1-15 lower-case alphanumerics or '-', a letter, no leading, trailing or double '-'. */
    static Optional<String> portNameProblem(String name) {
        if (isPortName(name)) {
            return Optional.empty();
        }
        String hint = name.chars().allMatch(Character::isDigit) && !name.isEmpty()
                ? " (a quoted number is a name in Kubernetes; write the port number unquoted)"
                : "";
        return Optional.of("invalid port name \"" + YamlMap.abbreviate(name) + "\": 1-15 lower-case letters,"
                + " digits or '-', with at least one letter and no leading, trailing or double '-'" + hint);
    }

    static Optional<String> dnsLabelProblem(String name) {
        if (name.length() > 63 || !isDnsLabel(name)) {
            return Optional.of("invalid name \"" + YamlMap.abbreviate(name) + "\": at most 63 lower-case"
                    + " alphanumerics or '-', starting and ending with an alphanumeric");
        }
        return Optional.empty();
    }

    /** The rule an object's {@code metadata.name} follows (apimachinery's NameIsDNS*). */
    enum NameRule {
        /** RFC 1123 label: Namespaces. */
        DNS_LABEL(
                63,
                "a DNS label: at most 63 lower-case alphanumerics or '-', starting and ending with an"
                        + " alphanumeric"),
        /** RFC 1035 label: Services (their name becomes a DNS name and environment variables). */
        DNS_1035_LABEL(
                63,
                "a DNS-1035 label: at most 63 lower-case alphanumerics or '-', starting with a letter and"
                        + " ending with an alphanumeric"),
        /** RFC 1123 subdomain: most kinds. */
        DNS_SUBDOMAIN(
                253,
                "a DNS subdomain: at most 253 lower-case alphanumerics, '-' or '.', starting and ending"
                        + " with an alphanumeric");

        private final int max;
        private final String rule;

        NameRule(int max, String rule) {
            this.max = max;
            this.rule = rule;
        }

        boolean accepts(String name) {
            return name.length() <= max
                    && switch (this) {
                        case DNS_LABEL -> isDnsLabel(name);
                        case DNS_1035_LABEL -> isDns1035Label(name);
                        case DNS_SUBDOMAIN -> isDnsSubdomain(name);
                    };
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
        return port < 1 || port > 65535 ? Optional.of("port " + port + " is outside 1-65535") : Optional.empty();
    }
}
