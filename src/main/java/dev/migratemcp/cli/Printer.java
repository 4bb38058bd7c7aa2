package dev.migratemcp.cli;

import dev.migratemcp.engine.ErrorInfo;
import dev.migratemcp.json.Json;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a verb's output goes. With {@code --json} the result (or {"error": ...}) is the only thing on stdout, so
 * scripts can parse it; without, people get text on stdout and errors on stderr.
 */
final class Printer {

    private final boolean json;
    private final PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final PrintStream stderr = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    Printer(boolean json) {
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Prints the report as JSON, or runs {@code text} to print it for people. */
    void result(Object report, Runnable text) {
        if (json) {
            stdout.println(Json.pretty(report));
        } else {
            text.run();
        }
    }

    void line(String text) {
        stdout.println(text);
    }

    /** A message for people that is not the result (progress, prompts, warnings): always stderr. */
    void note(String text) {
        stderr.println(text);
    }

    void error(ErrorInfo error) {
        if (json) {
            stdout.println(Json.pretty(Map.of("error", error)));
            return;
        }
        stderr.println("error [" + error.code() + "]: " + error.message());
        if (error.hint() != null) {
            stderr.println("hint: " + error.hint());
        }
        Object problems = error.details().get("problems");
        if (problems instanceof Iterable<?> list) {
            for (Object p : list) {
                stderr.println("  - " + p);
            }
        }
    }
}
