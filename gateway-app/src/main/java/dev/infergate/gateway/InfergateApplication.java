package dev.infergate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class InfergateApplication {

    public static void main(String[] args) {
        SpringApplication.run(InfergateApplication.class, args);
    }
}
