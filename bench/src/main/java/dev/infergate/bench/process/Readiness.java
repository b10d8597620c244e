package dev.infergate.bench.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a URL answers 200 — for a proxy, that its route to the backend works end to end —
 * and fails fast, with the end of its output, when the process exits first.
 */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private Readiness() {
    }

    public static void await(URI url, Duration timeout, Launched process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!process.alive()) {
                throw new IllegalStateException(process.name() + " exited with status " + process.process().exitValue()
                        + " before answering " + url + "; its output ends with:\n" + process.logTail(30));
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "status " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
            LockSupport.parkNanos(100_000_000);
        }
        throw new IllegalStateException(process.name() + " did not answer " + url + " within " + timeout.toSeconds()
                + " s (last: " + last + "); its output ends with:\n" + process.logTail(30));
    }
}
