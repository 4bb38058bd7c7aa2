package dev.migratemcp.cli;

import dev.migratemcp.testing.LeakyUrls;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The password, however it is given and however the connection fails, appears nowhere in what the command line prints:
 * stdout, stderr and the log (on stderr, at info with --verbose). The environment spelling needs a process of its
 * own; SecretsIT covers it, and the MCP face.
 */
class CliSecretsTest {

    @TempDir
    Path dir;

    static Stream<LeakyUrls.Attempt> attempts() {
        return LeakyUrls.all(false).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void thePasswordIsNeverPrinted(LeakyUrls.Attempt attempt) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        // text and --json print the same messages through different code: half the attempts take each
        boolean json = attempt.label().hashCode() % 2 == 0;
        {
            List<String> args = new ArrayList<>(attempt.options());
            args.addAll(List.of("--migrations", migrations.toString(), "--verbose", "status"));
            if (json) {
                args.add("--json");
            }
            PrintStream realOut = System.out;
            PrintStream realErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                exit = MigrateCommand.run(args.toArray(String[]::new));
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertNotEquals(0, exit, printed);
            assertFalse(printed.contains(LeakyUrls.PASSWORD), printed);
        }
    }
}
