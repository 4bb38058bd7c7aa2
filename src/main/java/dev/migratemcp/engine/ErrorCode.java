package dev.migratemcp.engine;

import java.util.Locale;

/** Stable error codes: agents and scripts branch on these, so a code's meaning never changes once released. */
public enum ErrorCode {
    /** An argument is missing, of the wrong type or out of range. */
    INVALID_ARGUMENT,
    /** The settings (URL, folders, table name) cannot be used. */
    INVALID_CONFIG,
    /** The migrations folder does not exist. */
    MIGRATIONS_DIR_NOT_FOUND,
    /** One or more migration files cannot be used; details list file and line for each. */
    INVALID_MIGRATION_FILE,
    /** No migration file or history row has this version. */
    UNKNOWN_VERSION,
    /** No table has this name. */
    UNKNOWN_TABLE,
    /** An applied migration's file changed since it was applied. */
    CHECKSUM_MISMATCH,
    /** The plan would apply a migration before what it depends on, or revert one that others still need. */
    DEPENDENCY_VIOLATION,
    /** An applied migration has no file, and the operation needs it. */
    MISSING_MIGRATION_FILE,
    /** A pending migration lies below the current version and out of order was not allowed. */
    OUT_OF_ORDER,
    /** The migration has no down section, so it cannot be reverted. */
    IRREVERSIBLE_MIGRATION,
    /** A migration failed part-way earlier and must be resolved before anything else runs. */
    FAILED_MIGRATION_PENDING,
    /** repair was asked for a version that has no failed migration. */
    NOTHING_TO_REPAIR,
    /** The chosen repair cannot be done for this migration; the message says why. */
    REPAIR_NOT_POSSIBLE,
    /** A statement failed while applying or reverting; details name version, statement and SQL state. */
    MIGRATION_FAILED,
    /** The disk, or the space the database may use, is full; details say what was recorded. */
    DISK_FULL,
    /** Another run holds the migration lock. */
    LOCK_TIMEOUT,
    /** The database could not be reached. */
    CONNECTION_FAILED,
    /** The database answered with an error outside a migration's own statements. */
    DATABASE_ERROR,
    /** The operation is not available for this database (yet); the hint says what to do instead. */
    UNSUPPORTED,
    /** The live schema is not what the migrations make; details list the differences. */
    SCHEMA_MISMATCH,
    /** What would run is no longer what was reviewed or approved. */
    PLAN_CHANGED,
    /** No backup has this id. */
    UNKNOWN_BACKUP,
    /** A backup is damaged or incomplete. */
    BACKUP_INVALID,
    /** A restore did not start: it would reach beyond what the backup holds, needs what the database lacks, or the
     * backup does not restore as its manifest says; details list the reasons. Nothing changed. */
    RESTORE_REFUSED,
    /** A MySQL restore was cut short during its swap (or is swapping now) and is not settled, so the database may be
     * half swapped; the message names its journal, the hint says how it gets settled. */
    RESTORE_INTERRUPTED,
    /** Taking or restoring a backup failed. */
    BACKUP_FAILED,
    /** The server is read-only (serve --read-only) and the operation would write; nothing was written. */
    READ_ONLY,
    /** The client could not ask its user to approve a destructive plan; nothing was changed. */
    ELICITATION_FAILED,
    /** A destructive operation was asked for without confirmation. */
    CONFIRMATION_REQUIRED,
    /** A bug on our side; the message says what happened. */
    INTERNAL_ERROR;

    /** The code as it appears in JSON: lower snake case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
