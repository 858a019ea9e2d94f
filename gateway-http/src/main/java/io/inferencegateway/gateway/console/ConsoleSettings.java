package io.inferencegateway.gateway.console;

import io.inferencegateway.access.User;
import java.util.function.Function;

/**
 * The console's one setting: the group whose members are operators ({@value #ADMIN_GROUP}, default
 * {@value #DEFAULT_ADMIN_GROUP}). An API key carries it when issued with {@code bin/admin keys create --groups}; a
 * Globus user when they belong to the Globus group of that id.
 */
public record ConsoleSettings(String adminGroup) {

    public static final String ADMIN_GROUP = "GATEWAY_CONSOLE_ADMIN_GROUP";
    public static final String DEFAULT_ADMIN_GROUP = "gateway-admins";

    public ConsoleSettings {
        if (adminGroup == null || adminGroup.isBlank()) {
            throw new IllegalArgumentException(ADMIN_GROUP + " must not be blank");
        }
        adminGroup = adminGroup.strip();
    }

    public static ConsoleSettings fromEnvironment(Function<String, String> environment) {
        String group = environment.apply(ADMIN_GROUP);
        return new ConsoleSettings(group == null || group.isBlank() ? DEFAULT_ADMIN_GROUP : group);
    }

    /** Whether {@code user} may see the operator's pages and manage keys. */
    public boolean isOperator(User user) {
        return user.groups().contains(adminGroup);
    }
}
