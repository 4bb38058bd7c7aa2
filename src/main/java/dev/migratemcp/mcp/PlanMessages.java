package dev.migratemcp.mcp;

import dev.migratemcp.engine.Destruction;
import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.PlannedStatement;
import dev.migratemcp.engine.Risk;

import java.util.List;

/** A plan as a person reads it when asked to approve it: every migration, every statement, what it destroys. */
final class PlanMessages {

    private PlanMessages() {
    }

    static String migrations(List<PlannedMigration> plan) {
        StringBuilder sb = new StringBuilder();
        for (PlannedMigration m : plan) {
            sb.append("\nversion ").append(m.version()).append(" (").append(m.description()).append("), ")
                    .append(m.direction()).append(m.transactional() ? "" : ", not transactional").append(':');
            for (PlannedStatement st : m.statements()) {
                sb.append("\n  ").append(st.index()).append(". ").append(st.sql().strip());
                for (Risk r : st.risks()) {
                    if (r.kind().equals(Risk.DATA_LOSS) || r.kind().equals("fails_if_not_empty")) {
                        sb.append("\n     [").append(r.kind()).append(": ").append(r.message()).append(']');
                    }
                }
            }
            for (Destruction d : m.destroys()) {
                sb.append("\n  destroys ").append(d.kind()).append(' ').append(d.object())
                        .append(d.rows() == null ? "" : " (" + d.rows() + " rows)");
            }
        }
        return sb.toString();
    }

    /** The statements that lose data, one line each, for a result's text. */
    static String dataLoss(List<PlannedMigration> plan) {
        StringBuilder sb = new StringBuilder();
        for (PlannedMigration m : plan) {
            for (PlannedStatement st : m.statements()) {
                if (st.risks().stream().anyMatch(r -> r.kind().equals(Risk.DATA_LOSS))) {
                    String sql = st.sql().strip().replaceAll("\\s+", " ");
                    sb.append(sb.isEmpty() ? "" : "; ").append("version ").append(m.version()).append(" #")
                            .append(st.index()).append(' ').append(sql.length() > 80 ? sql.substring(0, 80) + "..."
                                    : sql);
                }
            }
        }
        return sb.toString();
    }
}
