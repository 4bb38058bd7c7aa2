package dev.migratemcp.engine;

import dev.migratemcp.migration.BatchSpec;

import java.util.List;

/**
 * One statement as it will run. {@code index} is 1-based within its migration; {@code line} is its line in the file;
 * {@code batch} is set when it runs window by window; {@code risks} is filled in plans made for review.
 */
public record PlannedStatement(int index, int line, String sql, BatchSpec batch, List<Risk> risks) {

    public PlannedStatement {
        risks = risks == null ? List.of() : List.copyOf(risks);
    }

    public PlannedStatement(int index, int line, String sql, BatchSpec batch) {
        this(index, line, sql, batch, List.of());
    }
}
