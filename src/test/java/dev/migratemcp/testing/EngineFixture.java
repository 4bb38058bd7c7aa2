package dev.migratemcp.testing;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.MigrationEngine;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test's databases and the engines it opens on them, all closed after each test (engines first). Register it with
 * {@code @RegisterExtension final EngineFixture fixture = new EngineFixture();}.
 */
public final class EngineFixture implements AfterEachCallback {

    private final List<MigrationEngine> engines = new ArrayList<>();
    private final List<TestDatabase> databases = new ArrayList<>();

    /** A new database of this kind, dropped after the test. */
    public TestDatabase database(DatabaseKind kind) {
        TestDatabase db = TestDatabase.create(kind);
        databases.add(db);
        return db;
    }

    /** An engine on {@code db} over {@code migrationsDir}, with a 5 s lock timeout and no automatic backups. */
    public MigrationEngine engine(TestDatabase db, Path migrationsDir) {
        Config config = Config.resolve(new Config.Options(db.jdbcUrl(), null, null, migrationsDir.toString(), null,
                5.0, null, "never", null), Map.of());
        MigrationEngine engine = new MigrationEngine(config);
        engines.add(engine);
        return engine;
    }

    /**
     * Copies the fixture folder {@code src/test/resources/layouts/<layout>}, with the folders inside it, into
     * {@code migrationsDir}.
     */
    public static void copyLayout(String layout, Path migrationsDir) {
        try {
            Path source = Path.of(EngineFixture.class.getResource("/layouts/" + layout).toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = migrationsDir.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        engines.forEach(MigrationEngine::close);
        engines.clear();
        databases.forEach(TestDatabase::close);
        databases.clear();
    }
}
