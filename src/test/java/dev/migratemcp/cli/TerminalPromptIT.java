package dev.migratemcp.cli;

import dev.migratemcp.json.Json;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.SqliteContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * README: rollback and a migrate that loses data "print the plan and ask for yes when a person is at a terminal".
 * The built jar runs under a pseudo-terminal (util-linux {@code script}), as a person's shell would run it: any
 * answer but {@code yes} changes nothing, {@code yes} goes on.
 */
class TerminalPromptIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    /** The command under a terminal of its own, with {@code answer} typed at its prompt. */
    private Run atATerminal(String answer, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("migrate-mcp.jar", Path.of("target", "migrate-mcp.jar")
                .toString()), "--url", url(), "--migrations", dir.resolve("migrations").toString(), "--backups",
                dir.resolve("backups").toString()));
        command.addAll(List.of(args));
        String line = String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        Process p = new ProcessBuilder(SCRIPT.toString(), "-qec", line, "/dev/null").redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        return new Run(p.exitValue(), output);
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("prompt.db");
    }

    @Test
    void aPersonAtATerminalIsAskedAndOnlyYesGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is needed for a pseudo-terminal");
        MigrationFiles files = new MigrationFiles(Files.createDirectories(dir.resolve("migrations")));
        files.table(1);
        files.table(2);
        assertEquals(0, MigrateCommand.run(new String[]{"--url", url(), "--migrations", files.dir().toString(),
                "--backups", dir.resolve("backups").toString(), "migrate", "--version", "1"}));
        files.write(3, "drop_t1", null, "DROP TABLE t1;", null);

        String before = SqliteContent.of(url(), dir.resolve("backups"));
        for (List<String> verb : List.of(List.of("rollback", "--version", "0"), List.of("migrate"))) {
            Run no = atATerminal("no", verb.toArray(String[]::new));
            assertTrue(no.output().contains("Type 'yes'"), verb + " asks: " + no.output());
            assertTrue(no.output().contains("DROP TABLE t1"), verb + " shows the plan: " + no.output());
            assertNotEquals(0, no.exit(), verb + ": " + no.output());
            assertEquals(before, SqliteContent.of(url(), dir.resolve("backups")), verb + " answered no");
        }

        Run yes = atATerminal("yes", "migrate");
        assertEquals(0, yes.exit(), yes.output());
        Run status = atATerminal("", "--json", "status");
        String json = status.output().substring(status.output().indexOf('{'));
        assertEquals(3, Json.mapper().readTree(json).get("current_version").asInt(), status.output());
    }
}
