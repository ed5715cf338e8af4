package io.imlab.activities.report;

import java.util.Arrays;
import java.util.List;

/**
 * A grouped bar chart of percentages, drawn both as inline SVG ({@link HtmlReport#barChart}) and as a PNG
 * ({@link ChartPng}) from this one description, so the picture in a terminal or README is the report's.
 *
 * @param title     caption
 * @param groups    x-axis groups, e.g. {@code L1}, {@code L2}, {@code L3}
 * @param series    bars within each group, e.g. grid cells
 * @param values    {@code values[series][group]} in percent; NaN draws no bar
 * @param low       lower whisker per bar (NaN: none), e.g. a bootstrap interval
 * @param high      upper whisker per bar
 * @param reference a dashed marker per group (NaN: none), e.g. the chance level
 * @param referenceLabel what the dashed marker means
 */
public record BarChart(String title, List<String> groups, List<String> series, double[][] values, double[][] low,
                       double[][] high, double[] reference, String referenceLabel) {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    public BarChart {
        groups = List.copyOf(groups);
        series = List.copyOf(series);
        if (values.length != series.size() || low.length != series.size() || high.length != series.size()
                || reference.length != groups.size()) {
            throw new IllegalArgumentException("bar chart shape does not match " + series.size() + " series x "
                    + groups.size() + " groups");
        }
    }

    /** A chart without whiskers or reference markers. */
    public static BarChart plain(String title, List<String> groups, List<String> series, double[][] values) {
        double[][] none = new double[series.size()][groups.size()];
        for (double[] row : none) {
            Arrays.fill(row, Double.NaN);
        }
        double[] noReference = new double[groups.size()];
        Arrays.fill(noReference, Double.NaN);
        return new BarChart(title, groups, series, values, none, none, noReference, "");
    }

    /** One group's share of a plot {@code plotWidth} wide. */
    double groupWidth(double plotWidth) {
        return plotWidth / groups.size();
    }

    /** The left edge of group {@code g}'s bars (they fill the middle 80% of its share), on a plot starting at {@code left}. */
    double groupLeft(int g, double left, double plotWidth) {
        double groupWidth = groupWidth(plotWidth);
        return left + g * groupWidth + groupWidth * 0.1;
    }

    /** The width of one bar: a group's bars share 80% of its share of the plot. */
    double barWidth(double plotWidth) {
        return groupWidth(plotWidth) * 0.8 / Math.max(1, series.size());
    }

    /** Distance between y-axis ticks, so that there are 3 to 6 round-numbered ticks. */
    double tickStep() {
        double max = maxValue();
        return max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : 20;
    }

    /** The top of the y axis: the first tick at or above every value, whisker and marker, at most 100. */
    double yMax() {
        double step = tickStep();
        return Math.min(100, Math.max(step, Math.ceil(maxValue() / step) * step));
    }

    private double maxValue() {
        double max = 0;
        for (int s = 0; s < series.size(); s++) {
            for (int g = 0; g < groups.size(); g++) {
                max = Math.max(max, finite(values[s][g]));
                max = Math.max(max, finite(high[s][g]));
            }
        }
        for (double r : reference) {
            max = Math.max(max, finite(r));
        }
        return max;
    }

    /**
     * A group label split into lines that fit {@code width} pixels at about {@code charWidth} pixels per
     * character (at most two lines; the second is cut with an ellipsis).
     */
    static List<String> wrap(String label, double width, double charWidth) {
        int perLine = Math.max(3, (int) (width / charWidth));
        if (label.length() <= perLine) {
            return List.of(label);
        }
        int cut = label.lastIndexOf(' ', perLine);
        String first = cut > 0 ? label.substring(0, cut) : label.substring(0, perLine);
        String rest = label.substring(first.length()).strip();
        if (rest.length() > perLine) {
            rest = rest.substring(0, perLine - 1) + "…";
        }
        return List.of(first, rest);
    }

    boolean hasReference() {
        return Arrays.stream(reference).anyMatch(r -> !Double.isNaN(r));
    }

    private static double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? 0 : v;
    }

    static String color(int series) {
        return COLORS[series % COLORS.length];
    }
}
