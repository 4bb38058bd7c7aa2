package dev.migratemcp.engine;

import dev.migratemcp.migration.BatchSpec;

/**
 * One statement as it will run. {@code index} is 1-based within its migration; {@code line} is its line in the file;
 * {@code batch} is set when it runs window by window.
 */
public record PlannedStatement(int index, int line, String sql, BatchSpec batch) {
}
