package io.netspec.engine.model.calico;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Parses Calico's selector language exactly as libcalico-go's tokenizer and parser accept it
 * (written from reading {@code libcalico-go/lib/selector/{tokenizer,parser}} at the commit the
 * calico-selectors corpus pins).
 *
 * <p>Grammar, loosest binding first: {@code or := and ("||" and)*}, {@code and := op ("&&" op)*},
 * {@code op := "!"* (has(l) | all() | global() | l cmp str | l [not] in {str, ...} | "(" or ")")}.
 * Only spaces and tabs separate tokens; a label is {@code [A-Za-z0-9_./-]+} (at most 512
 * characters); strings are {@code "..."} or {@code '...'} without escapes; operator words need a
 * word boundary after them and may be split by spaces ({@code starts with}, {@code notin}). An
 * empty or blank selector means {@code all()}. Errors name the 1-based column.
 */
public final class CalicoSelectorParser {

    private static final int MAX_LABEL_LENGTH = 512;

    private enum Kind {
        LABEL,
        STRING,
        LBRACE,
        RBRACE,
        COMMA,
        EQ,
        NE,
        IN,
        NOT,
        NOT_IN,
        CONTAINS,
        STARTS_WITH,
        ENDS_WITH,
        ALL,
        HAS,
        LPAREN,
        RPAREN,
        AND,
        OR,
        GLOBAL,
        EOF
    }

    /** A token and the 0-based offset where it starts. */
    private record Token(Kind kind, String value, int at) {}

    private final String text;
    private final List<Token> tokens;
    private int next;

    private CalicoSelectorParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /**
     * @throws CalicoSelectorSyntaxException naming the column when {@code selector} is not valid
     */
    public static CalicoSelector parse(String selector) {
        CalicoSelectorParser p = new CalicoSelectorParser(selector);
        if (p.peek().kind() == Kind.EOF) {
            return CalicoSelector.ALL;
        }
        CalicoSelector root = p.orExpression();
        if (p.peek().kind() != Kind.EOF) {
            throw p.error(p.peek(), "unexpected " + p.describe(p.peek()) + " after a complete expression");
        }
        return root;
    }

    // ---- tokenizer -------------------------------------------------------------------------

