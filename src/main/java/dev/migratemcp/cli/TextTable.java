package dev.migratemcp.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with columns as wide as their widest cell. */
final class TextTable {

    private static final int MAX_CELL = 60;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            String s = c == null ? "" : String.valueOf(c).replace('\n', ' ');
            r.add(s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s);
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, headers, widths);
        for (List<String> r : rows) {
            appendRow(sb, r, widths);
        }
        return sb.toString().stripTrailing();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format("%-" + widths[i] + "s", cells.get(i)));
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
