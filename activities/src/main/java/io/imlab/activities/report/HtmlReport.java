package io.imlab.activities.report;

import java.util.List;
import java.util.Locale;

/**
 * Small helpers for self-contained HTML reports: no scripts, no fonts, no network; charts are inline SVG.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The first {@code length} characters of a hash, escaped. */
    static String escape(String text, int length) {
        return escape(text == null || text.length() <= length ? text : text.substring(0, length));
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
                + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}.chance{color:#888;font-size:90%}"
                + ".failed{color:#b00020}code{background:#f5f5f5;padding:1px 3px}.ci{color:#777;font-size:80%;white-space:nowrap}th{white-space:nowrap}"
                + ".pos{color:#0a7d2c}.neg{color:#b00020}figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:4px}"
                + "h2{margin-top:1.6em;border-bottom:1px solid #ddd}p.note{color:#555;font-size:90%}</style></head>\n<body>\n"
                + body + "\n</body></html>\n";
    }

    /**
     * A line chart of (x, y) series as inline SVG.
     *
     * @param names one name per series
     * @param xs    x values of each series
     * @param ys    y values of each series, as long as its x values
     */
    static String lineChart(String title, List<String> names, List<double[]> xs, List<double[]> ys) {
        int width = 640;
        int height = 260;
        int left = 50;
        int bottom = 30;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int s = 0; s < xs.size(); s++) {
            for (int i = 0; i < xs.get(s).length; i++) {
                minX = Math.min(minX, xs.get(s)[i]);
                maxX = Math.max(maxX, xs.get(s)[i]);
                minY = Math.min(minY, ys.get(s)[i]);
                maxY = Math.max(maxY, ys.get(s)[i]);
            }
        }
        if (minX > maxX) {
            return "<p>(no data for " + escape(title) + ")</p>";
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        String[] colors = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                left, height - bottom, width - 10, height - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                left, left, height - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-size=\"11\">%.2f</text>", maxY));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%.2f</text>", height - bottom, minY));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.0f</text>", left, height - 10, minX));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f</text>",
                width - 10, height - 10, maxX));
        for (int s = 0; s < xs.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.get(s).length; i++) {
                double px = left + (xs.get(s)[i] - minX) / (maxX - minX) * (width - left - 10);
                double py = (height - bottom) - (ys.get(s)[i] - minY) / (maxY - minY) * (height - bottom - 10);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            String color = colors[s % colors.length];
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    width - 200, 20 + 14 * s, color, escape(names.get(s))));
        }
        svg.append("</svg>");
        return "<figure><figcaption>" + escape(title) + "</figcaption>" + svg + "</figure>";
    }

    /** A grouped bar chart with whiskers and dashed reference markers, as inline SVG (same layout as {@link ChartPng}). */
    static String barChart(BarChart chart) {
        int width = 900;
        int height = 360;
        int left = 50;
        int right = 220;
        int top = 20;
        int bottom = 44;
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        double yMax = chart.yMax();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(escape(chart.title())).append("\">");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        for (double value = 0; value <= yMax + 1e-9; value += chart.tickStep()) {
            double y = top + plotHeight - value / yMax * plotHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>",
                    left, y, left + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f</text>",
                    left - 6, y + 4, value));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                left, top + plotHeight, left + plotWidth, top + plotHeight));
        int groups = chart.groups().size();
        int series = chart.series().size();
        double groupWidth = chart.groupWidth(plotWidth);
        double barWidth = chart.barWidth(plotWidth);
        for (int g = 0; g < groups; g++) {
            double groupLeft = chart.groupLeft(g, left, plotWidth);
            for (int s = 0; s < series; s++) {
                double value = chart.values()[s][g];
                double x = groupLeft + s * barWidth;
                if (!Double.isNaN(value)) {
                    double barHeight = Math.max(0, value) / yMax * plotHeight;
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %.1f</title></rect>",
                            x + 1, top + plotHeight - barHeight, Math.max(1, barWidth - 2), barHeight, BarChart.color(s),
                            escape(chart.series().get(s)), escape(chart.groups().get(g)), value));
                }
                double low = chart.low()[s][g];
                double high = chart.high()[s][g];
                if (!Double.isNaN(low) && !Double.isNaN(high)) {
                    double cx = x + barWidth / 2;
                    double y1 = top + plotHeight - low / yMax * plotHeight;
                    double y2 = top + plotHeight - Math.min(high, yMax) / yMax * plotHeight;
                    svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fh6M%.1f %.1fh6\" stroke=\"#222\" fill=\"none\"/>",
                            cx, y1, y2, cx - 3, y1, cx - 3, y2));
                }
            }
            double reference = chart.reference()[g];
            if (!Double.isNaN(reference)) {
                double y = top + plotHeight - reference / yMax * plotHeight;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                        groupLeft, y, groupLeft + groupWidth * 0.8, y));
            }
            List<String> lines = BarChart.wrap(chart.groups().get(g), groupWidth, 6.5);
            for (int line = 0; line < lines.size(); line++) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                        left + g * groupWidth + groupWidth / 2, top + plotHeight + 15 + 13 * line, escape(lines.get(line))));
            }
        }
        int legendX = left + plotWidth + 20;
        for (int s = 0; s < series; s++) {
            int y = top + 10 + s * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    legendX, y - 10, BarChart.color(s)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                    legendX + 18, y, escape(chart.series().get(s))));
        }
        if (chart.hasReference()) {
            int y = top + 10 + series * 18;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                    legendX, y - 4, legendX + 12, y - 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                    legendX + 18, y, escape(chart.referenceLabel())));
        }
        svg.append("</svg>");
        return "<figure><figcaption>" + escape(chart.title()) + "</figcaption>" + svg + "</figure>\n";
    }
}
