package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.migration.Version;
import dev.migratemcp.backup.BackupService;
import dev.migratemcp.backup.RestoreRefusedException;
import dev.migratemcp.dialect.MigrationLock;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The backup verbs of the engine: take, list, verify and restore backups. */
final class BackupVerbs {

    private final MigrationEngine engine;

    BackupVerbs(MigrationEngine engine) {
        this.engine = engine;
    }

    /** A consistent backup of the database into the backups folder, with its manifest. */
    BackupManifest createBackup(String label) {
        return createBackup(label, ProgressListener.NONE);
    }

    BackupManifest createBackup(String label, ProgressListener listener) {
        return engine.withConnection(c -> engine.takeBackup(c, label, listener));
    }

    /** The complete backups in the backups folder, newest first. */
    BackupList listBackups() {
        try {
            return new BackupList(engine.config().backupsDir().toString(), engine.backups().list());
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot read the backups folder: " + e.getMessage(),
                    "Check the backups folder (--backups or MIGRATE_MCP_BACKUPS).");
        }
    }

    /**
     * Checks a backup: manifest, file, size, SHA-256, and that the file can be read back; with {@code deep}, also
     * that it restores into a scratch database as exactly what the manifest recorded.
     */
    VerifyReport verifyBackup(String id, boolean deep) {
        BackupManifest m = manifest(id);
        if (!deep) {
            try {
                List<String> problems = engine.backups().verify(m);
                return new VerifyReport(id, problems.isEmpty(), false, problems, m);
            } catch (IOException e) {
                return new VerifyReport(id, false, false, List.of("cannot read the backup: " + e.getMessage()), m);
            }
        }
        return engine.withConnection(c -> {
            try {
                List<String> problems = engine.backups().verifyDeep(c, m);
                return new VerifyReport(id, problems.isEmpty(), true, problems, m);
            } catch (IOException | SQLException e) {
                return new VerifyReport(id, false, true, List.of(engine.redactor().redact(e.getMessage())), m);
            }
        });
    }

    /**
     * Restores a backup over the database. Without {@code confirm} it says what would be replaced and changes
     * nothing; with it, it checks the backup (file, then what the restore would reach and need), takes a safety
     * backup of the current state, restores the backup into a scratch database and compares it with its manifest,
     * and only then replaces the database, whole or not at all.
     */
    RestoreReport restoreBackup(String id, boolean confirm) {
        BackupManifest m = manifest(id);
        if (!m.databaseKind().equals(engine.database().dialect().kind().id())) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "backup " + id + " is of a " + m.databaseKind()
                    + " database, not " + engine.database().dialect().kind().id(), "Restore it into a database of its kind.");
        }
        return engine.withConnection(c -> {
            // versions from the history alone: restoring must not depend on the migration files being there
            Version before = DatabaseState.currentVersionOf(engine.historyTable().read(c));
            if (!confirm) {
                return new RestoreReport("confirmation_required", m, before, m.schemaVersion(), null);
            }
            try (MigrationLock ignored = engine.lock(c)) {
                List<String> problems = engine.backups().verify(m);
                if (!problems.isEmpty()) {
                    throw new MigrateException(ErrorCode.BACKUP_INVALID, "backup " + id + " cannot be restored: "
                            + String.join("; ", problems), "Choose another backup (list_backups).",
                            Map.of("problems", problems), null);
                }
                List<String> refusals = engine.backups().refusals(c, m);
                if (!refusals.isEmpty()) {
                    throw new RestoreRefusedException("the restore would reach beyond what the backup holds, or "
                            + "needs what this database lacks", refusals);
                }
                BackupManifest safety = engine.takeBackup(c, "before restore of " + id, ProgressListener.NONE,
                        java.util.Set.of(id));
                engine.backups().restore(c, m);
                Version now = DatabaseState.currentVersionOf(engine.historyTable().read(c));
                return new RestoreReport("restored", m, before, now, safety);
            } catch (RestoreRefusedException e) {
                throw new MigrateException(ErrorCode.RESTORE_REFUSED, "backup " + id + " was not restored, nothing "
                        + "changed: " + engine.redactor().redact(e.getMessage()), "Resolve each reason listed, or "
                        + "choose another backup.", Map.of("backup_id", id, "reasons", e.reasons().stream().map(engine.redactor()::redact).toList()),
                        null);
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.BACKUP_FAILED, "the restore failed: "
                        + engine.redactor().redact(e.getMessage()), "A restore happens whole or not at all, so the "
                        + "database is as it was before (see README, Backups); the safety backup holds that state too.",
                        Map.of("backup_id", id), e);
            }
        });
    }

    private BackupManifest manifest(String id) {
        if (!BackupService.isValidId(id)) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "not a backup id: " + id, "Use an id from "
                    + "list_backups (letters, digits, '.', '-', '_'; no paths).", Map.of("backup_id", String.valueOf(id)),
                    null);
        }
        try {
            return engine.backups().find(id).orElseThrow(() -> new MigrateException(ErrorCode.UNKNOWN_BACKUP,
                    "no backup with id " + id, "list_backups shows the backups there are.", Map.of("backup_id", id),
                    null));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot read the manifest of " + id + ": "
                    + e.getMessage(), "Check the backups folder.");
        }
    }
}
