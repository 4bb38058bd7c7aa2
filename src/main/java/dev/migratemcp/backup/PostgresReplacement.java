package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How a PostgreSQL restore replaces one schema, inside the transaction that then replays the backup: it checks
 * that nothing outside the schema depends on it (in the same transaction, so the drop cannot cascade further),
 * drops and re-creates the schema with its owner, grants and comment, and re-creates the extensions that lived in
 * it. On a scratch database it makes the schema and every recorded extension instead.
 */
final class PostgresReplacement {

    private PostgresReplacement() {
    }

    /**
     * Why a restore of {@code m} into the connection's schema must not start: dependents outside, missing extensions,
     * and, for a backup that names its schema throughout ({@code sameSchemaOnly}: pg_dump), another schema than its.
     */
    static List<String> refusals(Connection c, BackupManifest m, boolean sameSchemaOnly) throws SQLException {
        List<String> problems = new ArrayList<>();
        String current = currentSchema(c);
        if (sameSchemaOnly && !schemaOf(c, m).equals(current)) {
            problems.add("the backup is of schema " + schemaOf(c, m) + ", the connection is on schema " + current
                    + ": connect with currentSchema=" + schemaOf(c, m) + " to restore it");
        }
        for (String dependent : PostgresDependencies.outsideDependents(c, current)) {
            problems.add(dependent + " (outside schema " + current + ") depends on the schema the restore "
                    + "replaces; drop it first, or move it into the schema");
        }
        problems.addAll(PostgresDependencies.missingExtensions(c, current, extensions(m)));
        return problems;
    }

    /** The schema a backup replaces: recorded in the manifest (older manifests: the connection's). */
    static String schemaOf(Connection c, BackupManifest m) throws SQLException {
        return m.schema() != null ? m.schema() : currentSchema(c);
    }

    /** The statements that open a restore of {@code m} into {@code schema} of the connection's database, target or
     * scratch. */
    static List<String> prologue(Connection c, BackupManifest m, String schema, boolean scratch) throws SQLException {
        String s = quote(schema);
        List<String> sql = new ArrayList<>();
        if (scratch) {
            for (BackupManifest.Extension e : extensions(m)) {
                if (!e.schema().equals(schema)) {
                    sql.add("CREATE SCHEMA IF NOT EXISTS " + quote(e.schema()));
                    sql.add("CREATE EXTENSION IF NOT EXISTS " + quote(e.name()) + " SCHEMA " + quote(e.schema()));
                }
            }
            sql.add("CREATE SCHEMA " + s);
        } else {
            String literal = literal(schema);
            sql.add("DO $migrate_mcp$ DECLARE found text; BEGIN SELECT string_agg(x, ', ') INTO found FROM ("
                    + PostgresDependencies.OUTSIDE_DEPENDENTS.replace("?", literal) + ") AS t(x); "
                    + "IF found IS NOT NULL THEN RAISE EXCEPTION 'objects outside schema % depend on it: %', "
                    + literal + ", found; END IF; END $migrate_mcp$");
            String owner = null;
            String comment = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT nspowner::regrole::text, "
                    + "obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        owner = rs.getString(1);
                        comment = rs.getString(2);
                    }
                }
            }
            sql.add("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            sql.add("CREATE SCHEMA " + s + (owner == null ? "" : " AUTHORIZATION " + owner));
            sql.addAll(schemaGrants(c, schema));
            if (comment != null) {
                sql.add("COMMENT ON SCHEMA " + s + " IS " + literal(comment));
            }
        }
        for (BackupManifest.Extension e : extensions(m)) {
            if (e.schema().equals(schema)) {
                sql.add("CREATE EXTENSION IF NOT EXISTS " + quote(e.name()) + " SCHEMA " + s);
            }
        }
        return sql;
    }

    /** The schema's grants as they are now, to give again to the schema made anew. */
    private static List<String> schemaGrants(Connection c, String schema) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN "
                + "'PUBLIC' ELSE a.grantee::regrole::text END, a.is_grantable FROM pg_namespace n, "
                + "aclexplode(n.nspacl) a WHERE n.nspname = ? AND a.grantee <> n.nspowner")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add("GRANT " + rs.getString(1) + " ON SCHEMA " + quote(schema) + " TO " + rs.getString(2)
                            + (rs.getBoolean(3) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        return grants;
    }

    private static List<BackupManifest.Extension> extensions(BackupManifest m) {
        return m.extensions() == null ? List.of() : m.extensions();
    }

    static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
