package dev.migratemcp.engine;

import dev.migratemcp.testing.MigrationFiles;

import java.nio.file.Path;

/**
 * The migrations the kill tests run: DDL, DML and batches mixed, each with a down section that undoes it statement
 * by statement (so revert_partial is possible everywhere). Every data change is one that doubles when run twice
 * (counters, offsets), so a statement or window run twice shows in the content; the last migration runs without a
 * transaction, so SQLite and PostgreSQL take the tracked path too (on PostgreSQL with CREATE INDEX CONCURRENTLY).
 */
final class KillSet {

    static final long LATEST = 3;
    /** Rows of the items table: 20 windows of the first batch, 40 of the second. */
    static final int ROWS = 200;

    private KillSet() {
    }

    static void write(Path dir) {
        MigrationFiles files = new MigrationFiles(dir);
        files.write(1, "items", null, """
                CREATE TABLE digits (d INTEGER PRIMARY KEY);
                INSERT INTO digits (d) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
                CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, label VARCHAR(40));
                INSERT INTO items (id, n, label) SELECT a.d * 100 + b.d * 10 + c.d + 1, a.d + b.d + c.d, 'item'
                  FROM digits a, digits b, digits c WHERE a.d < 2;
                """, """
                DELETE FROM items;
                DROP TABLE items;
                DELETE FROM digits;
                DROP TABLE digits;
                """);
        String v2Up = """
                ALTER TABLE items ADD COLUMN counter INTEGER NOT NULL DEFAULT 0;
                -- migrate:batch table=items key=id size=10
                UPDATE items SET counter = counter + 1 WHERE id >= :batch_from AND id < :batch_to;
                CREATE INDEX idx_items_n ON items (n);
                UPDATE items SET n = n + 1000;
                """;
        String v2Down = """
                UPDATE items SET n = n - 1000;
                DROP INDEX %s;
                -- migrate:batch table=items key=id size=10
                UPDATE items SET counter = counter - 1 WHERE id >= :batch_from AND id < :batch_to;
                ALTER TABLE items DROP COLUMN counter;
                """;
        files.writeRaw("0002_counters.sql", "-- migrate:up\n" + v2Up + "-- migrate:down\n"
                + v2Down.formatted("idx_items_n") + "-- migrate:down dialect=mysql\n"
                + v2Down.formatted("idx_items_n ON items"));
        String v3Up = """
                CREATE TABLE tags (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, tag VARCHAR(20));
                INSERT INTO tags (id, item_id, tag) SELECT id, id, 'x' FROM items WHERE id <= 100;
                -- migrate:batch table=items key=id size=5
                UPDATE items SET counter = counter + 10 WHERE id >= :batch_from AND id < :batch_to;
                ALTER TABLE tags RENAME TO item_tags;
                ALTER TABLE items DROP COLUMN label;
                CREATE INDEX %s idx_tags_item ON item_tags (item_id);
                """;
        String v3Down = """
                DROP INDEX %s;
                ALTER TABLE items ADD COLUMN label VARCHAR(40);
                ALTER TABLE item_tags RENAME TO tags;
                -- migrate:batch table=items key=id size=5
                UPDATE items SET counter = counter - 10 WHERE id >= :batch_from AND id < :batch_to;
                DELETE FROM tags;
                DROP TABLE tags;
                """;
        files.writeRaw("0003_tags.sql", "-- migrate:no_transaction\n"
                + "-- migrate:up\n" + v3Up.formatted("") + "-- migrate:up dialect=postgresql\n"
                + v3Up.formatted("CONCURRENTLY")
                + "-- migrate:down\n" + v3Down.formatted("idx_tags_item")
                + "-- migrate:down dialect=postgresql\n" + v3Down.formatted("CONCURRENTLY idx_tags_item")
                + "-- migrate:down dialect=mysql\n" + v3Down.formatted("idx_tags_item ON item_tags"));
    }

    /** The tables the set leaves at the latest version, for the content check. */
    static final String[] TABLES = {"digits", "items", "item_tags"};
}
