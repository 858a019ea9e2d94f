package io.inferencegateway.adaptors.globus;

import java.util.Objects;

/** A Globus Auth confidential client (id and secret) that tasks are submitted as. */
public record Credentials(String clientId, String clientSecret) {

    public Credentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "Credentials[clientId=" + clientId + ", clientSecret=***]"; // keep the secret out of logs
    }
}
