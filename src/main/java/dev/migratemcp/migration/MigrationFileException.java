package dev.migratemcp.migration;

import java.util.List;
import java.util.stream.Collectors;

/** The migration files cannot be used as they are; every problem found is listed, each with its file and line. */
public final class MigrationFileException extends Exception {

    private final transient List<FileProblem> problems;

    public MigrationFileException(List<FileProblem> problems) {
        super(problems.stream().map(FileProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
