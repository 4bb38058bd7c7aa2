package dev.migratemcp.cli;

import dev.migratemcp.config.Config;
import dev.migratemcp.testing.ReadmeTables;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's tables of verbs and of options are the command line's manual: every verb in the table is a command and
 * every command is in the table, each option a row names is one that verb takes, each global option is taken before
 * and after every verb, and the environment variables the rows name are those the configuration reads.
 */
class ReadmeVerbTableTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern FLAG = Pattern.compile("--[a-z][a-z-]*");

    private static CommandLine commandLine() {
        return MigrateCommand.commandLine(new String[]{"--help"}, new GlobalOptions());
    }

    @Test
    void theVerbTableIsTheCommandLinesVerbsWithTheirOptions() {
        CommandLine cli = commandLine();
        Set<String> inReadme = new TreeSet<>();
        for (List<String> row : ReadmeTables.rows("verb")) {
            Matcher m = CODE.matcher(row.get(0));
            while (m.find()) {
                String[] words = m.group(1).split(" ", 2);
                String verb = words[0];
                inReadme.add(verb);
                CommandLine command = cli.getSubcommands().get(verb);
                assertNotNull(command, "README's verb " + verb + " is no command");
                Matcher flags = FLAG.matcher(words.length > 1 ? words[1] : "");
                while (flags.find()) {
                    assertNotNull(command.getCommandSpec().findOption(flags.group()),
                            verb + " does not take " + flags.group() + " as README says");
                }
            }
        }
        assertEquals(new TreeSet<>(cli.getSubcommands().keySet()), inReadme);
    }

    @Test
    void theOptionTableIsTheGlobalOptionsEveryVerbTakes() {
        CommandLine cli = commandLine();
        List<String> options = new ArrayList<>();
        Set<String> variables = new TreeSet<>();
        for (List<String> row : ReadmeTables.rows("option")) {
            Matcher flags = FLAG.matcher(row.get(0));
            assertTrue(flags.find(), "an option row without a flag: " + row);
            String flag = flags.group();
            options.add(flag);
            CommandSpec root = cli.getCommandSpec();
            assertNotNull(root.findOption(flag), flag + " is no option");
            for (CommandLine verb : cli.getSubcommands().values()) {
                assertNotNull(verb.getCommandSpec().findOption(flag), verb.getCommandName() + " does not take " + flag
                        + " after the verb");
            }
            Matcher env = Pattern.compile("MIGRATE_MCP_[A-Z_]+").matcher(row.get(1));
            if (env.find()) {
                variables.add(env.group());
            }
        }
        assertEquals(configVariables(), variables, "the environment variables Config reads");
        assertTrue(options.containsAll(List.of("--url", "--json", "--verbose")), options.toString());
    }

    /** Config names each variable it reads in a constant ENV_...; the token is serve's own (see its section). */
    private static Set<String> configVariables() {
        Set<String> names = new TreeSet<>();
        for (Field f : Config.class.getFields()) {
            if (f.getName().startsWith("ENV_") && Modifier.isStatic(f.getModifiers())) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return names;
    }
}
