package dev.migratemcp.mcp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code migrate-mcp serve --http} from the built jar, in a subprocess, on a free port. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("serving MCP on http://[^:]+:(\\d+)/mcp");

    private final Process process;
    private final int port;
    private final List<String> stderr = new ArrayList<>();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static String jar() {
        return System.getProperty("migrate-mcp.jar", Path.of("target", "migrate-mcp.jar").toString());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static ServerProcess startHttp(String url, Path migrations, Path backups, String... extra) throws Exception {
        return startHttp(java.util.Map.of(), url, migrations, backups, extra);
    }

    /** With these environment variables added to the test's own. */
    static ServerProcess startHttp(java.util.Map<String, String> env, String url, Path migrations, Path backups,
                                   String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(), "--url", url, "--migrations",
                migrations.toString(), "--backups", backups.toString(), "serve", "--http", "--port", "0"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = err.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                ServerProcess server = new ServerProcess(p, Integer.parseInt(m.group(1)));
                Thread drain = new Thread(() -> server.drain(err), "server-stderr");
                drain.setDaemon(true);
                drain.start();
                return server;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not start: " + String.join("\n", seen));
    }

    private void drain(BufferedReader err) {
        try {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (stderr) {
                    stderr.add(line);
                }
            }
        } catch (Exception ignored) {
            // the process ended
        }
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
