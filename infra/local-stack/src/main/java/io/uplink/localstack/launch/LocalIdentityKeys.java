package io.uplink.localstack.launch;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's Ed25519 identity keys: fixed development keys, so that upload tokens and a restarted stack keep
 * working across runs. They are published here, which makes them worthless as secrets: never configure them in a
 * deployment (infra/docker/generate-env and infra/kubernetes/README.md generate real ones).
 */
public final class LocalIdentityKeys {

    public static final String GATEWAY_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIOzsCylEJi2yDmlj+iBt0KLtOHHXLo5XIs1AZ2AR1M9b";
    public static final String GATEWAY_PUBLIC_KEY = "MCowBQYDK2VwAyEAd5xihVw2SfZgDbiyxv1jKQx7D4WL0r1it2lBDLZEQE0=";
    public static final String CREDENTIAL_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEINoaPqxv+Q83VoM/YwVgnrNoKmgZfCl7awmiAubG2kP6";
    public static final String CREDENTIAL_PUBLIC_KEY = "MCowBQYDK2VwAyEAdfnfXVpEVs8mjmwcjb0K6ZRg1pUX8fs06jfLe5mdfis=";

    private LocalIdentityKeys() {
    }

    /** Signs as the local gateway: what the local stack provisions the demo with, talking to the services directly. */
    public static IdentityAssertionSigner gateway() {
        return new IdentityAssertionSigner(IdentityAssertion.ISSUER_GATEWAY, GATEWAY_PRIVATE_KEY);
    }

    /**
     * The identity environment of one service module, as docker-compose.yml sets it: each signer its own private key,
     * each verifier the public keys of the issuers it hears.
     */
    static Map<String, String> environmentOf(String module) {
        String gateway = "gateway=" + GATEWAY_PUBLIC_KEY;
        String credential = "credential=" + CREDENTIAL_PUBLIC_KEY;
        Map<String, String> environment = new LinkedHashMap<>();
        switch (module) {
            case "gateway-service" -> {
                environment.put("UPLINK_IDENTITY_PRIVATE_KEY", GATEWAY_PRIVATE_KEY);
                environment.put("UPLINK_IDENTITY_TRUSTED_KEYS", credential);
            }
            case "credential-service" -> {
                environment.put("UPLINK_IDENTITY_PRIVATE_KEY", CREDENTIAL_PRIVATE_KEY);
                environment.put("UPLINK_IDENTITY_TRUSTED_KEYS", gateway + "," + credential);
            }
            case "metadata-service" -> environment.put("UPLINK_IDENTITY_TRUSTED_KEYS", gateway + "," + credential);
            case "callback-service" -> environment.put("UPLINK_IDENTITY_TRUSTED_KEYS", gateway);
            default -> {
                // the console calls the API through the gateway with its users' credentials: no identity keys
            }
        }
        return environment;
    }
}
