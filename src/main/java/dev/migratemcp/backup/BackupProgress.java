package dev.migratemcp.backup;

import java.util.function.BiConsumer;

/**
 * What the caller of {@link BackupService#create} hears of one backup: {@code (0, 1)} once as it starts,
 * {@code (done, total)} with {@code 0 < done < total} as the copy goes, and {@code (total, total)} once, when the
 * file is in place. The methods report in their own units (SQLite pages, tables), and a copy may reach its last unit
 * well before the backup is complete (hashed, checked, moved into place): their own start and end reports are not
 * passed on, so that a face turning the end into "backup written" says it once and only when it is true.
 */
final class BackupProgress implements BiConsumer<Long, Long> {

    private final BiConsumer<Long, Long> caller;
    private long total = 1;

    BackupProgress(BiConsumer<Long, Long> caller) {
        this.caller = caller;
    }

    void started() {
        caller.accept(0L, 1L);
    }

    /** A method's report of its copy. */
    @Override
    public void accept(Long done, Long total) {
        if (total > 0) {
            this.total = total;
        }
        if (done > 0 && done < total) {
            caller.accept(done, total);
        }
    }

    void written() {
        caller.accept(total, total);
    }
}
