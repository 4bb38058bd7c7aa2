package dev.migratemcp.cli;

import dev.migratemcp.config.Config;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.util.Map;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;

/**
 * The options every verb takes (database, folders, output), defined once on the root command and read from here by
 * the verbs. They are of {@link ScopeType#INHERIT}: picocli copies them into each verb, so they may stand before or
 * after it ({@code --url X status} and {@code status --url X}), and the copies share these fields.
 */
final class GlobalOptions {

    private String url;
    private String user;
    private String password;
    private String migrationsDir;
    private String historyTable;
    private Double lockTimeoutSeconds;
    private String backupsDir;
    private String backupBefore;
    private Integer keepBackups;
    private String backupMethod;
    private String configFile;
    private String flywayConfig;
    private boolean outOfOrder;
    private String schemas;
    private boolean json;
    private boolean verbose;

    /** Adds the options to the root command. */
    void addTo(CommandSpec root) {
        add(root, flag(v -> { }, "-h", "--help").usageHelp(true).description("Show this help."));
        add(root, value(String.class, "URL", v -> url = v, "--url")
                .description("Database: a JDBC URL, sqlite:///file.db, postgresql://user:pass@host:port/db or "
                        + "mysql://user:pass@host:port/db (default "
                                + "${env:MIGRATE_MCP_URL:-jdbc:sqlite:migrate-mcp.db})."));
        add(root, value(String.class, "USER", v -> user = v, "--user").description("Database user."));
        add(root, value(String.class, "PASSWORD", v -> password = v, "--password")
                .description("Database password (prefer MIGRATE_MCP_PASSWORD: command lines are visible to others)."));
        add(root, value(String.class, "DIR", v -> migrationsDir = v, "--migrations")
                .description("Folder of migration files (default ./migrations)."));
        add(root, value(String.class, "NAME", v -> historyTable = v, "--history-table")
                .description("Name of the history table (default schema_version)."));
        add(root, value(Double.class, "SECONDS", v -> lockTimeoutSeconds = v, "--lock-timeout")
                .description("How long to wait for another run's migration lock (default 30)."));
        add(root, value(String.class, "DIR", v -> backupsDir = v, "--backups")
                .description("Folder for backups (default ./backups)."));
        add(root, value(String.class, "WHEN", v -> backupBefore = v, "--backup-before")
                .description("Back up before risky changes: destructive (default), always or never."));
        add(root, value(Integer.class, "N", v -> keepBackups = v, "--keep")
                .description("Keep only the newest N backups of this database (default: all)."));
        add(root, value(String.class, "HOW", v -> backupMethod = v, "--backup-method")
                .description("auto (PostgreSQL/MySQL dump tools when present, else our own dump) or builtin."));
        add(root, value(String.class, "FILE", v -> configFile = v, "--config")
                .description("JSON settings file (default ./migrate-mcp.json when present; flags and environment "
                        + "variables win over it)."));
        add(root, value(String.class, "FILE", v -> flywayConfig = v, "--flyway-config")
                .description("A Flyway project's flyway.toml or flyway.conf (default: the one in the migrations "
                        + "folder)."));
        add(root, flag(v -> outOfOrder = v, "--out-of-order")
                .description("Allow migrate and plan to apply a pending version below the current one (refused by "
                        + "default; also MIGRATE_MCP_OUT_OF_ORDER=true or out_of_order in the config file)."));
        add(root, value(String.class, "A,B", v -> schemas = v, "--schemas")
                .description("PostgreSQL: more schemas whose objects snapshots and drift checks cover, besides the "
                        + "connection's and those the migrations create (also MIGRATE_MCP_SCHEMAS or schemas in the "
                        + "config file)."));
        add(root, flag(v -> json = v, "--json").description("Print the result as JSON."));
        add(root, flag(v -> verbose = v, "-v", "--verbose").description("Report progress on stderr."));
    }

    private static void add(CommandSpec root, OptionSpec.Builder option) {
        root.addOption(option.scopeType(ScopeType.INHERIT).build());
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    /** The settings these options, the environment and the config file make together. */
    Config config(Map<String, String> env) {
        return Config.resolve(new Config.Options(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds,
                backupsDir, backupBefore, keepBackups, backupMethod, configFile, outOfOrder ? Boolean.TRUE : null, schemas,
                flywayConfig), env);
    }
}
