package dev.migratemcp.cli;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;

import java.util.concurrent.Callable;

/**
 * What every verb shares: settings from the root command, an engine for the duration of the verb, and errors turned
 * into a printed result and an exit code instead of a stack trace.
 */
abstract class EngineCommand implements Callable<Integer> {

    final GlobalOptions globals;

    EngineCommand(GlobalOptions globals) {
        this.globals = globals;
    }

    @Override
    public final Integer call() {
        Printer out = new Printer(globals.json());
        MigrationEngine engine;
        try {
            engine = new MigrationEngine(globals.config(System.getenv()));
        } catch (IllegalArgumentException e) {
            out.error(new MigrateException(ErrorCode.INVALID_CONFIG, e.getMessage(),
                    "Check --url and the other options (see --help).").error());
            return MigrateCommand.EXIT_USAGE;
        }
        try (engine) {
            return execute(engine, out);
        } catch (MigrateException e) {
            out.error(e.error());
            return e.code() == ErrorCode.INVALID_ARGUMENT ? MigrateCommand.EXIT_USAGE : MigrateCommand.EXIT_FAILED;
        } catch (RuntimeException e) {
            String message = globals.config(System.getenv()).connection().redactor().redact(String.valueOf(e));
            out.error(new MigrateException(ErrorCode.INTERNAL_ERROR, message,
                    "This is a bug in migrate-mcp; please report it with the command you ran.").error());
            return MigrateCommand.EXIT_FAILED;
        }
    }

    /** Runs the verb; returns the exit code. */
    abstract int execute(MigrationEngine engine, Printer out);
}
