package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads the live schema of the connection's current database (PostgreSQL: current schema, and the other schemas asked
 * for) into a snapshot.
 */
public interface SchemaIntrospector {

    /**
     * @param excludedTables table names to leave out (the history table and its helpers), compared case-insensitively
     */
    SchemaSnapshot snapshot(Connection connection, Set<String> excludedTables) throws SQLException;

    /**
     * As {@link #snapshot(Connection, Set)}, also covering the schemas named besides the connection's own (PostgreSQL;
     * the other databases have one namespace per connection and ignore them). Objects of those schemas are named
     * {@code schema.name}; the snapshot lists those of them that exist.
     */
    default SchemaSnapshot snapshot(Connection connection, Set<String> excludedTables, Set<String> schemas)
            throws SQLException {
        return snapshot(connection, excludedTables);
    }

    /**
     * Only the tables named (compared case-insensitively; plain identifiers only), each exactly as {@link #snapshot}
     * would give it, with every attribute (columns, keys, indexes, foreign keys, CHECK and exclusion constraints,
     * comment, partitioning); a name with no table is left out. The same catalog
     * queries restricted to those tables, so the cost follows the number named, not the size of the schema.
     */
    List<SchemaSnapshot.TableInfo> tables(Connection connection, Set<String> excludedTables, Set<String> names)
            throws SQLException;

    /** The name of the connection's own schema (PostgreSQL), database (MySQL) or {@code main} (SQLite). */
    String ownSchema(Connection connection) throws SQLException;
}
