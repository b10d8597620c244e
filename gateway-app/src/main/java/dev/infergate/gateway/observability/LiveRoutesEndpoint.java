package dev.infergate.gateway.observability;

import dev.infergate.gateway.control.ConfigVersion;
import dev.infergate.gateway.control.LiveConfigurationService;
import dev.infergate.gateway.control.LiveConfigurationWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/routes}: the live configuration the gateway serves, read-only, with its
 * version. Changes go through the admin API; this view has no write operation.
 */
@Endpoint(id = "routes")
public final class LiveRoutesEndpoint {

    private final LiveConfigurationService service;
    private final LiveConfigurationWriter writer = new LiveConfigurationWriter();
    private final JsonMapper json = JsonMapper.builder().build();

    public LiveRoutesEndpoint(LiveConfigurationService service) {
        this.service = service;
    }

    @ReadOperation
    public Map<String, Object> routes() {
        ConfigVersion current = service.current();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("version", current.number());
        view.put("author", current.author());
        view.put("time", current.time().toString());
        view.put("contentHash", current.contentHash());
        view.put("document", json.convertValue(writer.document(current.configuration()), Map.class));
        return view;
    }
}
