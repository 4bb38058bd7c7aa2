package dev.migratemcp.dialect;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The storage engines of a MySQL/MariaDB server and the tables of this schema that use one without transactions
 * (MyISAM, Aria, MEMORY, CSV, ARCHIVE...): a change to such a table takes effect at once and no rollback undoes it,
 * so it cannot commit together with a note of its progress.
 *
 * @param engines       every engine the server knows, lower case, to whether it has transactions
 * @param defaultEngine the engine a CREATE TABLE without ENGINE gets, lower case
 * @param tables        this schema's tables whose engine has no transactions, lower-case name to engine as named
 */
public record StorageEngines(Map<String, Boolean> engines, String defaultEngine, Map<String, String> tables) {

    public StorageEngines {
        engines = Map.copyOf(engines);
        tables = Map.copyOf(tables);
    }

    /** Whether this is the name of an engine the server knows. */
    public boolean known(String engine) {
        return engines.containsKey(engine.toLowerCase(Locale.ROOT));
    }

    /** Whether the engine has transactions; an engine the server does not know counts as having them. */
    public boolean transactional(String engine) {
        return engines.getOrDefault(engine.toLowerCase(Locale.ROOT), true);
    }

    /** The engines without transactions, lower case. */
    public Set<String> withoutTransactions() {
        return Set.copyOf(engines.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList());
    }
}
