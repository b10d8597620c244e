package dev.infergate.gateway.security;

import dev.infergate.gateway.config.InfergateProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of the admin port: those configured (bcrypt hashes only) and the built-in
 * {@code admin} operator. Its password comes from {@code INFERGATE_ADMIN_PASSWORD} when set;
 * otherwise one is generated at first start, printed once, and only its hash is kept in the data
 * directory. No fixed default password exists.
 */
public final class AdminUsers {

    public static final String PASSWORD_VARIABLE = "INFERGATE_ADMIN_PASSWORD";
    public static final String OPERATOR = "OPERATOR";
    public static final String VIEWER = "VIEWER";
    static final String BUILT_IN = "admin";
    private static final String HASH_FILE = "admin-password.bcrypt";
    private static final Logger log = LoggerFactory.getLogger(AdminUsers.class);

    private AdminUsers() {
    }

    public static MapReactiveUserDetailsService create(List<InfergateProperties.User> configured, Path dataDirectory,
            PasswordEncoder encoder, UnaryOperator<String> environment) {
        List<UserDetails> users = new ArrayList<>();
        for (InfergateProperties.User user : configured) {
            if (!Set.of(OPERATOR, VIEWER).contains(user.role())) {
                throw new IllegalArgumentException("infergate.admin.users " + user.name() + ": role " + user.role()
                        + " (expected: OPERATOR or VIEWER)");
            }
            if (user.passwordHash() == null || !user.passwordHash().startsWith("$2")) {
                throw new IllegalArgumentException("infergate.admin.users " + user.name()
                        + ": password-hash must be a bcrypt hash ($2a$...), never a password in clear");
            }
            users.add(user(user.name(), user.passwordHash(), user.role()));
        }
        if (configured.stream().noneMatch(user -> user.name().equals(BUILT_IN))) {
            users.add(user(BUILT_IN, builtInHash(dataDirectory, encoder, environment), OPERATOR));
        }
        return new MapReactiveUserDetailsService(users);
    }

    private static UserDetails user(String name, String hash, String role) {
        String[] roles = role.equals(OPERATOR) ? new String[] {OPERATOR, VIEWER} : new String[] {VIEWER};
        return User.withUsername(name).password(hash).roles(roles).build();
    }

    private static String builtInHash(Path dataDirectory, PasswordEncoder encoder, UnaryOperator<String> environment) {
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return encoder.encode(fromEnvironment);
        }
        Path hashFile = dataDirectory.resolve(HASH_FILE);
        try {
            if (Files.isRegularFile(hashFile)) {
                return Files.readString(hashFile, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String hash = encoder.encode(password);
            Files.createDirectories(dataDirectory);
            Files.writeString(hashFile, hash + "\n", StandardCharsets.UTF_8);
            restrict(hashFile);
            log.warn("\n\n  Generated the admin password (shown once; only its hash is kept in {}):\n\n      admin / {}\n\n"
                    + "  Set {} to choose one instead.\n", hashFile.toAbsolutePath(), password, PASSWORD_VARIABLE);
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin password hash in " + hashFile.toAbsolutePath(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.debug("{} keeps the file system's default permissions", file);
        }
    }
}
