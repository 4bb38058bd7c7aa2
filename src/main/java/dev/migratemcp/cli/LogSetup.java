package dev.migratemcp.cli;

import dev.migratemcp.config.Config;

import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Points slf4j-simple at stderr (stdout is the protocol channel when serving MCP, and the result channel for
 * {@code --json}) and sets the level from MIGRATE_MCP_LOG_LEVEL or {@code --verbose}. Must run before the first logger
 * is made, which is why it reads the raw arguments.
 */
public final class LogSetup {

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private LogSetup() {
    }

    public static void configure(String[] args, Map<String, String> env) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        String fromEnv = env.getOrDefault(Config.ENV_LOG_LEVEL, "").trim().toLowerCase(Locale.ROOT);
        String level = LEVELS.contains(fromEnv) ? fromEnv : verbose ? "info" : "warn";
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
        // the pool's start-up chatter is never what a person asked to see, and its failure log quotes the driver's
        // exception, which can hold the URL's secrets: every failure reaches us as an exception and is reported
        // redacted (set the property yourself to see the pool's own log)
        setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "off");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    }

    /** slf4j's start, made on its own thread (see {@link #startInBackground}); null when nothing started it so. */
    private static volatile Thread starting;

    /**
     * Sets logging up ({@link #configure}) and starts slf4j on a thread of its own. Its start (finding its provider,
     * reading settings, making the time format's locale data) costs a cold JVM about 70 ms of CPU, which the main
     * thread would otherwise pay before its first logger, so it runs while the command line is being parsed.
     * Another thread's logging calls made during that start are held and replayed with a warning on stderr, so the
     * main thread waits for it ({@link #awaitStarted}) before running a verb.
     */
    public static void startInBackground(String[] args, Map<String, String> env) {
        configure(args, env);
        Thread thread = new Thread(LoggerFactory::getILoggerFactory, "migrate-mcp-logging");
        thread.setDaemon(true);
        starting = thread;
        thread.start();
    }

    /** Returns once slf4j has started, when {@link #startInBackground} began it; at once otherwise. */
    public static void awaitStarted() {
        Thread thread = starting;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
