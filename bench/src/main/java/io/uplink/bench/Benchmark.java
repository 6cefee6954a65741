package io.uplink.bench;

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
}
