package dev.migratemcp.backup;

import dev.migratemcp.config.Redactor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a database's own client tool (pg_dump, mysqldump, ...). Passwords go through the environment, never the
 * command line, where other users of the machine could read them; errors are redacted before they are reported.
 */
final class ExternalCommand {

    private static final long TIMEOUT_HOURS = 6;

    private ExternalCommand() {
    }

    /** Whether a program is on the PATH. */
    static boolean available(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The first line a program prints for {@code --version}, or null when it does not run. */
    static String version(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out.lines().findFirst().orElse("") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Runs the command with its standard input from {@code stdin} and standard output to {@code stdout} (either may
     * be null), failing with the tool's own error text when it exits non-zero.
     */
    static void run(List<String> command, Map<String, String> env, Path stdin, Path stdout, Redactor redactor)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = builder.start();
        byte[] err = p.getErrorStream().readAllBytes();
        try {
            if (!p.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + TIMEOUT_HOURS + " hours");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed (exit " + p.exitValue() + "): "
                    + redactor.redact(new String(err, StandardCharsets.UTF_8).strip()));
        }
    }
}
