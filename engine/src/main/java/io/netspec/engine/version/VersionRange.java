package io.netspec.engine.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The netspec versions a pack works with, as {@code pack.yaml}'s {@code requires} writes them:
 * comparators separated by blanks, all of which must hold (npm's and Cargo's notation), e.g.
 * {@code ">=0.2.0 <1.0.0"}, {@code ">=0.2.0"}, {@code "=0.2.1"}. Operators: {@code >= > <= < =}.
 */
public record VersionRange(String text, List<Bound> bounds) {

    private static final Pattern BOUND = Pattern.compile("(>=|<=|>|<|=)?(\\S+)");

    public VersionRange {
        bounds = List.copyOf(bounds);
    }

    /** One comparator. */
    public record Bound(Operator operator, SemVer version) {
        boolean admits(SemVer v) {
            int c = v.compareTo(version);
            return switch (operator) {
                case AT_LEAST -> c >= 0;
                case ABOVE -> c > 0;
                case AT_MOST -> c <= 0;
                case BELOW -> c < 0;
                case EXACTLY -> c == 0;
            };
        }
    }

    /** A comparator's operator. */
    public enum Operator {
        AT_LEAST(">="),
        ABOVE(">"),
        AT_MOST("<="),
        BELOW("<"),
        EXACTLY("=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator o : values()) {
                if (o.symbol.equals(symbol)) {
                    return o;
                }
            }
            return EXACTLY;
        }
    }

    /** The range, or why {@code text} is not one. */
    public static Result parse(String text) {
        List<Bound> bounds = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            Matcher m = BOUND.matcher(part);
            Optional<SemVer> v = m.matches() ? SemVer.parse(m.group(2)) : Optional.empty();
            if (v.isEmpty()) {
                return new Result(Optional.empty(), "\"" + part + "\" is not a comparator such as >=0.2.0 or <1.0.0");
            }
            bounds.add(new Bound(Operator.of(m.group(1) == null ? "=" : m.group(1)), v.get()));
        }
        return new Result(Optional.of(new VersionRange(text.trim(), bounds)), "");
    }

    /** A parsed range, or the reason it did not parse. */
    public record Result(Optional<VersionRange> range, String error) {}

    public boolean admits(SemVer version) {
        return bounds.stream().allMatch(b -> b.admits(version));
    }

    @Override
    public String toString() {
        return text;
    }
}
