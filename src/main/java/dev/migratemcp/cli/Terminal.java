package dev.migratemcp.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is at the keyboard, so that a destructive verb may ask instead of refusing. */
final class Terminal {

    private Terminal() {
    }

    /**
     * From JDK 22 on, {@link System#console()} returns a console even when input is piped; {@code isTerminal()}
     * (added then) tells the truth. On older JDKs a non-null console already means a terminal.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    static String readLine(String prompt) {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", prompt);
    }
}
