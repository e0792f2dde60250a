package io.netspec.cli.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One self-contained HTML file: the page's styles and script inlined from this package's
 * resources, the report's data embedded as JSON in a {@code <script type="application/json">}
 * element, and a Content-Security-Policy of {@code default-src 'none'} so the page can fetch
 * nothing, even if a bug tried.
 *
 * <p>User-provided text (names, labels, messages, file paths) only ever reaches the page inside
 * that JSON, where {@code <}, {@code >}, {@code &} and the JavaScript line separators are written
 * as {@code \\uXXXX}: no {@code </script>} or {@code <!--} can end or bend the element. The script
 * puts text into the page with {@code textContent}, never as markup.
 */
public final class HtmlPage {

    private static final String RESOURCES = "/io/netspec/cli/html/";
    private static final String DATA_MARK = "<!--DATA-->";
    private static final String STYLE_MARK = "/*STYLE*/";
    private static final String SCRIPT_MARK = "/*SCRIPT*/";
    private static final String TITLE_MARK = "<!--TITLE-->";
    private static final String CSP_MARK = "<!--CSP-->";

    private HtmlPage() {}

    /** Writes the page for {@code in} to {@code out}. */
    public static void write(ReportData.Input in, EdgeEvidence evidence, Writer out) throws IOException {
        String template = resource("report.html");
        String style = resource("report.css");
        String script = resource("report.js");
        int data = template.indexOf(DATA_MARK);
        String head = template.substring(0, data)
                .replace(CSP_MARK, contentSecurityPolicy(style, script))
                .replace(TITLE_MARK, escapeText(in.title()))
                .replace(STYLE_MARK, style);
        String tail = template.substring(data + DATA_MARK.length()).replace(SCRIPT_MARK, script);
        out.write(head);
        JsonGenerator g = jsonFactory().createGenerator(out);
        ReportData.write(in, evidence, g);
        g.flush();
        out.write(tail);
    }

    /**
     * Nothing may be fetched ({@code default-src 'none'}); only our own inline script and style run,
     * named by their SHA-256 hashes, so even injected markup could not execute.
     */
    static String contentSecurityPolicy(String style, String script) {
        return "default-src 'none'; script-src '" + sha256(script) + "'; style-src '" + sha256(style)
                + "'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A JSON factory whose output is safe inside an HTML script element. */
    static JsonFactory jsonFactory() {
        JsonFactory f = new MappingJsonFactory(); // writes the evidence trees
        f.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        f.setCharacterEscapes(new ScriptSafeEscapes());
        return f;
    }

    /** Text for an HTML text node (the title): the five markup characters as entities. */
    static String escapeText(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String resource(String name) {
        try (InputStream s = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
            if (s == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name + " in the netspec jar");
            }
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Escapes {@code < > &} (so no tag or comment can open inside the script element) and
     * U+2028/U+2029 (line terminators in older JavaScript) as {@code \\uXXXX}, which JSON.parse reads back.
     */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] table;

        ScriptSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
