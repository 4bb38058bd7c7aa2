package dev.migratemcp.backup;

import dev.migratemcp.config.Redactor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    /** Writes a program's standard input. */
    @FunctionalInterface
    interface Feeder {
        void feed(OutputStream stdin) throws IOException;
    }

    /** Reads a program's standard output. */
    @FunctionalInterface
    interface Reader {
        void read(InputStream stdout) throws IOException;
    }

    /**
     * Runs the command with its standard input written by {@code feeder}, standard output discarded. When the feeder
     * fails, the program's input is closed where it stopped (it sees an end of input, never a made-up ending) and
     * the feeder's error is reported, unless the program failed first, whose own error then says more.
     */
    static void feed(List<String> command, Map<String, String> env, Feeder feeder, Redactor redactor)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        IOException fed = null;
        try (OutputStream stdin = p.getOutputStream()) {
            feeder.feed(stdin);
        } catch (IOException e) {
            fed = e;
        }
        int exit = waitFor(p, command);
        if (exit != 0) {
            throw failure(command, exit, err, redactor);
        }
        if (fed != null) {
            throw fed;
        }
    }

    /** Runs the command with its standard output handed to {@code reader}; fails when the program does. */
    static void read(List<String> command, Map<String, String> env, Reader reader, Redactor redactor)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (InputStream stdout = p.getInputStream()) {
            reader.read(stdout);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        int exit = waitFor(p, command);
        if (exit != 0) {
            throw failure(command, exit, err, redactor);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, task -> {
            Thread t = new Thread(task, "migrate-mcp-stderr");
            t.setDaemon(true);
            t.start();
        });
    }

    private static int waitFor(Process p, List<String> command) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + TIMEOUT_HOURS + " hours");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
    }

    private static IOException failure(List<String> command, int exit, CompletableFuture<byte[]> err,
                                       Redactor redactor) {
        return new IOException(command.get(0) + " failed (exit " + exit + "): "
                + redactor.redact(new String(err.join(), StandardCharsets.UTF_8).strip()));
    }
}
