package io.netspec.cli;

import java.util.List;
import java.util.Optional;

/**
 * The formats one command writes, the first being its default, each with the words its
 * {@code --help} shows under "Formats".
 */
record Formats(List<Entry> entries) {

    /** One format of a command and what it gives. */
    record Entry(OutputFormat format, String description) {}

    Formats {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a command writes at least one format");
        }
    }

    static Formats of(Entry... entries) {
        return new Formats(List.of(entries));
    }

    static Entry entry(OutputFormat format, String description) {
        return new Entry(format, description);
    }

    OutputFormat defaultFormat() {
        return entries.get(0).format();
    }

    List<OutputFormat> formats() {
        return entries.stream().map(Entry::format).toList();
    }

    boolean contains(OutputFormat format) {
        return formats().contains(format);
    }

    /** The format {@code value} names if this command writes it. */
    Optional<OutputFormat> find(String value) {
        return OutputFormat.parse(value).filter(this::contains);
    }

    /** The help section: a format a line (wrapped at {@value #HELP_WIDTH} columns like picocli's), the default marked. */
    String help() {
        int width =
                entries.stream().mapToInt(e -> label(e.format()).length()).max().orElse(0);
        StringBuilder out = new StringBuilder("Formats (-f, --format; any case):\n");
        for (Entry e : entries) {
            String label = label(e.format());
            String text = (e.format() == defaultFormat() ? "(default) " : "") + e.description();
            String indent = " ".repeat(width + 4);
            StringBuilder line = new StringBuilder("  ").append(label).append(" ".repeat(width - label.length() + 2));
            for (String word : text.split(" ")) {
                if (line.length() + 1 + word.length() > HELP_WIDTH && line.length() > indent.length()) {
                    out.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(indent);
                }
                line.append(word).append(' ');
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Columns of picocli's usage help, which the section lines up with. */
    static final int HELP_WIDTH = 80;

    private static String label(OutputFormat format) {
        return String.join(", ", format.spellings());
    }
}
