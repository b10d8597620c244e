package dev.infergate.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BarChartTest {

    @Test
    void writesAPngWithARowOfBarsPerCategory(@TempDir Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path file = dir.resolve("chart.png");

        new BarChart("Throughput", "req/s", List.of("HTTP/1.1", "h2c"), List.of("nginx", "infergate"),
                List.of(List.of(30_000.0, 28_000.0), List.of(9_000.0, Double.NaN))).writePng(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isGreaterThan(100);
    }
}
