package io.imlab.activities.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link BarChart} to PNG with Java2D on an off-screen image: no display, browser or network
 * (the JVM runs headless), so a report's main chart can be shown in a terminal or a README.
 */
public final class ChartPng {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 220;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;

    static {
        // An off-screen image needs no display; without this a JVM with DISPLAY set would try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartPng() {
    }

    /** The chart as PNG bytes. */
    public static byte[] render(BarChart chart) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(g, chart);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, BarChart chart) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double yMax = chart.yMax();
        // The title shrinks (down to 10 pt) to fit the image's width.
        int titleSize = 14;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, titleSize));
        while (titleSize > 10 && g.getFontMetrics().stringWidth(chart.title()) > WIDTH - 20) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --titleSize));
        }
        g.setColor(new Color(0x222222));
        g.drawString(chart.title(), 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (double value = 0; value <= yMax + 1e-9; value += chart.tickStep()) {
            int y = TOP + plotHeight - (int) Math.round(value / yMax * plotHeight);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(new Color(0x555555));
            String label = String.format(Locale.ROOT, "%.0f", value);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 4);
        }
        g.setColor(new Color(0x888888));
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);

        int groups = chart.groups().size();
        int series = chart.series().size();
        double groupWidth = chart.groupWidth(plotWidth);
        double barWidth = chart.barWidth(plotWidth);
        for (int gi = 0; gi < groups; gi++) {
            double groupLeft = chart.groupLeft(gi, LEFT, plotWidth);
            for (int s = 0; s < series; s++) {
                double value = chart.values()[s][gi];
                double x = groupLeft + s * barWidth;
                if (!Double.isNaN(value)) {
                    int barHeight = (int) Math.round(Math.max(0, value) / yMax * plotHeight);
                    g.setColor(Color.decode(BarChart.color(s)));
                    g.fillRect((int) Math.round(x + 1), TOP + plotHeight - barHeight, (int) Math.max(1, barWidth - 2), barHeight);
                }
                double low = chart.low()[s][gi];
                double high = chart.high()[s][gi];
                if (!Double.isNaN(low) && !Double.isNaN(high)) {
                    int cx = (int) Math.round(x + barWidth / 2);
                    int y1 = TOP + plotHeight - (int) Math.round(low / yMax * plotHeight);
                    int y2 = TOP + plotHeight - (int) Math.round(Math.min(high, yMax) / yMax * plotHeight);
                    g.setColor(new Color(0x222222));
                    g.drawLine(cx, y1, cx, y2);
                    g.drawLine(cx - 3, y1, cx + 3, y1);
                    g.drawLine(cx - 3, y2, cx + 3, y2);
                }
            }
            double reference = chart.reference()[gi];
            if (!Double.isNaN(reference)) {
                int y = TOP + plotHeight - (int) Math.round(reference / yMax * plotHeight);
                g.setColor(new Color(0x444444));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
                g.drawLine((int) Math.round(groupLeft), y, (int) Math.round(groupLeft + groupWidth * 0.8), y);
                g.setStroke(new BasicStroke(1f));
            }
            g.setColor(new Color(0x222222));
            List<String> lines = BarChart.wrap(chart.groups().get(gi), groupWidth, 6.5);
            for (int line = 0; line < lines.size(); line++) {
                String label = lines.get(line);
                g.drawString(label, (int) Math.round(LEFT + gi * groupWidth + groupWidth / 2 - metrics.stringWidth(label) / 2.0),
                        TOP + plotHeight + 16 + 13 * line);
            }
        }
        int legendX = LEFT + plotWidth + 20;
        for (int s = 0; s < series; s++) {
            int y = TOP + 10 + s * 18;
            g.setColor(Color.decode(BarChart.color(s)));
            g.fillRect(legendX, y - 10, 12, 12);
            g.setColor(new Color(0x222222));
            g.drawString(chart.series().get(s), legendX + 18, y);
        }
        if (chart.hasReference()) {
            int y = TOP + 10 + series * 18;
            g.setColor(new Color(0x444444));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(legendX, y - 4, legendX + 12, y - 4);
            g.setStroke(new BasicStroke(1f));
            g.drawString(chart.referenceLabel(), legendX + 18, y);
        }
    }
}
