package dev.migratemcp.mcp;

import dev.migratemcp.testing.ReadmeTables;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * README's table of tools is what a person reads before giving an agent the server: each row's name, arguments
 * (required, or optional with {@code ?}) and hints ({@code read-only}, {@code destructive}, none) must be the tool's
 * own, as {@code tools/list} sends it, and what {@code serve --read-only} offers must follow from the hints.
 */
class ReadmeToolTableTest {

    private static final Pattern ROW = Pattern.compile("`(\\w+)` \\{([^}]*)}");

    record Row(String name, List<String> required, List<String> optional, String hints) {
    }

    private static Map<String, Row> readmeRows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (List<String> cells : ReadmeTables.rows("tool")) {
            Matcher m = ROW.matcher(cells.get(0));
            if (!m.matches()) {
                throw new AssertionError("a tool row README.md does not spell as `name` {args}: " + cells.get(0));
            }
            List<String> required = new ArrayList<>();
            List<String> optional = new ArrayList<>();
            for (String arg : m.group(2).split(",")) {
                String a = arg.trim();
                if (a.endsWith("?")) {
                    optional.add(a.substring(0, a.length() - 1));
                } else if (!a.isEmpty()) {
                    required.add(a);
                }
            }
            rows.put(m.group(1), new Row(m.group(1), required, optional, cells.get(2)));
        }
        return rows;
    }

    private static Map<String, McpTool> tools() {
        Map<String, McpTool> tools = new LinkedHashMap<>();
        for (McpTool t : ToolRegistry.all()) {
            tools.put(t.definition().name(), t);
        }
        return tools;
    }

    @Test
    void everyToolIsInTheTableAndEveryRowIsATool() {
        assertEquals(new TreeSet<>(tools().keySet()), new TreeSet<>(readmeRows().keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachRowNamesTheToolsArgumentsAndWhichAreRequired() {
        Map<String, McpTool> tools = tools();
        for (Row row : readmeRows().values()) {
            Map<String, Object> schema = tools.get(row.name()).definition().inputSchema();
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            List<String> required = (List<String>) schema.getOrDefault("required", List.of());
            Set<String> all = new TreeSet<>(row.required());
            all.addAll(row.optional());
            assertEquals(all, new TreeSet<>(properties.keySet()), row.name() + ": the arguments");
            assertEquals(new TreeSet<>(row.required()), new TreeSet<>(required), row.name() + ": the required ones");
        }
    }

    @Test
    void theHintsAreTheToolsAnnotationsAndDecideWhatReadOnlyServes() {
        Map<String, McpTool> tools = tools();
        for (Row row : readmeRows().values()) {
            McpTool tool = tools.get(row.name());
            McpSchema.ToolAnnotations hints = tool.definition().annotations();
            boolean readOnly = row.hints().equals("read-only");
            boolean destructive = row.hints().equals("destructive");
            assertEquals(readOnly, hints.readOnlyHint(), row.name() + ": readOnlyHint for '" + row.hints() + "'");
            assertEquals(destructive, hints.destructiveHint(), row.name() + ": destructiveHint for '" + row.hints()
                    + "'");
            boolean served = readOnly || row.hints().contains("served with `--read-only`");
            assertEquals(served, tool.servedReadOnly(), row.name() + ": offered by serve --read-only");
        }
    }
}
