package io.inferencegateway.testsupport.globus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/** Introspection answers shaped like Globus Auth's, built up one field at a time. */
public final class GlobusTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String ANL_IDP = "idp-anl-0000";
    public static final String GOOGLE_IDP = "idp-google-0000";
    public static final String GLOBUSID_IDP = "idp-globusid-0000";
    public static final String UCHICAGO_IDP = "idp-uchicago-0000";

    private final ObjectNode body = JSON.createObjectNode();

    private GlobusTokens() {
    }

    /**
     * An active token for the identity {@code sub} ({@code username} at {@code idp}), issued for the fake's client,
     * expiring at {@code exp}, whose session authenticated that identity.
     */
    public static GlobusTokens active(String sub, String username, String idp, Instant exp) {
        GlobusTokens token = new GlobusTokens();
        token.body.put("active", true)
                .put("scope", "https://auth.globus.org/scopes/" + FakeGlobusAuth.CLIENT_ID + "/action_all")
                .put("client_id", "native-app-client")
                .put("sub", sub)
                .put("username", username)
                .put("name", "Name of " + sub)
                .put("email", username)
                .put("iss", "https://auth.globus.org")
                .put("token_type", "Bearer")
                .put("iat", exp.getEpochSecond() - 172_800)
                .put("nbf", exp.getEpochSecond() - 172_800)
                .put("exp", exp.getEpochSecond());
        token.body.putArray("aud").add(FakeGlobusAuth.CLIENT_ID).add("inference_gateway");
        token.body.putArray("identity_set").add(sub);
        token.body.putArray("identity_set_detail");
        token.body.putObject("session_info").put("session_id", "session-1").putObject("authentications");
        token.body.putObject("policy_evaluations");
        return token.identity(sub, username, idp).authenticatedInSession(sub, idp);
    }

    /** A linked identity in {@code identity_set_detail}. */
    public GlobusTokens identity(String sub, String username, String idp) {
        body.withArray("identity_set_detail").addObject()
                .put("sub", sub)
                .put("username", username)
                .put("name", "Name of " + sub)
                .put("email", username)
                .put("identity_provider", idp)
                .put("identity_provider_display_name", "Display " + idp)
                .put("organization", "Org of " + idp)
                .put("status", "used");
        return this;
    }

    /** Adds the identity to the session's authentications. */
    public GlobusTokens authenticatedInSession(String identityId, String idp) {
        ((ObjectNode) body.at("/session_info/authentications")).putObject(identityId)
                .put("idp", idp).put("auth_time", 1_700_000_000L).putArray("amr").add("mfa");
        return this;
    }

    /** Empties the session's authentications (authenticated long ago, or through another app). */
    public GlobusTokens noSessionAuthentications() {
        ((ObjectNode) body.at("/session_info/authentications")).removeAll();
        return this;
    }

    /** The client the token was issued to ({@code client_id}); a service account's token names itself. */
    public GlobusTokens clientId(String clientId) {
        body.put("client_id", clientId);
        return this;
    }

    public GlobusTokens audience(String... audience) {
        body.putArray("aud").addAll(java.util.Arrays.stream(audience).map(JSON.getNodeFactory()::textNode)
                .toList());
        return this;
    }

    public GlobusTokens scope(String scope) {
        body.put("scope", scope);
        return this;
    }

    public GlobusTokens policy(String policyId, boolean evaluation) {
        ((ObjectNode) body.path("policy_evaluations")).putObject(policyId).put("evaluation", evaluation);
        return this;
    }

    public ObjectNode json() {
        return body.deepCopy();
    }
}
