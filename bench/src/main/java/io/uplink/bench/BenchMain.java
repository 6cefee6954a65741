package io.uplink.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run [name …]}: runs the named benchmarks (all without names) against real embedded servers and
 * prints a Markdown table of each figure beside its same-run baseline. {@code --list} shows what exists.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        List<Benchmark> all = Benchmarks.all();
        if (Arrays.asList(args).contains("--list")) {
            all.forEach(benchmark -> System.out.printf("%-34s %s%n", benchmark.name(), benchmark.description()));
            return;
        }
        Set<String> wanted = Set.of(args);
        Set<String> known = all.stream().map(Benchmark::name).collect(Collectors.toSet());
        List<String> unknown = wanted.stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            System.err.println("unknown benchmark(s) " + unknown + "; known: " + known.stream().sorted().toList());
            System.exit(2);
        }
        List<Benchmark> selected = all.stream().filter(benchmark -> wanted.isEmpty() || wanted.contains(benchmark.name())).toList();

        List<ResultTable.Row> rows = new ArrayList<>();
        Instant began = Instant.now();
        try (BenchEnvironment environment = new BenchEnvironment(System.out)) {
            for (Benchmark benchmark : selected) {
                System.out.println("running " + benchmark.name() + ": " + benchmark.description());
                Instant start = Instant.now();
                try {
                    for (Benchmark.Case measured : benchmark.runCases(environment)) {
                        rows.add(new ResultTable.Row(measured.name(), measured.comparison(), null));
                    }
                } catch (Exception | AssertionError e) {
                    rows.add(new ResultTable.Row(benchmark.name(), null, e.toString()));
                }
                System.out.printf("  done in %.1f s%n", Duration.between(start, Instant.now()).toMillis() / 1000.0);
            }
        }
        System.out.println();
        System.out.printf("Uplink benchmarks, %s, %d cores, Java %s, %s s%n", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Duration.between(began, Instant.now()).toSeconds());
        System.out.println();
        System.out.print(ResultTable.render(rows));
        String where = ResultTable.renderWhereTheTimeGoes(rows);
        if (!where.isEmpty()) {
            System.out.println();
            System.out.print(where);
        }
        boolean failed = rows.stream().anyMatch(row -> row.failure() != null);
        System.exit(failed ? 1 : 0); // the embedded servers leave non-daemon threads behind
    }
}
