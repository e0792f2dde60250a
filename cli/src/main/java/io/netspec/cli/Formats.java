package io.netspec.cli;

import java.util.List;
import java.util.Optional;

/**
 * The formats one command writes, the first being its default, each with the words its
 * {@code --help} shows under "Formats".
 */
record Formats(List<Entry> entries) {

    /** One format of a command and what it gives. */
    record Entry(OutputFormat format, String description) {
    }

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

    /** The help section: one line per format, the default marked. */
    String help() {
        int width = entries.stream().mapToInt(e -> label(e.format()).length()).max().orElse(0);
        StringBuilder out = new StringBuilder("Formats (-f, --format; any case):\n");
        for (Entry e : entries) {
            String label = label(e.format());
            out.append("  ").append(label).append(" ".repeat(width - label.length() + 2))
                    .append(e.format() == defaultFormat() ? "(default) " : "").append(e.description()).append('\n');
        }
        return out.toString();
    }

    private static String label(OutputFormat format) {
        return String.join(", ", format.spellings());
    }
}
