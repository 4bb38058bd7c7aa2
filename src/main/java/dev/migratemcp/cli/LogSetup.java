package dev.migratemcp.cli;

import dev.migratemcp.config.Config;

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

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
