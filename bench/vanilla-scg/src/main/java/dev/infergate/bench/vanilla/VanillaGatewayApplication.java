package dev.infergate.bench.vanilla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as a user gets it from the starter, with the one route of
 * {@code application.yaml} to {@code bench.backend}. It holds no code of its own on purpose: it
 * is what Infergate's overhead is compared with.
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class VanillaGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(VanillaGatewayApplication.class, args);
    }
}
