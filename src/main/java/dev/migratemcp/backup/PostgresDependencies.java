package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What ties a PostgreSQL schema to the rest of its database, read from {@code pg_depend}: objects in other schemas
 * that a restore's {@code DROP SCHEMA ... CASCADE} would take with it (views, foreign keys, functions, ...), and the
 * extensions the schema's objects use, which {@code pg_dump -n} does not carry (those in pg_catalog, such as
 * plpgsql, are part of every database).
 */
final class PostgresDependencies {

    /**
     * The schema (oid) an object of pg_depend lives in, for the kinds of object that can depend on a table, type or
     * function; NULL for any other kind, which the callers count as outside (refusing is the safe side).
     */
    private static final String SCHEMA_OF = "CASE %1$s.classid "
            + "WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = %1$s.objid) "
            + "WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = %1$s.objid) "
            + "WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = %1$s.objid) "
            + "WHEN 'pg_constraint'::regclass THEN (SELECT connamespace FROM pg_constraint WHERE oid = %1$s.objid) "
            + "WHEN 'pg_rewrite'::regclass THEN (SELECT c.relnamespace FROM pg_rewrite r JOIN pg_class c "
            + "ON c.oid = r.ev_class WHERE r.oid = %1$s.objid) "
            + "WHEN 'pg_trigger'::regclass THEN (SELECT c.relnamespace FROM pg_trigger t JOIN pg_class c "
            + "ON c.oid = t.tgrelid WHERE t.oid = %1$s.objid) "
            + "WHEN 'pg_attrdef'::regclass THEN (SELECT c.relnamespace FROM pg_attrdef a JOIN pg_class c "
            + "ON c.oid = a.adrelid WHERE a.oid = %1$s.objid) "
            + "WHEN 'pg_policy'::regclass THEN (SELECT c.relnamespace FROM pg_policy p JOIN pg_class c "
            + "ON c.oid = p.polrelid WHERE p.oid = %1$s.objid) "
            + "WHEN 'pg_statistic_ext'::regclass THEN (SELECT stxnamespace FROM pg_statistic_ext "
            + "WHERE oid = %1$s.objid) "
            + "WHEN 'pg_operator'::regclass THEN (SELECT oprnamespace FROM pg_operator WHERE oid = %1$s.objid) "
            + "WHEN 'pg_opclass'::regclass THEN (SELECT opcnamespace FROM pg_opclass WHERE oid = %1$s.objid) "
            + "WHEN 'pg_opfamily'::regclass THEN (SELECT opfnamespace FROM pg_opfamily WHERE oid = %1$s.objid) "
            + "WHEN 'pg_amop'::regclass THEN (SELECT f.opfnamespace FROM pg_amop a JOIN pg_opfamily f "
            + "ON f.oid = a.amopfamily WHERE a.oid = %1$s.objid) "
            + "WHEN 'pg_amproc'::regclass THEN (SELECT f.opfnamespace FROM pg_amproc a JOIN pg_opfamily f "
            + "ON f.oid = a.amprocfamily WHERE a.oid = %1$s.objid) "
            + "WHEN 'pg_collation'::regclass THEN (SELECT collnamespace FROM pg_collation WHERE oid = %1$s.objid) "
            + "END";

    /** The same for the referenced side of pg_depend (tables, types and functions only). */
    private static final String REF_SCHEMA_OF = "CASE d.refclassid "
            + "WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.refobjid) "
            + "WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.refobjid) "
            + "WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.refobjid) END";

    /**
     * Objects outside the schema named by the one text parameter that depend on an object inside it; each row is
     * the dependent's description ("view other.v", "constraint fk on table other.t", ...). Extension members are
     * not counted (an extension installed in the schema is re-created by the restore).
     */
    static final String OUTSIDE_DEPENDENTS = "SELECT DISTINCT pg_describe_object(d.classid, d.objid, 0) FROM "
            + "pg_depend d WHERE d.deptype IN ('n', 'a') AND d.refclassid IN ('pg_class'::regclass, "
            + "'pg_type'::regclass, 'pg_proc'::regclass) AND (" + REF_SCHEMA_OF + ") = ?::regnamespace "
            + "AND (" + SCHEMA_OF.formatted("d") + ") IS DISTINCT FROM ?::regnamespace "
            + "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classid AND e.objid = d.objid "
            + "AND e.deptype = 'e') ORDER BY 1";

    private static final String EXTENSIONS_USED = "SELECT e.extname, n.nspname FROM pg_extension e "
            + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname <> 'pg_catalog' AND ("
            + "n.nspname = current_schema() OR EXISTS ("
            + "SELECT 1 FROM pg_depend member JOIN pg_depend d ON d.refclassid = member.classid "
            + "AND d.refobjid = member.objid WHERE member.refclassid = 'pg_extension'::regclass "
            + "AND member.refobjid = e.oid AND member.deptype = 'e' AND d.deptype IN ('n', 'a') "
            + "AND (" + SCHEMA_OF.formatted("d") + ") = current_schema()::regnamespace)) ORDER BY 1";

    private PostgresDependencies() {
    }

    /** Descriptions of the objects outside {@code schema} that depend on it; empty when a restore may drop it. */
    static List<String> outsideDependents(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!schemaExists(c, schema)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(OUTSIDE_DEPENDENTS)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The extensions the current schema's objects use, or that are installed in it. */
    static List<BackupManifest.Extension> extensionsUsed(Connection c) throws SQLException {
        List<BackupManifest.Extension> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXTENSIONS_USED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new BackupManifest.Extension(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /**
     * The recorded extensions a restore into this database needs but will not find: those outside the restored
     * schema must be installed (in the same schema); those inside it are re-created, so must be available.
     */
    static List<String> missingExtensions(Connection c, String schema, List<BackupManifest.Extension> needed)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        for (BackupManifest.Extension e : needed) {
            boolean inside = e.schema().equals(schema);
            String sql = inside ? "SELECT 1 FROM pg_available_extensions WHERE name = ?"
                    : "SELECT 1 FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace "
                    + "WHERE x.extname = ? AND n.nspname = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, e.name());
                if (!inside) {
                    ps.setString(2, e.schema());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(inside ? "extension " + e.name() + " (installed in the schema itself, so "
                                + "re-created by the restore) is not available on this server"
                                : "extension " + e.name() + " is not installed in schema " + e.schema()
                                + " of this database (CREATE EXTENSION " + e.name() + " SCHEMA " + e.schema() + ")");
                    }
                }
            }
        }
        return missing;
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
