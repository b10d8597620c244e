package dev.infergate.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one scenario set's results into {@code docs/benchmarks.md}, between the markers
 * {@code <!-- results:NAME:begin -->} and {@code <!-- results:NAME:end -->}; the rest of the page
 * (goals, method) stays as written. The markers must exist, so a results block never lands in an
 * unexpected place.
 */
public final class BenchmarksDoc {

    private BenchmarksDoc() {
    }

    public static void writeSection(Path doc, String set, String body) {
        try {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Files.writeString(doc, replaceSection(text, set, body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + doc, e);
        }
    }

    static String replaceSection(String text, String set, String body) {
        String begin = "<!-- results:" + set + ":begin -->";
        String end = "<!-- results:" + set + ":end -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("docs/benchmarks.md has no " + begin + " ... " + end + " block");
        }
        return text.substring(0, from + begin.length()) + "\n" + body.strip() + "\n" + text.substring(to);
    }
}
