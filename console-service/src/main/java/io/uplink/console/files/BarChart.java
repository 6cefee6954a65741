package io.uplink.console.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart drawn as inline SVG by the template: bars scaled to the largest value, each with its label and an
 * accessible text value (the chart's table equivalent is its {@code <title>} per bar plus the figure caption).
 */
public record BarChart(List<Bar> bars, int width, int height) {

    public static final int HEIGHT = 160;
    private static final int BAR_WIDTH = 36;
    private static final int GAP = 12;
    private static final int LABEL_SPACE = 40;

    public record Bar(String label, long value, String valueText, int x, int y, int width, int barHeight, int labelY) {
    }

    public record Point(String label, long value, String valueText) {
    }

    public static BarChart of(List<Point> points) {
        long max = points.stream().mapToLong(Point::value).max().orElse(0);
        int plot = HEIGHT - LABEL_SPACE;
        List<Bar> bars = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            int barHeight = max == 0 ? 0 : (int) Math.max(point.value() > 0 ? 2 : 0, Math.round(plot * (double) point.value() / max));
            int x = GAP + i * (BAR_WIDTH + GAP);
            bars.add(new Bar(point.label(), point.value(), point.valueText(), x, 16 + plot - barHeight, BAR_WIDTH,
                    barHeight, HEIGHT - 6));
        }
        int width = Math.max(240, GAP + points.size() * (BAR_WIDTH + GAP));
        return new BarChart(List.copyOf(bars), width, HEIGHT + 16);
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }
}
