package dev.migratemcp.launch;

import dev.migratemcp.cli.MigrateCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training run the build makes the launcher's class-data archive from (see {@code src/launcher/train.sh}): in
 * one JVM, so that one archive covers all of it, the work a short run starts with: {@code migrate} and
 * {@code status} over the shipped migrations on a scratch SQLite database (and over two files in Flyway's layout),
 * the classes of the PostgreSQL and MySQL drivers, then an MCP session over stdio that initializes, lists the tools
 * and calls one. Whatever classes these load are the ones a later start finds ready.
 *
 * <p>Arguments: a scratch folder (created, left for the build to delete) and the migrations folder. The JVM is ended
 * with {@code System.exit} once the MCP answers are in, which is when the JVM writes the archive.
 */
public final class TrainingRun {

    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TrainingRun SCRATCH_DIR MIGRATIONS_DIR");
            System.exit(2);
        }
        Path scratch = Files.createDirectories(Path.of(args[0]));
        List<String> common = List.of("--url", "jdbc:sqlite:" + scratch.resolve("training.db"),
                "--migrations", args[1], "--backups", scratch.resolve("backups").toString());
        // the commands' results are not wanted; the MCP session below gets a stdout of its own
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        expectOk(cli(common, "migrate"));
        expectOk(cli(common, "status"));
        expectOk(cli(common, "status", "--json"));
        flywayLayout(scratch);
        loadServerDrivers();
        serveOneSession(common);
    }

    /**
     * {@code migrate} and {@code status} over two files in Flyway's layout ({@code V1__name.sql}), whose names and
     * pairing are read by classes the shipped migrations (our own format) never load.
     */
    private static void flywayLayout(Path scratch) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("flyway-layout"));
        Files.writeString(dir.resolve("V1__first.sql"), "CREATE TABLE t1 (id INTEGER PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__second.sql"), "CREATE INDEX t1_id ON t1 (id);\n");
        List<String> common = List.of("--url", "jdbc:sqlite:" + scratch.resolve("flyway-layout.db"),
                "--migrations", dir.toString(), "--backups", scratch.resolve("backups").toString());
        expectOk(cli(common, "migrate"));
        expectOk(cli(common, "status"));
    }

    /**
     * Loads (without initialising) every class of the PostgreSQL and MySQL drivers in the jar. The build has no such
     * server to train against, so without this none of their classes would be archived, and a {@code status} on
     * PostgreSQL loaded and verified some 300 classes from the jar at every start (7% of its CPU, measured). A class
     * that cannot be loaded (an optional dependency absent) is passed over, as the dump would pass it over.
     */
    private static void loadServerDrivers() throws IOException {
        ClassLoader loader = TrainingRun.class.getClassLoader();
        Path jar;
        try {
            jar = Path.of(TrainingRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find the jar this runs from: " + e.getMessage(), e);
        }
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (String name : file.stream().map(java.util.jar.JarEntry::getName).toList()) {
                if (name.endsWith(".class") && !name.contains("-") && (name.startsWith("org/postgresql/")
                        || name.startsWith("com/mysql/cj/"))) {
                    try {
                        Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                                false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // an optional part of the driver; a run that needs it loads it from the jar
                    }
                }
            }
        }
    }

    private static int cli(List<String> common, String... verb) {
        String[] args = concat(common, verb);
        dev.migratemcp.Main.headStart(args);
        return MigrateCommand.run(args);
    }

    private static void serveOneSession(List<String> common) throws IOException, InterruptedException {
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
        System.setIn(serverIn);
        System.setOut(new PrintStream(serverOut, true, StandardCharsets.UTF_8));

        Thread client = new Thread(() -> talk(toServer, fromServer), "training-client");
        client.setDaemon(true);
        client.start();
        Thread server = new Thread(() -> cli(common, "serve"), "training-server");
        server.setDaemon(true);
        server.start();
        client.join(TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS));
        if (client.isAlive()) {
            System.err.println("training run: the MCP session did not answer in time");
            System.exit(1);
        }
        // the archive is written as the JVM exits; the server's own shutdown is not part of what is trained
        System.exit(0);
    }

    /** Plays the client: each request is sent once the answer to the one before has arrived. */
    private static void talk(OutputStream toServer, InputStream fromServer) {
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
            request(toServer, answers, 1, "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"training\",\"version\":\"1\"}}");
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            request(toServer, answers, 2, "\"method\":\"tools/list\"");
            request(toServer, answers, 3, "\"method\":\"tools/call\",\"params\":{\"name\":\"get_current_version\","
                    + "\"arguments\":{}}");
        } catch (IOException e) {
            System.err.println("training run: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void request(OutputStream toServer, BufferedReader answers, int id, String body)
            throws IOException {
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + body + "}");
        String idField = "\"id\":" + id;
        for (String line = answers.readLine(); line != null; line = answers.readLine()) {
            if (line.contains(idField + ",") || line.contains(idField + "}")) {
                return;
            }
        }
        throw new IOException("the server closed its output before answering request " + id);
    }

    private static void send(OutputStream toServer, String message) throws IOException {
        toServer.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    private static void expectOk(int exitCode) {
        if (exitCode != MigrateCommand.EXIT_OK) {
            System.err.println("training run: a command exited with " + exitCode);
            System.exit(1);
        }
    }

    private static String[] concat(List<String> common, String... verb) {
        String[] all = common.toArray(new String[common.size() + verb.length]);
        System.arraycopy(verb, 0, all, common.size(), verb.length);
        return all;
    }
}
