package dev.infergate.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grouped horizontal bar chart drawn with Java2D (headless, no dependency): one group of bars
 * per category (a contender), one bar per series (e.g. HTTP/1.1 and h2c), each labelled with its
 * value. NaN values draw no bar.
 *
 * @param title the chart's title
 * @param unit the values' unit, shown on the axis
 * @param series the series' names, in bar order
 * @param categories the groups, top to bottom
 * @param values {@code values.get(category).get(series)}
 */
public record BarChart(String title, String unit, List<String> series, List<String> categories, List<List<Double>> values) {

    private static final Color[] PALETTE = {new Color(0x2F6DB5), new Color(0xE08A2E), new Color(0x3C9A5F), new Color(0x9B59B6)};
    private static final int WIDTH = 900;
    private static final int BAR = 18;
    private static final int LEFT = 150;
    private static final int RIGHT = 110;
    private static final int TOP = 60;

    public void writePng(Path file) {
        int groupHeight = series.size() * BAR + 14;
        int height = TOP + categories.size() * groupHeight + 50;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            draw(g, groupHeight, height);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void draw(Graphics2D g, int groupHeight, int height) {
        double max = values.stream().flatMap(List::stream).mapToDouble(Double::doubleValue)
                .filter(value -> !Double.isNaN(value)).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 16, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendX = 16;
        for (int s = 0; s < series.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(legendX, 36, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), legendX + 16, 46);
            legendX += 24 + g.getFontMetrics().stringWidth(series.get(s));
        }
        FontMetrics metrics = g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            int y = TOP + c * groupHeight;
            g.setColor(Color.BLACK);
            String label = categories.get(c);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + groupHeight / 2 + 2);
            for (int s = 0; s < series.size(); s++) {
                double value = values.get(c).get(s);
                if (Double.isNaN(value)) {
                    continue;
                }
                int width = (int) Math.round(Math.max(0, value) / max * plotWidth);
                int barY = y + s * BAR;
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(LEFT, barY, Math.max(1, width), BAR - 3);
                g.setColor(Color.DARK_GRAY);
                g.drawString(Numbers.format(value), LEFT + width + 4, barY + BAR - 6);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LEFT, TOP - 4, LEFT, height - 40);
        g.drawString("0", LEFT - 3, height - 24);
        String top = Numbers.format(max) + " " + unit;
        g.drawString(top, LEFT + plotWidth - metrics.stringWidth(top) / 2, height - 24);
    }
}