    private static List<Token> tokenize(String in) {
        List<Token> out = new ArrayList<>();
        int i = skipBlanks(in, 0);
        while (i < in.length()) {
            Kind last = out.isEmpty() ? null : out.get(out.size() - 1).kind();
            char c = in.charAt(i);
            int start = i;
            switch (c) {
                case '(' -> {
                    out.add(new Token(Kind.LPAREN, "(", start));
                    i++;
                }
                case ')' -> {
                    out.add(new Token(Kind.RPAREN, ")", start));
                    i++;
                }
                case '{' -> {
                    out.add(new Token(Kind.LBRACE, "{", start));
                    i++;
                }
                case '}' -> {
                    out.add(new Token(Kind.RBRACE, "}", start));
                    i++;
                }
                case ',' -> {
                    out.add(new Token(Kind.COMMA, ",", start));
                    i++;
                }
                case '"', '\'' -> {
                    int end = in.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new CalicoSelectorSyntaxException(start + 1, "unterminated string");
                    }
                    out.add(new Token(Kind.STRING, in.substring(i + 1, end), start));
                    i = end + 1;
                }
                case '=' -> {
                    if (!in.startsWith("==", i)) {
                        throw new CalicoSelectorSyntaxException(start + 1, "expected ==");
                    }
                    out.add(new Token(Kind.EQ, "==", start));
                    i += 2;
                }
                case '!' -> {
                    if (in.startsWith("!=", i)) {
                        out.add(new Token(Kind.NE, "!=", start));
                        i += 2;
                    } else {
                        out.add(new Token(Kind.NOT, "!", start));
                        i++;
                    }
                }
                case '&' -> {
                    if (!in.startsWith("&&", i)) {
                        throw new CalicoSelectorSyntaxException(start + 1, "expected &&");
                    }
                    out.add(new Token(Kind.AND, "&&", start));
                    i += 2;
                }
                case '|' -> {
                    if (!in.startsWith("||", i)) {
                        throw new CalicoSelectorSyntaxException(start + 1, "expected ||");
                    }
                    out.add(new Token(Kind.OR, "||", start));
                    i += 2;
                }
                default -> i = word(in, i, last, out);
            }
            i = skipBlanks(in, i);
        }
        out.add(new Token(Kind.EOF, "", in.length()));
        return out;
    }

    /** Operators after a label; otherwise {@code has(l)}, {@code all()}, {@code global()} or a label. */
    private static int word(String in, int i, Kind last, List<Token> out) {
        if (last == Kind.LABEL) {
            for (Kind op : List.of(Kind.CONTAINS, Kind.STARTS_WITH, Kind.ENDS_WITH, Kind.NOT_IN, Kind.IN)) {
                int end = operatorWords(in, i, op);
                if (end >= 0) {
                    out.add(new Token(op, in.substring(i, end), i));
                    return end;
                }
            }
            String label = out.get(out.size() - 1).value();
            throw new CalicoSelectorSyntaxException(i + 1, "expected an operator after label '" + label + "'");
        }
        if (in.startsWith("has(", i)) {
            int j = skipBlanks(in, i + 4);
            int end = identifierEnd(in, j);
            int k = skipBlanks(in, end);
            if (k >= in.length() || in.charAt(k) != ')') {
                throw new CalicoSelectorSyntaxException(k + 1, "no closing ')' after has(");
            }
            out.add(new Token(Kind.HAS, in.substring(j, end), i));
            return k + 1;
        }
        for (String fn : List.of("all(", "global(")) {
            if (in.startsWith(fn, i)) {
                int k = skipBlanks(in, i + fn.length());
                if (k >= in.length() || in.charAt(k) != ')') {
                    throw new CalicoSelectorSyntaxException(k + 1, "no closing ')' after " + fn);
                }
                out.add(new Token(fn.equals("all(") ? Kind.ALL : Kind.GLOBAL, fn + ")", i));
                return k + 1;
            }
        }
        int end = identifierEnd(in, i);
        out.add(new Token(Kind.LABEL, in.substring(i, end), i));
        return end;
    }

    /** The end of the operator {@code op} at {@code i}, or -1; words may be split by blanks. */
    private static int operatorWords(String in, int i, Kind op) {
        String[] words = switch (op) {
            case CONTAINS -> new String[] {"contains"};
            case STARTS_WITH -> new String[] {"starts", "with"};
            case ENDS_WITH -> new String[] {"ends", "with"};
            case NOT_IN -> new String[] {"not", "in"};
            default -> new String[] {"in"};
        };
        int j = i;
        for (int w = 0; w < words.length; w++) {
            if (!in.startsWith(words[w], j)) {
                return -1;
            }
            j += words[w].length();
            if (w < words.length - 1) {
                j = skipBlanks(in, j);
            }
        }
        // A word boundary after the last word only: "notin" and "startswith" are operators too.
        return j < in.length() && identifierChar(in.charAt(j)) ? -1 : j;
    }

    private static int identifierEnd(String in, int i) {
        int j = i;
        while (j < in.length() && identifierChar(in.charAt(j))) {
            j++;
        }
        if (j == i) {
            String found = i < in.length() ? "'" + in.charAt(i) + "'" : "the end";
            throw new CalicoSelectorSyntaxException(i + 1, "expected a label, found " + found);
        }
        if (j - i > MAX_LABEL_LENGTH) {
            throw new CalicoSelectorSyntaxException(i + 1, "label longer than " + MAX_LABEL_LENGTH + " characters");
        }
        return j;
    }

    private static boolean identifierChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '_'
                || c == '.'
                || c == '/'
                || c == '-';
    }

    private static int skipBlanks(String in, int i) {
        int j = i;
        while (j < in.length() && (in.charAt(j) == ' ' || in.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    // ---- parser ----------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    private CalicoSelector orExpression() {
        List<CalicoSelector> terms = new ArrayList<>();
        terms.add(andExpression());
        while (peek().kind() == Kind.OR) {
            take();
            terms.add(andExpression());
        }
        return terms.size() == 1 ? terms.get(0) : new CalicoSelector.Or(terms);
    }

    private CalicoSelector andExpression() {
        List<CalicoSelector> terms = new ArrayList<>();
        terms.add(operation());
        while (peek().kind() == Kind.AND) {
            take();
            terms.add(operation());
        }
        return terms.size() == 1 ? terms.get(0) : new CalicoSelector.And(terms);
    }

    /** One comparison, function or parenthesised expression, after any number of '!' (which collapse). */
    private CalicoSelector operation() {
        boolean negated = false;
        while (peek().kind() == Kind.NOT) {
            take();
            negated = !negated;
        }
        Token t = take();
        CalicoSelector node = switch (t.kind()) {
            case HAS -> new CalicoSelector.Has(t.value());
            case ALL -> CalicoSelector.ALL;
            case GLOBAL -> new CalicoSelector.Global();
            case LABEL -> comparison(t);
            case LPAREN -> {
                CalicoSelector inner = orExpression();
                if (peek().kind() != Kind.RPAREN) {
                    throw error(
                            peek(),
                            "expected ')' to close the '(' at column " + (t.at() + 1) + ", found " + describe(peek()));
                }
                take();
                yield inner;
            }
            default -> throw error(t, "expected a label, has(), all(), global(), '!' or '(', found " + describe(t));
        };
        return negated ? new CalicoSelector.Not(node) : node;
    }

    private CalicoSelector comparison(Token label) {
        Token op = take();
        return switch (op.kind()) {
            case EQ -> new CalicoSelector.Compare(label.value(), CalicoSelector.Op.EQ, string(op));
            case NE -> new CalicoSelector.Compare(label.value(), CalicoSelector.Op.NE, string(op));
            case CONTAINS -> new CalicoSelector.Compare(label.value(), CalicoSelector.Op.CONTAINS, string(op));
            case STARTS_WITH -> new CalicoSelector.Compare(label.value(), CalicoSelector.Op.STARTS_WITH, string(op));
            case ENDS_WITH -> new CalicoSelector.Compare(label.value(), CalicoSelector.Op.ENDS_WITH, string(op));
            case IN, NOT_IN -> new CalicoSelector.InSet(label.value(), set(op), op.kind() == Kind.NOT_IN);
            default ->
                throw error(
                        op,
                        "expected an operator (==, !=, in, not in, contains, starts with, ends with)" + " after label '"
                                + label.value() + "', found " + describe(op));
        };
    }

    private String string(Token op) {
        Token s = take();
        if (s.kind() != Kind.STRING) {
            throw error(s, "expected a quoted string after " + op.value() + ", found " + describe(s));
        }
        return s.value();
    }

    /** {@code { "a", "b" }}; empty sets and a trailing comma are accepted, as upstream does. */
    private TreeSet<String> set(Token op) {
        Token open = take();
        if (open.kind() != Kind.LBRACE) {
            throw error(open, "expected '{' after " + op.value() + ", found " + describe(open));
        }
        TreeSet<String> values = new TreeSet<>();
        while (peek().kind() == Kind.STRING) {
            values.add(take().value());
            if (peek().kind() != Kind.COMMA) {
                break;
            }
            take();
        }
        Token close = take();
        if (close.kind() != Kind.RBRACE) {
            throw error(
                    close, "expected '}' to close the set at column " + (open.at() + 1) + ", found " + describe(close));
        }
        return values;
    }

    private String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "the end of the selector";
            case STRING -> "the string " + text.charAt(t.at()) + t.value() + text.charAt(t.at());
            case LABEL -> "label '" + t.value() + "'";
            default -> "'" + t.value() + "'";
        };
    }

    private CalicoSelectorSyntaxException error(Token t, String reason) {
        return new CalicoSelectorSyntaxException(t.at() + 1, reason);
    }
}
