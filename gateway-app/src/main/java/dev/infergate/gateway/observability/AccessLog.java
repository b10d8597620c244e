package dev.infergate.gateway.observability;

import dev.infergate.routing.core.usage.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.server.ServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON line per request on the {@code infergate.access} logger, formatted and written by a
 * thread of its own so the event loop neither waits on a log appender nor spends its time on JSON:
 * it only queues the (immutable) record. The hand-off is a bounded queue: when it is full
 * the line is dropped and {@code infergate.accesslog.dropped} counts it, rather than blocking
 * traffic. (Logback's async appender can also drop, but does not count what it drops.) The queue
 * is lock-free: an event loop offering a line never parks, even when the writer is taking one.
 *
 * <p>Headers are never logged: no {@code Authorization}, cookie or API key can appear; the path is
 * logged without its query string, the tenant only as a hash.
 */
public final class AccessLog implements RequestRecordListener, DisposableBean {

    public static final String LOGGER = "infergate.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final RequestRecord STOP = new RequestRecord(Instant.EPOCH, "stop", "stop", "stop", "stop", "GET", "/",
            0, "stop", 0, 0, 0, 0, 0, "stop", "stop", Usage.NONE);

    private final LinkedTransferQueue<RequestRecord> records = new LinkedTransferQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Counter dropped;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Thread writer;

    public AccessLog(int capacity, MeterRegistry registry) {
        this.capacity = capacity;
        this.dropped = Counter.builder("infergate.accesslog.dropped")
                .description("Access log lines dropped because the writer fell behind").register(registry);
        // Jackson builds serializers on first use under a lock: done here, not on an event loop.
        line(new RequestRecord(Instant.EPOCH, "warm", "warm", "warm", "warm", "GET", "/", 200, "2xx", 0, 0, 1, 1, 0,
                "warm", "warm", Usage.NONE));
        this.writer = new Thread(this::write, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onRecord(ServerWebExchange exchange, RequestRecord record) {
        if (!log.isInfoEnabled()) {
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        records.offer(record);
    }

    private String line(RequestRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", record.time().toString());
        fields.put("route", record.route());
        fields.put("destination", record.destination());
        fields.put("pool", record.pool());
        fields.put("endpoint", record.endpoint());
        fields.put("method", record.method());
        fields.put("path", record.path());
        fields.put("status", record.status());
        fields.put("outcome", record.outcome());
        fields.put("bytesIn", record.requestBytes());
        fields.put("bytesOut", record.responseBytes());
        fields.put("ttfbMs", record.firstByteNanos() < 0 ? null : record.firstByteNanos() / 1_000_000.0);
        fields.put("totalMs", record.totalNanos() / 1_000_000.0);
        fields.put("retries", record.retries());
        fields.put("tenant", record.tenantHash());
        fields.put("traceId", record.traceId());
        fields.put("model", record.usage().model());
        fields.put("tokensIn", record.usage().inputTokens().isPresent() ? record.usage().inputTokens().getAsLong() : null);
        fields.put("tokensOut", record.usage().outputTokens().isPresent() ? record.usage().outputTokens().getAsLong() : null);
        return json.writeValueAsString(fields);
    }

    private void write() {
        try {
            for (RequestRecord record; (record = records.take()) != STOP; ) {
                queued.decrementAndGet();
                log.info(line(record));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        records.offer(STOP);
        writer.join(TimeUnit.SECONDS.toMillis(2));
        writer.interrupt();
    }
}
