package dev.migratemcp.testing;

import dev.migratemcp.migration.Version;

import java.util.Arrays;
import java.util.List;

/** Short spellings of versions for tests: {@code v(3)}, {@code v("1.1")}, {@code vs(1, 2)}. */
public final class Versions {

    private Versions() {
    }

    public static Version v(long number) {
        return Version.of(number);
    }

    public static Version v(String text) {
        return Version.parse(text);
    }

    public static List<Version> vs(long... numbers) {
        return Arrays.stream(numbers).mapToObj(Version::of).toList();
    }
}
