package dev.migratemcp.cli;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line: one subcommand per verb of the engine. The options every verb takes are {@link GlobalOptions}.
 */
public final class MigrateCommand implements Runnable {

    /** A verb: the name it is called by, and how to make its command for a run. */
    record Verb(String name, Function<GlobalOptions, CommandSpec> command) {
    }

    /** Every verb, in the order help lists them. */
    private static final List<Verb> VERBS = List.of(new Verb("status", StatusCommand::command),
            new Verb("pending", PendingCommand::command), new Verb("migrate", MigrateVerb::command),
            new Verb("rollback", RollbackCommand::command), new Verb("history", HistoryCommand::command),
            new Verb("show-migration", ShowMigrationCommand::command), new Verb("validate", ValidateCommand::command),
            new Verb("validate-schema", ValidateSchemaCommand::command),
            new Verb("describe-schema", DescribeSchemaCommand::command), new Verb("repair", RepairCommand::command),
            new Verb("plan", PlanCommand::command), new Verb("test", TestCommand::command),
            new Verb("new", NewCommand::command), new Verb("baseline", BaselineCommand::command),
            new Verb("backup", BackupCommand::command), new Verb("backups", BackupsCommand::command),
            new Verb("verify-backup", VerifyBackupCommand::command), new Verb("restore", RestoreCommand::command),
            new Verb("serve", ServeCommand::command));

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    /** The model this root was built into, verbs and all once the command line is made (see {@link #run()}). */
    private CommandSpec spec;

    private MigrateCommand() {
    }

    /** The root command, without verbs. */
    private static CommandSpec command(GlobalOptions globals) {
        MigrateCommand root = new MigrateCommand();
        CommandSpec spec = Specs.command(root,
                "Safe database schema migrations for SQLite, PostgreSQL and MySQL/MariaDB.").name("migrate-mcp");
        root.spec = spec;
        spec.usageMessage().autoWidth(true).footer("",
                "Environment: MIGRATE_MCP_URL, MIGRATE_MCP_USER, MIGRATE_MCP_PASSWORD, MIGRATE_MCP_MIGRATIONS,",
                "MIGRATE_MCP_HISTORY_TABLE, MIGRATE_MCP_LOCK_TIMEOUT, MIGRATE_MCP_BACKUPS, MIGRATE_MCP_LOG_LEVEL,",
                "MIGRATE_MCP_CONFIG, MIGRATE_MCP_FLYWAY_CONFIG, MIGRATE_MCP_OUT_OF_ORDER, MIGRATE_MCP_TOKEN (serve "
                        + "--http).",
                "Exit codes: 0 ok, 1 failed, 2 usage (including a refused rollback without --yes).");
        globals.addTo(spec);
        return spec;
    }

    @Override
    public void run() {
        // no verb: show what there is, the verbs among it (with no verb named, the command line holds them all)
        spec.commandLine().usage(System.err);
    }

    /**
     * The verbs to build the command line with: those named among the arguments, or all of them when none is, or
     * when help is asked for. A run only ever uses one, and each verb added costs picocli copying every global option
     * into it.
     */
    static List<Verb> verbsFor(String[] args) {
        Set<String> words = Set.copyOf(Arrays.asList(args));
        if (words.contains("-h") || words.contains("--help") || words.contains("help")) {
            return VERBS;
        }
        List<Verb> named = VERBS.stream().filter(v -> words.contains(v.name())).toList();
        return named.isEmpty() ? VERBS : named;
    }

    /** The command line for these arguments: the root and the verbs {@link #verbsFor} picks, filling {@code globals}. */
    static CommandLine commandLine(String[] args, GlobalOptions globals) {
        CommandLine cli = new CommandLine(command(globals));
        for (Verb verb : verbsFor(args)) {
            cli.addSubcommand(verb.command().apply(globals).name(verb.name()));
        }
        return cli;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args) {
        // the jar's Main has set logging up already; a caller in the same JVM (a test) may not have
        LogSetup.configure(args, System.getenv());
        CommandLine cli = commandLine(args, new GlobalOptions());
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
