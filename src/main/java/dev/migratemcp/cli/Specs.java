package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.function.Consumer;

/**
 * Builders for the command line's model. It is built with picocli's programmatic API rather than annotations: from
 * annotations picocli builds the model by reflection at every start (annotation proxies a class-data archive cannot
 * keep), which cost a short command about a fifth of its time. Each option hands its value to a field of ours.
 */
final class Specs {

    private Specs() {
    }

    /** A command that picocli runs by calling {@code command} (a Runnable or Callable), with its description. */
    static CommandSpec command(Object command, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.usageMessage().description(description);
        return spec;
    }

    /** An option without a value, false unless given. */
    static OptionSpec.Builder flag(Consumer<Boolean> into, String... names) {
        return bound(boolean.class, false, into, names);
    }

    /** An option with one value, which picocli converts to {@code type}; null unless given. */
    static <T> OptionSpec.Builder value(Class<T> type, String label, Consumer<T> into, String... names) {
        return value(type, null, label, into, names);
    }

    /** An option with one value, {@code initial} unless given. */
    static <T> OptionSpec.Builder value(Class<T> type, T initial, String label, Consumer<T> into, String... names) {
        return bound(type, initial, into, names).paramLabel(label);
    }

    /** An option read as a migration version (label N), exactly or as a usage error: see {@link VersionArguments}. */
    static OptionSpec.Builder version(Consumer<Version> into, String... names) {
        return value(Version.class, "N", into, names).converters(new VersionArguments());
    }

    /** A repeatable option: each occurrence adds a value to a list, empty unless given. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> OptionSpec.Builder list(Class<T> element, String label, Consumer<List<T>> into, String... names) {
        return bound((Class) List.class, List.of(), (Consumer) into, names).auxiliaryTypes(element).paramLabel(label);
    }

    private static <T> OptionSpec.Builder bound(Class<T> type, T initial, Consumer<T> into, String... names) {
        Binding<T> binding = new Binding<>(initial, into);
        // picocli sets the initial value at the start of each parse, as it does a field's for an annotated option
        return OptionSpec.builder(names).type(type).initialValue(initial).getter(binding).setter(binding);
    }

    /**
     * Where picocli puts an option's value: handed on to our field, and kept for picocli to read back (a repeatable
     * option adds to the list it reads). picocli gives an inherited option's copy in each verb this same binding, so
     * a global option's value lands in one field whether it stood before or after the verb.
     */
    private static final class Binding<T> implements IGetter, ISetter {

        private final Consumer<T> into;
        private T value;

        Binding(T initial, Consumer<T> into) {
            this.value = initial;
            this.into = into;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R get() {
            return (R) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R set(R newValue) {
            R old = (R) value;
            value = (T) newValue;
            into.accept(value);
            return old;
        }
    }
}
