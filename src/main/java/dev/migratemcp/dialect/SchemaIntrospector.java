package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** Reads the live schema of the connection's current database (PostgreSQL: current schema) into a snapshot. */
public interface SchemaIntrospector {

    /**
     * @param excludedTables table names to leave out (the history table and its helpers), compared case-insensitively
     */
    SchemaSnapshot snapshot(Connection connection, Set<String> excludedTables) throws SQLException;
}
