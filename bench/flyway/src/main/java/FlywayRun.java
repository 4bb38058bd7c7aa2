import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway as a whole process, the way its own command line would run: {@code FlywayRun migrate|info JDBC_URL DIR}.
 * {@code info} reads and prints every migration's state, as {@code flyway info} does, so its work is comparable to
 * migrate-mcp's {@code status}.
 */
public final class FlywayRun {
    public static void main(String[] args) {
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], null, null)
                .locations("filesystem:" + args[2])
                .load();
        switch (args[0]) {
            case "migrate" -> System.out.println(flyway.migrate().migrationsExecuted + " migrations applied");
            case "info" -> {
                StringBuilder table = new StringBuilder();
                for (MigrationInfo info : flyway.info().all()) {
                    table.append(info.getVersion()).append(' ').append(info.getDescription()).append(' ')
                            .append(info.getState().getDisplayName()).append('\n');
                }
                System.out.print(table);
            }
            default -> throw new IllegalArgumentException("migrate or info, not " + args[0]);
        }
    }
}
