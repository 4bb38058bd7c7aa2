package dev.migratemcp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one run, from flags, environment variables, the config file ({@link ConfigFile}) and defaults, in
 * that order of precedence.
 *
 * @param connection     which database, with credentials kept apart from the URL
 * @param migrationsDir  folder holding the migration files
 * @param historyTable   name of the history table (default {@code schema_version})
 * @param lockTimeout    how long to wait for another run's migration lock before giving up
 * @param outOfOrder     whether a pending migration below the current version may be applied (refused by default)
 * @param schemas        PostgreSQL: schemas whose objects snapshots cover besides the connection's own (and those the
 *                       migrations create); like Flyway's {@code schemas}, except that the connection's schema is not
 *                       changed by it; empty when not given
 * @param flywayConfig   a Flyway project's {@code flyway.toml} or {@code flyway.conf} to read; null: the one in the
 *                       migrations folder, when there is one ({@link FlywayConfigFile})
 */
public record Config(ConnectionSettings connection, Path migrationsDir, String historyTable, Duration lockTimeout,
                     Path backupsDir, BackupPolicy backupBefore, int keepBackups, BackupMethodChoice backupMethod,
                     boolean outOfOrder, java.util.List<String> schemas, Path flywayConfig) {

    public Config(ConnectionSettings connection, Path migrationsDir, String historyTable, Duration lockTimeout,
                  Path backupsDir, BackupPolicy backupBefore, int keepBackups, BackupMethodChoice backupMethod,
                  boolean outOfOrder) {
        this(connection, migrationsDir, historyTable, lockTimeout, backupsDir, backupBefore, keepBackups,
                backupMethod, outOfOrder, java.util.List.of());
    }

    /** The settings without a Flyway configuration named (one in the migrations folder is still read). */
    public Config(ConnectionSettings connection, Path migrationsDir, String historyTable, Duration lockTimeout,
                  Path backupsDir, BackupPolicy backupBefore, int keepBackups, BackupMethodChoice backupMethod,
                  boolean outOfOrder, java.util.List<String> schemas) {
        this(connection, migrationsDir, historyTable, lockTimeout, backupsDir, backupBefore, keepBackups,
                backupMethod, outOfOrder, schemas, null);
    }

    /** How PostgreSQL and MySQL backups are made: their own dump tools when present (auto), or always ours. */
    public enum BackupMethodChoice { AUTO, BUILTIN }

    /** When apply and rollback take a backup first. */
    public enum BackupPolicy {
        /** before a backup_required migration, and before a rollback that drops tables, columns or rows */
        DESTRUCTIVE,
        ALWAYS,
        NEVER
    }

    /** The settings with the default backup policy (destructive) and no retention limit. */
    public Config(ConnectionSettings connection, Path migrationsDir, String historyTable, Duration lockTimeout,
                  Path backupsDir) {
        this(connection, migrationsDir, historyTable, lockTimeout, backupsDir, BackupPolicy.DESTRUCTIVE, 0,
                BackupMethodChoice.AUTO, false);
    }

    public static final String DEFAULT_URL = "jdbc:sqlite:migrate-mcp.db";
    public static final String DEFAULT_MIGRATIONS_DIR = "migrations";
    public static final String DEFAULT_HISTORY_TABLE = "schema_version";
    public static final String DEFAULT_BACKUPS_DIR = "backups";
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    public static final String ENV_URL = "MIGRATE_MCP_URL";
    public static final String ENV_USER = "MIGRATE_MCP_USER";
    public static final String ENV_PASSWORD = "MIGRATE_MCP_PASSWORD";
    public static final String ENV_MIGRATIONS = "MIGRATE_MCP_MIGRATIONS";
    public static final String ENV_HISTORY_TABLE = "MIGRATE_MCP_HISTORY_TABLE";
    public static final String ENV_LOCK_TIMEOUT = "MIGRATE_MCP_LOCK_TIMEOUT";
    public static final String ENV_LOG_LEVEL = "MIGRATE_MCP_LOG_LEVEL";
    public static final String ENV_BACKUPS = "MIGRATE_MCP_BACKUPS";
    public static final String ENV_BACKUP_BEFORE = "MIGRATE_MCP_BACKUP_BEFORE";
    public static final String ENV_KEEP_BACKUPS = "MIGRATE_MCP_KEEP_BACKUPS";
    public static final String ENV_BACKUP_METHOD = "MIGRATE_MCP_BACKUP_METHOD";
    public static final String ENV_CONFIG = "MIGRATE_MCP_CONFIG";
    public static final String ENV_OUT_OF_ORDER = "MIGRATE_MCP_OUT_OF_ORDER";
    public static final String ENV_SCHEMAS = "MIGRATE_MCP_SCHEMAS";
    public static final String ENV_FLYWAY_CONFIG = "MIGRATE_MCP_FLYWAY_CONFIG";

    public Config {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(backupsDir, "backupsDir");
        if (!HistoryTableName.isValid(historyTable)) {
            throw new IllegalArgumentException("history table name must be a plain identifier "
                    + "(letters, digits, underscore; at most 60 characters): " + historyTable);
        }
        if (lockTimeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must not be negative");
        }
        schemas = schemas == null ? java.util.List.of() : java.util.List.copyOf(schemas);
    }

    /**
     * Resolves the settings: each explicit value (null when not given) wins over its environment variable, which wins
     * over the config file, which wins over the default.
     */
    public static Config resolve(Options given, Map<String, String> env) {
        Map<String, String> file = ConfigFile.read(firstNonBlank(given.configFile(), env.get(ENV_CONFIG)), env);
        String url = firstNonBlank(given.url(), env.get(ENV_URL), file.get("url"), DEFAULT_URL);
        String user = firstNonBlank(given.user(), env.get(ENV_USER), file.get("user"));
        String password = given.password() != null ? given.password()
                : env.get(ENV_PASSWORD) != null ? env.get(ENV_PASSWORD) : file.get("password");
        ConnectionSettings connection = DatabaseUrls.parse(url, user, password);
        Path migrations = Path.of(firstNonBlank(given.migrationsDir(), env.get(ENV_MIGRATIONS), file.get("migrations"),
                DEFAULT_MIGRATIONS_DIR));
        String table = firstNonBlank(given.historyTable(), env.get(ENV_HISTORY_TABLE), file.get("history_table"),
                DEFAULT_HISTORY_TABLE);
        Duration lockTimeout = given.lockTimeoutSeconds() != null
                ? Duration.ofMillis(Math.round(given.lockTimeoutSeconds() * 1000))
                : parseSeconds(firstNonBlank(env.get(ENV_LOCK_TIMEOUT), file.get("lock_timeout")),
                ENV_LOCK_TIMEOUT + " (or lock_timeout in the config file)");
        Path backups = Path.of(firstNonBlank(given.backupsDir(), env.get(ENV_BACKUPS), file.get("backups"),
                DEFAULT_BACKUPS_DIR));
        String policy = firstNonBlank(given.backupBefore(), env.get(ENV_BACKUP_BEFORE), file.get("backup_before"),
                "destructive");
        BackupPolicy backupBefore;
        try {
            backupBefore = BackupPolicy.valueOf(policy.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backup-before must be destructive, always or never, got '" + policy
                    + "'");
        }
        int keep = given.keepBackups() != null ? given.keepBackups()
                : parseCount(firstNonBlank(env.get(ENV_KEEP_BACKUPS), file.get("keep"), "0"));
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 (keep all) or more");
        }
        String methodText = firstNonBlank(given.backupMethod(), env.get(ENV_BACKUP_METHOD), file.get("backup_method"),
                "auto");
        BackupMethodChoice method;
        try {
            method = BackupMethodChoice.valueOf(methodText.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backup-method must be auto or builtin, got '" + methodText + "'");
        }
        boolean outOfOrder = Boolean.TRUE.equals(given.outOfOrder()) || parseSwitch(firstNonBlank(
                env.get(ENV_OUT_OF_ORDER), file.get("out_of_order")), ENV_OUT_OF_ORDER + " (or out_of_order in the "
                + "config file)");
        String flyway = firstNonBlank(given.flywayConfig(), env.get(ENV_FLYWAY_CONFIG), file.get("flyway_config"));
        return new Config(connection, migrations, table, lockTimeout, backups, backupBefore, keep, method,
                outOfOrder, schemaList(firstNonBlank(given.schemas(), env.get(ENV_SCHEMAS), file.get("schemas"))),
                flyway == null ? null : Path.of(flyway));
    }

    /**
     * A comma-separated list of schema names, each as PostgreSQL reads it: folded to lower case unless written in
     * double quotes ({@code app,"Reports"}).
     */
    static java.util.List<String> schemaList(String value) {
        if (value == null) {
            return java.util.List.of();
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.trim();
            if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            } else {
                name = name.toLowerCase(java.util.Locale.ROOT);
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("schemas must be a comma-separated list of schema names, got '"
                        + value + "'");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return java.util.List.copyOf(names);
    }

    /** An on/off setting: true or false (also 1/0, yes/no); unset is off. */
    private static boolean parseSwitch(String value, String name) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static Duration parseSeconds(String value, String name) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LOCK_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds, got '" + value + "'");
        }
    }

    private static int parseCount(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("keep must be a whole number of backups, got '" + value + "'");
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /**
     * The values given explicitly (flags or tool arguments); null means "not given".
     *
     * @param configFile the config file to read; null looks for {@code migrate-mcp.json} in the working directory
     * @param outOfOrder true when the flag was given (null: not given, the environment or the file decide)
 * @param schemas    comma-separated schema names (see {@link Config#schemas})
     * @param flywayConfig a Flyway project's configuration file
     */
    public record Options(String url, String user, String password, String migrationsDir, String historyTable,
                          Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups,
                          String backupMethod, String configFile, Boolean outOfOrder, String schemas,
                          String flywayConfig) {

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups,
                       String backupMethod, String configFile, Boolean outOfOrder, String schemas) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, backupsDir, backupBefore,
                    keepBackups, backupMethod, configFile, outOfOrder, schemas, null);
        }

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups,
                       String backupMethod, String configFile, Boolean outOfOrder) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, backupsDir, backupBefore,
                    keepBackups, backupMethod, configFile, outOfOrder, null);
        }

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups,
                       String backupMethod, String configFile) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, backupsDir, backupBefore,
                    keepBackups, backupMethod, configFile, null);
        }

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups,
                       String backupMethod) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, backupsDir, backupBefore,
                    keepBackups, backupMethod, null);
        }

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, null, null, null, null);
        }

        public Options(String url, String user, String password, String migrationsDir, String historyTable,
                       Double lockTimeoutSeconds, String backupsDir, String backupBefore, Integer keepBackups) {
            this(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds, backupsDir, backupBefore,
                    keepBackups, null);
        }
    }

    @Override
    public String toString() {
        return "Config[" + connection + ", migrations=" + migrationsDir + ", table=" + historyTable + "]";
    }
}
