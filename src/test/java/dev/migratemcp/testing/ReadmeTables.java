package dev.migratemcp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of README.md, read the way a person reads them, so that a test can hold the code to what a table
 * promises (a tool's arguments and hints, a verb's options) and fail when either side changes alone.
 */
public final class ReadmeTables {

    private ReadmeTables() {
    }

    /** The cells of every row of the table whose header row starts with {@code firstHeader}. */
    public static List<List<String>> rows(String firstHeader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    return rows;
                }
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                inTable = cells.get(0).equals(firstHeader);
            } else if (!cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        if (!inTable) {
            throw new AssertionError("README.md has no table headed '" + firstHeader + "'");
        }
        return rows;
    }

    /** A row's cells, trimmed; {@code \|} is a bar inside a cell. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
