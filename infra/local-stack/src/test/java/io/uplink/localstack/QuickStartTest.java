package io.uplink.localstack;

import io.uplink.localstack.provision.DemoTenant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {

    private static final QuickStart.Endpoints ENDPOINTS = new QuickStart.Endpoints("http://localhost:8080",
            "http://127.0.0.1:18090/webhooks", "http://127.0.0.1:19000", "jdbc:postgresql://127.0.0.1:15432/uplink",
            "localhost:40000", "127.0.0.1:16379", Path.of("/repo/.uplink-data"));

    @Test
    void showsTheGatewayTheKeyAndTheFourStepsOfAnUploadInOrder() {
        String text = QuickStart.render(ENDPOINTS, "upk_local_admin", new DemoTenant("demo", "upk_local_abc", "ep_1", "whsec_x"), List.of());

        assertThat(text)
                .contains("Gateway        http://localhost:8080")
                .contains("Console        http://localhost:8080/console")
                .contains("Admin key      upk_local_admin")
                .contains("API key        upk_local_abc")
                .contains("export UPLINK_KEY=upk_local_abc")
                .doesNotContain("Provisioning skipped");
        assertThat(text).containsSubsequence(
                "curl -sS -X POST \"$UPLINK/api/v1/uploads\"",
                "curl -sS -X PUT \"$UPLOAD_URL\" -H 'Content-Type: text/plain' --data-binary @hello.txt",
                "curl -sS -X POST \"$UPLINK/api/v1/uploads/$UPLOAD_ID/complete\"",
                "curl -sS \"$UPLINK/api/v1/files\"");
    }

    @Test
    void withoutAKeyItSaysWhyAndLeavesAPlaceholder() {
        String text = QuickStart.render(ENDPOINTS, "upk_local_admin", new DemoTenant("demo", null, null, null),
                List.of("create tenant: POST … answered 404 - that API isn't available yet, skipped"));

        assertThat(text)
                .contains("API key        (none: demo tenant not provisioned, see below)")
                .contains("export UPLINK_KEY=<your API key>")
                .contains("Provisioning skipped steps:")
                .contains("answered 404");
    }

    @Test
    void theUploadRequestDeclaresTheFilesRealSizeAndTypeAsThePresignedPutSignsThem() {
        String text = QuickStart.render(ENDPOINTS, null, null, List.of());

        assertThat(text).contains("\\\"contentType\\\":\\\"text/plain\\\"")
                .contains("\\\"size\\\":$(wc -c < hello.txt | tr -d ' ')");
    }
}
