package dev.migratemcp.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's model is built with picocli's programmatic API (see {@link Specs}): no class of ours carries
 * picocli annotations for it to read by reflection, every verb's help renders, and a global option reaches
 * {@link GlobalOptions} whether it stands before or after the verb.
 */
class CommandModelTest {

    private static CommandLine commandLine(GlobalOptions globals, String... args) {
        CommandLine cli = MigrateCommand.commandLine(args, globals);
        cli.parseArgs(args);
        return cli;
    }

    @Test
    void noCommandIsAnnotatedForPicocliToReflectOn() {
        CommandLine cli = MigrateCommand.commandLine(new String[]{"--help"}, new GlobalOptions());
        List<Object> commands = new ArrayList<>();
        commands.add(cli.getCommand());
        cli.getSubcommands().values().forEach(v -> commands.add(v.getCommand()));
        assertEquals(20, commands.size());
        for (Object command : commands) {
            Class<?> type = command.getClass();
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type));
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                elements.addAll(List.of(c.getDeclaredFields()));
                elements.addAll(List.of(c.getDeclaredMethods()));
            }
            for (AnnotatedElement e : elements) {
                assertFalse(Stream.of(e.getAnnotations()).anyMatch(a -> a.annotationType().getName()
                        .startsWith("picocli.")), e + " carries a picocli annotation");
            }
        }
    }

    @Test
    void everyVerbsHelpRendersWithTheGlobalOptions() {
        CommandLine cli = MigrateCommand.commandLine(new String[]{"--help"}, new GlobalOptions());
        String root = cli.getUsageMessage();
        int last = -1;
        for (String verb : cli.getSubcommands().keySet()) {
            CommandSpec spec = cli.getSubcommands().get(verb).getCommandSpec();
            String help = spec.commandLine().getUsageMessage();
            assertTrue(help.startsWith("Usage: migrate-mcp " + verb + " [-h"), help);
            assertTrue(help.contains("--url=URL") && help.contains("--json"), help);
            int at = root.indexOf("\n  " + verb + " ");
            assertTrue(at > last, verb + " is listed in its order in " + root);
            last = at;
        }
        assertTrue(root.contains("Exit codes: 0 ok, 1 failed, 2 usage"), root);
    }

    @Test
    void globalOptionsReachTheSettingsBeforeAndAfterTheVerb() {
        GlobalOptions before = new GlobalOptions();
        commandLine(before, "--json", "-v", "--url", "jdbc:sqlite:before.db", "status");
        GlobalOptions after = new GlobalOptions();
        commandLine(after, "status", "--json", "--verbose", "--url", "jdbc:sqlite:after.db");
        GlobalOptions split = new GlobalOptions();
        commandLine(split, "--url", "jdbc:sqlite:split.db", "status", "--json");
        for (GlobalOptions g : List.of(before, after)) {
            assertTrue(g.json() && g.verbose());
        }
        assertTrue(split.json() && !split.verbose());
        assertEquals("jdbc:sqlite:before.db", url(before));
        assertEquals("jdbc:sqlite:after.db", url(after));
        assertEquals("jdbc:sqlite:split.db", url(split));
    }

    private static String url(GlobalOptions globals) {
        return globals.config(java.util.Map.of()).connection().jdbcUrl();
    }
}
