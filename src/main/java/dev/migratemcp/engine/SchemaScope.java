package dev.migratemcp.engine;

import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which PostgreSQL schemas besides the connection's own the snapshots cover: those named in the {@code schemas}
 * setting, plus every schema the migration files create or create objects in, read from their statements:
 * {@code CREATE SCHEMA [IF NOT EXISTS] app}, {@code CREATE SCHEMA AUTHORIZATION role} (a schema named after the
 * role), {@code CREATE [OR REPLACE] TABLE|VIEW|FUNCTION|... app.name} and {@code CREATE EXTENSION ... SCHEMA app}.
 *
 * <p>Why the files and not the database: the files say the same on the live database, on a rehearsal's scratch
 * database and in a later session, before and after a down, with nothing to store; a schema present in the database
 * is not thereby the migrations' (another application's, an extension's). What the files cannot show, a schema made
 * by dynamic SQL in a function or a {@code DO} block, is named in the setting. Every file is read, applied or not, so
 * that a down that leaves a schema behind is still seen; a schema named but absent is simply not there yet (a
 * snapshot lists the schemas it found, so one that was recorded and is gone is reported missing).
 */
final class SchemaScope {

    private static final Set<String> SYSTEM = Set.of("pg_catalog", "information_schema", "pg_toast", "pg_temp");
    private static final Set<String> QUALIFIED_KINDS = Set.of("TABLE", "VIEW", "FUNCTION", "PROCEDURE", "TYPE",
            "DOMAIN", "SEQUENCE", "AGGREGATE", "MATERIALIZED");

    private SchemaScope() {
    }

    /** The setting's schemas and those the files name, without the system schemas. */
    static Set<String> of(List<String> configured, MigrationCatalog catalog) {
        Set<String> schemas = new TreeSet<>(configured);
        for (Migration m : catalog.ordered()) {
            for (MigrationScript script : new MigrationScript[]{m.up(), m.down()}) {
                if (script != null) {
                    for (MigrationStatement st : script.statements()) {
                        named(st.sql(), schemas);
                    }
                }
            }
        }
        schemas.removeIf(s -> SYSTEM.contains(s) || s.startsWith("pg_temp"));
        return schemas;
    }

    /** Adds the schema a statement creates, or creates an object in. */
    static void named(String sql, Set<String> schemas) {
        SchemaFootprint.Words w = new SchemaFootprint.Words(sql);
        if (!w.keyword().equals("CREATE")) {
            return;
        }
        w.skip("OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "RECURSIVE", "TRUSTED",
                "CONSTRAINT");
        String kind = w.keyword();
        if (kind.equals("SCHEMA")) {
            w.skip("IF", "NOT", "EXISTS");
            List<String> name = w.folded();
            if (name.size() == 1 && !name.get(0).equals("authorization")) {
                schemas.add(name.get(0));
            } else if (name.size() == 1) {
                List<String> role = w.folded();
                if (role.size() == 1) {
                    schemas.add(role.get(0));
                }
            }
            return;
        }
        if (kind.equals("EXTENSION")) {
            // CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]
            w.skip("IF", "NOT", "EXISTS");
            w.folded();
            for (int i = 0; i < 6; i++) {
                String word = w.keyword();
                if (word.equals("SCHEMA")) {
                    List<String> schema = w.folded();
                    if (schema.size() == 1) {
                        schemas.add(schema.get(0));
                    }
                    return;
                }
                if (word.isEmpty()) {
                    return;
                }
            }
            return;
        }
        if (!QUALIFIED_KINDS.contains(kind)) {
            return;
        }
        if (kind.equals("MATERIALIZED") && !w.keyword().equals("VIEW")) {
            return;
        }
        w.skip("IF", "NOT", "EXISTS");
        List<String> name = w.folded();
        if (name.size() == 2) {
            schemas.add(name.get(0));
        }
    }
}
