package io.uplink.localstack;

import io.uplink.localstack.provision.DemoTenant;

import java.nio.file.Path;
import java.util.List;

/**
 * The text printed once the stack is up: where things are, the first admin key, the demo tenant's API key, and a
 * complete upload with curl.
 */
public final class QuickStart {

    private QuickStart() {
    }

    public record Endpoints(String gatewayUrl, String receiverUrl, String s3Url, String postgresJdbcUrl,
                            String kafkaBootstrap, String redis, Path dataDirectory) {
    }

    public static String render(Endpoints endpoints, String adminKey, DemoTenant tenant, List<String> provisioningNotes) {
        String apiKey = tenant == null || tenant.apiKey() == null ? null : tenant.apiKey();
        StringBuilder text = new StringBuilder();
        text.append("""

                ================================================================================
                 Uplink is running                                           (Ctrl-C stops it)
                ================================================================================
                 Gateway        %s
                 Console        %s/console (sign in with either key)
                 Admin key      %s
                 API key        %s
                 Webhooks       demo tenant's deliveries are verified and logged by %s
                 Infrastructure postgres %s | kafka %s | s3 %s | redis %s
                 Data and logs  %s
                """.formatted(endpoints.gatewayUrl(), endpoints.gatewayUrl(),
                adminKey == null ? "(none)" : adminKey + " (first admin; rotate it in the console)",
                apiKey == null ? "(none: demo tenant not provisioned, see below)" : apiKey,
                endpoints.receiverUrl(), endpoints.postgresJdbcUrl(), endpoints.kafkaBootstrap(), endpoints.s3Url(),
                endpoints.redis(), endpoints.dataDirectory()));
        if (!provisioningNotes.isEmpty()) {
            text.append("\n Provisioning skipped steps:\n");
            provisioningNotes.forEach(note -> text.append("   - ").append(note).append('\n'));
        }
        text.append("""

                 Quick start: a complete upload (bash; the JSON is picked apart with sed, jq works too)
                --------------------------------------------------------------------------------
                export UPLINK=%s
                export UPLINK_KEY=%s
                printf 'hello, uplink\\n' > hello.txt

                # 1. ask for an upload credential (a presigned PUT)
                curl -sS -X POST "$UPLINK/api/v1/uploads" -H "Authorization: Bearer $UPLINK_KEY" \\
                  -H 'Content-Type: application/json' \\
                  -d "{\\"filename\\":\\"hello.txt\\",\\"contentType\\":\\"text/plain\\",\\"size\\":$(wc -c < hello.txt | tr -d ' ')}" | tee upload.json
                UPLOAD_ID=$(sed -n 's/.*"uploadId" *: *"\\([^"]*\\)".*/\\1/p' upload.json)
                UPLOAD_URL=$(sed -n 's/.*"url" *: *"\\([^"]*\\)".*/\\1/p' upload.json)

                # 2. upload the bytes straight to storage
                curl -sS -X PUT "$UPLOAD_URL" -H 'Content-Type: text/plain' --data-binary @hello.txt

                # 3. tell Uplink the upload is complete (it checks size and type in storage)
                curl -sS -X POST "$UPLINK/api/v1/uploads/$UPLOAD_ID/complete" -H "Authorization: Bearer $UPLINK_KEY"

                # 4. the file is recorded (and a file.created webhook reaches the demo receiver)
                curl -sS "$UPLINK/api/v1/files" -H "Authorization: Bearer $UPLINK_KEY"
                ================================================================================
                """.formatted(endpoints.gatewayUrl(), apiKey == null ? "<your API key>" : apiKey));
        return text.toString();
    }
}
