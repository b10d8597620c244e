package dev.infergate.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row; cells are escaped so a {@code |} cannot break the layout. */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row; it must have as many cells as the header. */
    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for a header of " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    /** How many rows were added. */
    public int rows() {
        return rows.size();
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        line(text, header);
        line(text, header.stream().map(cell -> "---").toList());
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        text.append('|');
        cells.forEach(cell -> text.append(' ').append(cell.replace("|", "\\|")).append(" |"));
        text.append('\n');
    }
}
