package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.TestServers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scratch databases (and PostgreSQL scratch schemas) left by killed processes are dropped by a later cleanup, and
 * only those: a child process killed with SIGKILL loses its lease and its scratch goes; a live child's scratch, one
 * this process holds, and one without a lease that a session is still connected to (as a version before leases
 * made it) all survive. Run for each dialect by {@link DialectConformanceTest} (SQLite's scratch is a folder in the
 * temp folder, leased by a file lock), and for PostgreSQL's scratch schemas by {@link PostgresDialectTest}.
 */
final class ScratchLeftovers {

    private static final Pattern NAME = Pattern.compile(ScratchDatabases.PREFIX + "[0-9a-f]{12}");

    private ScratchLeftovers() {
    }

    /** @param mode "database", or "schema" for PostgreSQL's scratch schemas */
    static void theScratchOfAKilledProcessGoesAndALiveOnesStays(TestDatabase db, String mode) throws Exception {
        DatabaseKind kind = db.kind();
        ConnectionSettings settings = DatabaseUrls.parse(db.jdbcUrl(), null, null);
        Dialect dialect = Dialect.of(kind);
        List<Process> children = new ArrayList<>();
        try {
            Process live = holder(db, mode, children);
            Process dead = holder(db, mode, children);
            String liveName = name(live);
            String deadName = name(dead);
            try (ScratchDatabase held = mode.equals("schema") ? ScratchDatabases.postgresSchema(settings)
                    : dialect.createScratch(settings); Connection c = db.connect()) {
                String heldName = nameIn(held.settings().jdbcUrl());
                Unleased unleased = mode.equals("database") && kind != DatabaseKind.SQLITE ? Unleased.make(c, kind)
                        : null;
                assertTrue(exists(c, kind, mode, deadName));

                dead.destroyForcibly();
                assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
                awaitDropped(c, dialect, kind, mode, deadName);

                assertTrue(exists(c, kind, mode, liveName), "a live process's scratch survives the cleanup");
                assertTrue(exists(c, kind, mode, heldName), "this process's scratch survives the cleanup");
                if (unleased != null) {
                    assertTrue(exists(c, kind, mode, unleased.name()), "a scratch a session is connected to "
                            + "survives");
                    unleased.drop(c, kind);
                }

                live.destroyForcibly();
                assertTrue(live.waitFor(30, TimeUnit.SECONDS));
                awaitDropped(c, dialect, kind, mode, liveName);
                assertTrue(exists(c, kind, mode, heldName));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    private static Process holder(TestDatabase db, String mode, List<Process> children) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the same temp folder as this process's, where SQLite's scratch files are looked for
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
                System.getProperty("java.class.path"), ScratchHolderMain.class.getName(), db.jdbcUrl(), mode).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        children.add(p);
        return p;
    }

    private static String name(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("SCRATCH ")) {
            // anything printed first
        }
        assertTrue(line != null, "the child made no scratch database");
        return nameIn(line);
    }

    private static String nameIn(String url) {
        Matcher m = NAME.matcher(url);
        assertTrue(m.find(), url);
        return m.group();
    }

    /**
     * The server frees a killed client's lease once it sees the connection gone, which can take a moment: the
     * cleanup is asked again until the scratch goes.
     */
    private static void awaitDropped(Connection c, Dialect dialect, DatabaseKind kind, String mode, String name)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (exists(c, kind, mode, name)) {
            assertTrue(System.nanoTime() < deadline, name + " was not dropped");
            dialect.dropAbandonedScratch(c);
            Thread.sleep(100);
        }
        assertFalse(exists(c, kind, mode, name));
    }

    /** A scratch database made without a lease (as before leases), with a session connected to it. */
    private record Unleased(String name, Connection session) {

        static Unleased make(Connection c, DatabaseKind kind) throws Exception {
            String name = ScratchDatabases.uniqueName();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            String admin = kind == DatabaseKind.MYSQL ? TestServers.mysqlUrl() : TestServers.postgresUrl();
            return new Unleased(name, DriverManager.getConnection(ScratchDatabases.withDatabase(admin, name)));
        }

        void drop(Connection c, DatabaseKind kind) throws Exception {
            session.close();
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + (kind == DatabaseKind.POSTGRESQL ? " WITH (FORCE)"
                        : ""));
            }
        }
    }

    private static boolean exists(Connection c, DatabaseKind kind, String mode, String name) throws Exception {
        if (kind == DatabaseKind.SQLITE) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            boolean folder = java.nio.file.Files.exists(temp.resolve(name));
            assertEquals(folder, java.nio.file.Files.exists(temp.resolve(name + ".lease")), "a folder and its lease "
                    + "come and go together");
            return folder;
        }
        String sql = kind == DatabaseKind.MYSQL ? "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?"
                : mode.equals("schema") ? "SELECT 1 FROM pg_namespace WHERE nspname = ?"
                : "SELECT 1 FROM pg_database WHERE datname = ?";
        return CatalogQueries.any(c, sql, name);
    }
}
