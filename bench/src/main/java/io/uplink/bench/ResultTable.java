package io.uplink.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The table a run ends with: one row per benchmark, its figure, the baseline from the same run, their ratio, and the
 * benchmark's goal with met / not met.
 */
public final class ResultTable {

    public record Row(String benchmark, Comparison comparison, String failure) {
    }

    private ResultTable() {
    }

    public static String render(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[]{"benchmark", "figure", "baseline (same run)", "ratio", "goal"});
        for (Row row : rows) {
            if (row.failure() != null) {
                cells.add(new String[]{row.benchmark(), "FAILED: " + row.failure(), "", "", ""});
            } else {
                Comparison comparison = row.comparison();
                cells.add(new String[]{row.benchmark(), comparison.figure().formatted(), comparison.baseline().formatted(),
                        String.format("%.2f", comparison.ratio()) + (comparison.higherIsBetter() ? "" : " (lower is better)"),
                        comparison.goal() == null ? "—" : comparison.goal().verdict()});
            }
        }
        int[] widths = new int[5];
        for (String[] line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            String[] line = cells.get(r);
            table.append("| ");
            for (int i = 0; i < widths.length; i++) {
                table.append(String.format("%-" + widths[i] + "s", line[i])).append(" | ");
            }
            table.setLength(table.length() - 1);
            table.append('\n');
            if (r == 0) {
                table.append('|');
                for (int width : widths) {
                    table.append("-".repeat(width + 2)).append('|');
                }
                table.append('\n');
            }
        }
        return table.toString();
    }

    /** One line per row that says where its time went: {@code - credential-minting: …}. */
    public static String renderWhereTheTimeGoes(List<Row> rows) {
        StringBuilder lines = new StringBuilder();
        for (Row row : rows) {
            if (row.comparison() != null && row.comparison().whereTheTimeGoes() != null) {
                lines.append("- ").append(row.benchmark()).append(": ").append(row.comparison().whereTheTimeGoes()).append('\n');
            }
        }
        return lines.isEmpty() ? "" : "Where the time goes (same rounds as the figures):\n\n" + lines;
    }
}
