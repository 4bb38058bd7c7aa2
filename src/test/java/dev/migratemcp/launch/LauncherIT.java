package dev.migratemcp.launch;

import dev.migratemcp.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher {@code mvn package} writes beside the jar ({@code target/migrate-mcp}): it starts the tool with the
 * build's class-data archive, and a missing, stale, foreign or corrupt archive never breaks a start nor puts a byte
 * on stdout (the MCP channel); with {@code --verbose} it says why it started without one.
 */
class LauncherIT {

    private static final Path TARGET = Path.of(System.getProperty("migrate-mcp.jar", "target/migrate-mcp.jar"))
            .toAbsolutePath().getParent();

    @TempDir
    Path work;

    private Path launcher;

    @BeforeEach
    void copyTheBuild() throws IOException {
        // a copy, so each case can spoil its own archive without touching the build's
        for (String name : List.of("migrate-mcp", "migrate-mcp.jar", "migrate-mcp.jsa", "migrate-mcp.jsa.jdk")) {
            assertTrue(Files.exists(TARGET.resolve(name)), "mvn package writes " + name);
            // the build's archive is bound to the build's jar path; a copy elsewhere must start without it
            Files.copy(TARGET.resolve(name), work.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        launcher = work.resolve("migrate-mcp");
        assertTrue(Files.isExecutable(launcher));
    }

    @Test
    void theBuildsArchiveIsUsed() throws Exception {
        launcher = TARGET.resolve("migrate-mcp"); // the archive is bound to the jar's path: the build's own
        Path classLog = work.resolve("classes.log");
        Run run = run(Map.of("MIGRATE_MCP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "status", "--json");
        assertEquals(0, run.exit, run.stderr);
        assertEquals(0, json(run.stdout).get("current_version").asInt());
        List<String> ours = Files.readAllLines(classLog).stream().filter(l -> l.contains(" dev.migratemcp.")).toList();
        assertTrue(ours.stream().anyMatch(l -> l.contains("shared objects file")),
                "our classes come from the archive: " + ours.subList(0, Math.min(5, ours.size())));
    }

    @Test
    void theBuildsCopyOfTheSqliteLibraryIsLoadedInsteadOfExtractingOne() throws Exception {
        // a temp "folder" that is a file: the driver cannot extract its library there, so a start succeeds only if
        // it loads the build's copy
        Path notAFolder = Files.writeString(work.resolve("not-a-folder"), "");
        Map<String, String> env = Map.of("MIGRATE_MCP_JAVA_OPTS", "-Dorg.sqlite.tmpdir=" + notAFolder);
        launcher = TARGET.resolve("migrate-mcp");
        Run run = run(env, "status", "--json");
        assertEquals(0, run.exit, run.stderr);
        assertEquals(0, json(run.stdout).get("current_version").asInt());

        // the copy in this folder has the archive but no library copy: the driver must extract, and cannot
        launcher = work.resolve("migrate-mcp");
        claimTheArchiveForThisFolder();
        run = run(env, "status", "--json");
        assertTrue(run.exit != 0, "without the build's copy the driver extracts its library: " + run.stdout);
    }

    @Test
    void aLibraryCopyTheDriverCannotLoadFallsBackToExtracting() throws Exception {
        claimTheArchiveForThisFolder();
        Path nativeDir = Files.createDirectories(work.resolve("native"));
        Files.write(nativeDir.resolve(System.mapLibraryName("sqlitejdbc")), new byte[4096]);
        Run run = run(Map.of(), "status", "--json");
        assertEquals(0, run.exit, run.stderr);
        assertEquals(0, json(run.stdout).get("current_version").asInt());
    }

    @Test
    void noArchiveStartsWithoutOneAndSaysSo() throws Exception {
        Files.delete(work.resolve("migrate-mcp.jsa"));
        assertStartsWithout("no class-data archive");
    }

    @Test
    void anArchiveOlderThanTheJarIsNotUsed() throws Exception {
        Files.setLastModifiedTime(work.resolve("migrate-mcp.jsa"), FileTime.fromMillis(0));
        assertStartsWithout("older than the jar");
    }

    @Test
    void anArchiveOfAnotherJdkOrPlaceIsNotUsed() throws Exception {
        // the copy's identity file names the build's jar, not this folder's
        assertStartsWithout("made by another JDK or for a jar elsewhere");
        Files.writeString(work.resolve("migrate-mcp.jsa.jdk"), "IMPLEMENTOR=\"Elsewhere\" JAVA_VERSION=\"1.0\" ");
        assertStartsWithout("made by another JDK");
    }

    @Test
    void aCorruptArchiveIsIgnoredByTheJvm() throws Exception {
        claimTheArchiveForThisFolder();
        Files.write(work.resolve("migrate-mcp.jsa"), new byte[4096]);
        Run run = run(Map.of(), "status", "--json");
        assertEquals(0, run.exit, run.stderr);
        assertEquals(0, json(run.stdout).get("current_version").asInt());
    }

    @Test
    void anMcpSessionOverStdioGetsOnlyProtocolOnStdout() throws Exception {
        claimTheArchiveForThisFolder();
        Files.write(work.resolve("migrate-mcp.jsa"), new byte[4096]); // JVM warnings, if any, must go to stderr
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}\n";
        Process p = start(Map.of(), "serve");
        try (OutputStream in = p.getOutputStream()) {
            in.write(initialize.getBytes(StandardCharsets.UTF_8));
            in.flush();
            String first = new String(p.getInputStream().readNBytes(1), StandardCharsets.UTF_8)
                    + readLine(p);
            JsonNode answer = json(first);
            assertEquals(1, answer.get("id").asInt());
            assertTrue(answer.get("result").has("serverInfo"), first);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ends when stdin closes");
        String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(rest.isBlank(), "nothing but protocol on stdout: " + rest);
    }

    /**
     * The build has no PostgreSQL or MySQL server to train against, so the training run loads their drivers' classes
     * itself: a run on PostgreSQL finds the classes of its connection path in the archive (no server is needed to
     * see it: the connection to a closed port fails after they are loaded).
     */
    @Test
    void theBuildsArchiveHoldsTheServerDrivers() throws Exception {
        launcher = TARGET.resolve("migrate-mcp");
        Path classLog = work.resolve("classes.log");
        Run run = run(Map.of("MIGRATE_MCP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
                "--url", "jdbc:postgresql://127.0.0.1:1/none?user=nobody&connectTimeout=2", "status", "--json");
        assertEquals(1, run.exit, "no server listens there: " + run.stderr);
        List<String> connecting = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains(" org.postgresql.core.v3.ConnectionFactoryImpl ")).toList();
        assertEquals(1, connecting.size(), "the driver's connection path was loaded");
        assertTrue(connecting.get(0).contains("shared objects file"), connecting.get(0));
    }

    /** Makes the launcher hand the copy's archive to the JVM, as if the build had been made in this folder. */
    private void claimTheArchiveForThisFolder() throws IOException {
        Path identity = work.resolve("migrate-mcp.jsa.jdk");
        Files.writeString(identity, Files.readString(identity).replace(TARGET.toRealPath().toString(),
                work.toRealPath().toString()));
    }

    private void assertStartsWithout(String reason) throws Exception {
        Run run = run(Map.of(), "status", "--json", "--verbose");
        assertEquals(0, run.exit, run.stderr);
        assertEquals(0, json(run.stdout).get("current_version").asInt(), "stdout holds the result alone");
        assertTrue(run.stderr.contains(reason), "--verbose says why: " + run.stderr);
        Run quiet = run(Map.of(), "status", "--json");
        assertTrue(!quiet.stderr.contains("launcher"), "without --verbose it says nothing: " + quiet.stderr);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Process p = start(env, args);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        if (!List.of(args).contains("--url")) {
            command.addAll(List.of("--url", "jdbc:sqlite:" + work.resolve("it.db")));
        }
        command.addAll(List.of("--migrations", Path.of("migrations").toAbsolutePath().toString(), "--backups",
                work.resolve("backups").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("MIGRATE_MCP_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        if (args.length > 0 && args[0].equals("serve")) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    private static String readLine(Process p) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = p.getInputStream().read(); c >= 0 && c != '\n'; c = p.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    private record Run(int exit, String stdout, String stderr) {
    }
}
