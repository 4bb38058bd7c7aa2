package dev.migratemcp.cli;

import dev.migratemcp.config.Config;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: one subcommand per verb of the engine. Database options are inherited by every verb, so they may
 * stand before or after it ({@code --url X status} and {@code status --url X}).
 */
@Command(name = "migrate-mcp", mixinStandardHelpOptions = false, usageHelpAutoWidth = true,
        description = "Safe database schema migrations for SQLite, PostgreSQL and MySQL/MariaDB.",
        footer = {"", "Environment: MIGRATE_MCP_URL, MIGRATE_MCP_USER, MIGRATE_MCP_PASSWORD, MIGRATE_MCP_MIGRATIONS,",
                "MIGRATE_MCP_HISTORY_TABLE, MIGRATE_MCP_LOCK_TIMEOUT, MIGRATE_MCP_BACKUPS, MIGRATE_MCP_LOG_LEVEL,",
                "MIGRATE_MCP_CONFIG, MIGRATE_MCP_FLYWAY_CONFIG, MIGRATE_MCP_OUT_OF_ORDER, MIGRATE_MCP_TOKEN (serve --http).",
                "Exit codes: 0 ok, 1 failed, 2 usage (including a refused rollback without --yes)."})
public final class MigrateCommand implements Runnable {

    /** Every verb, in the order help lists them. */
    private static final List<Class<?>> VERBS = List.of(StatusCommand.class, PendingCommand.class, MigrateVerb.class,
            RollbackCommand.class, HistoryCommand.class, ShowMigrationCommand.class, ValidateCommand.class,
            ValidateSchemaCommand.class, DescribeSchemaCommand.class, RepairCommand.class, PlanCommand.class,
            TestCommand.class, NewCommand.class, BaselineCommand.class, BackupCommand.class, BackupsCommand.class,
            VerifyBackupCommand.class, RestoreCommand.class, ServeCommand.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Database: a JDBC URL, sqlite:///file.db, postgresql://user:pass@host:port/db or "
                    + "mysql://user:pass@host:port/db (default ${env:MIGRATE_MCP_URL:-jdbc:sqlite:migrate-mcp.db}).")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "USER", description = "Database user.")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "Database password (prefer MIGRATE_MCP_PASSWORD: command lines are visible to others).")
    String password;

    @Option(names = "--migrations", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder of migration files (default ./migrations).")
    String migrationsDir;

    @Option(names = "--history-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Name of the history table (default schema_version).")
    String historyTable;

    @Option(names = "--lock-timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "How long to wait for another run's migration lock (default 30).")
    Double lockTimeoutSeconds;

    @Option(names = "--backups", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for backups (default ./backups).")
    String backupsDir;

    @Option(names = "--backup-before", scope = ScopeType.INHERIT, paramLabel = "WHEN",
            description = "Back up before risky changes: destructive (default), always or never.")
    String backupBefore;

    @Option(names = "--keep", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Keep only the newest N backups of this database (default: all).")
    Integer keepBackups;

    @Option(names = "--backup-method", scope = ScopeType.INHERIT, paramLabel = "HOW",
            description = "auto (PostgreSQL/MySQL dump tools when present, else our own dump) or builtin.")
    String backupMethod;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "JSON settings file (default ./migrate-mcp.json when present; flags and environment "
                    + "variables win over it).")
    String configFile;

    @Option(names = "--flyway-config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A Flyway project's flyway.toml or flyway.conf (default: the one in the migrations folder).")
    String flywayConfig;

    @Option(names = "--out-of-order", scope = ScopeType.INHERIT,
            description = "Allow migrate and plan to apply a pending version below the current one (refused by "
                    + "default; also MIGRATE_MCP_OUT_OF_ORDER=true or out_of_order in the config file).")
    boolean outOfOrder;

    @Option(names = "--schemas", scope = ScopeType.INHERIT, paramLabel = "A,B",
            description = "PostgreSQL: more schemas whose objects snapshots and drift checks cover, besides the "
                    + "connection's and those the migrations create (also MIGRATE_MCP_SCHEMAS or schemas in the config "
                    + "file).")
    String schemas;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the result as JSON.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Report progress on stderr.")
    boolean verbose;

    @Override
    public void run() {
        // no verb: show what there is
        CommandLine.usage(this, System.err);
    }

    Config config(Map<String, String> env) {
        return Config.resolve(new Config.Options(url, user, password, migrationsDir, historyTable, lockTimeoutSeconds,
                backupsDir, backupBefore, keepBackups, backupMethod, configFile, outOfOrder ? Boolean.TRUE : null, schemas,
                flywayConfig), env);
    }

    /**
     * The verbs to build the command line with: those named among the arguments, or all of them when none is, or
     * when help is asked for. picocli reads every verb's annotations by reflection when it is added, which on a cold
     * JVM costs more than a short command's own work; a run only ever uses one.
     */
    static List<Class<?>> verbsFor(String[] args) {
        Set<String> words = Set.copyOf(Arrays.asList(args));
        if (words.contains("-h") || words.contains("--help") || words.contains("help")) {
            return VERBS;
        }
        List<Class<?>> named = VERBS.stream().filter(v -> words.contains(v.getAnnotation(Command.class).name()))
                .toList();
        return named.isEmpty() ? VERBS : named;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args) {
        LogSetup.configure(args, System.getenv());
        CommandLine cli = new CommandLine(new MigrateCommand());
        for (Class<?> verb : verbsFor(args)) {
            cli.addSubcommand(verb);
        }
        cli.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        boolean json = Arrays.asList(args).contains("--json");
        cli.setParameterExceptionHandler((e, a) -> {
            if (json) {
                // a script asked for JSON: a bad argument (a version out of range...) is a structured error too
                new Printer(true).error(new MigrateException(ErrorCode.INVALID_ARGUMENT, e.getMessage(),
                        "See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.").error());
                return EXIT_USAGE;
            }
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return EXIT_USAGE;
        });
        // the verb may log from here on; slf4j's start on its own thread ran while the model above was built
        LogSetup.awaitStarted();
        return cli.execute(args);
    }
}
