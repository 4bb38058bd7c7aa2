package dev.migratemcp.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndLinesCarryNoTrailingSpaces() {
        TextTable t = new TextTable("VERSION", "DESCRIPTION", "MS");
        t.row(1, "Create request_logs", 12);
        t.row(1000, null, 3);
        assertEquals("""
                VERSION  DESCRIPTION          MS
                1        Create request_logs  12
                1000                          3""", t.render());
    }

    @Test
    void longCellsAreCutAndNewlinesFlattened() {
        TextTable t = new TextTable("A", "B");
        t.row("x".repeat(70), "two\nlines");
        assertEquals("A" + " ".repeat(59) + "  B\n" + "x".repeat(57) + "...  two lines", t.render());
    }
}
