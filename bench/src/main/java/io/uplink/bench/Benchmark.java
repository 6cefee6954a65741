package io.uplink.bench;

import java.util.List;

/**
 * One named benchmark: measures a figure and, in the same run and on the same servers, a baseline that bounds it
 * (the same work without the part under test, or the raw capability underneath), so the ratio means something on
 * any machine. Later issues add theirs to {@link Benchmarks#all()}.
 */
public interface Benchmark {

    /** Short, stable, kebab-case: how the benchmark is selected on the command line. */
    String name();

    String description();

    Comparison run(BenchEnvironment environment) throws Exception;

    /**
     * One table row per measured case. Benchmarks that measure the same thing at several sizes (1, 10 and 1,000
     * webhook endpoints) override this; {@link #run} is then their first case alone.
     */
    default List<Case> runCases(BenchEnvironment environment) throws Exception {
        return List.of(new Case(name(), run(environment)));
    }

    /** @param name the row's name: the benchmark's, with the case in parentheses when there are several */
    record Case(String name, Comparison comparison) {
    }
}
