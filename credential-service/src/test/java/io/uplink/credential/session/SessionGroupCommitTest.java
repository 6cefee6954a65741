package io.uplink.credential.session;

import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.web.ServiceUnavailableException;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** New sessions are written in groups, but every caller returns only once its own row is committed. */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class SessionGroupCommitTest {

    @Autowired
    SessionGroupCommit groupCommit;

    @Autowired
    UploadSessionRepository repository;

    @Test
    void everyConcurrentInsertIsCommittedWhenItReturns() throws Exception {
        String tenant = "group-commit-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<UploadSession>> inserted = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                UploadSession session = session(tenant, "file-" + i + ".jpg");
                inserted.add(clients.submit(() -> {
                    groupCommit.insert(session);
                    // read back on the caller's thread right away: the row must already be visible
                    assertThat(repository.find(tenant, session.uploadId())).contains(session);
                    return session;
                }));
            }
            for (Future<UploadSession> future : inserted) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void aBatchStoresEveryFieldVerbatim() {
        String tenant = "group-verbatim-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> awkward = List.of("plain.jpg", "quote\"s 'and' back\\slash.png", "{braces},commas,NULL",
                "NULL", "ünïcödé 漢字 😀.txt", " leading and trailing ", "tab\tnew\nline", "");
        List<UploadSession> batch = new ArrayList<>();
        for (int i = 0; i < awkward.size(); i++) {
            String text = awkward.get(i);
            UUID id = UUID.randomUUID();
            boolean multipart = i % 2 == 1;
            batch.add(new UploadSession(id, tenant, "bucket-" + i, "tenants/" + tenant + "/" + id + "/" + text,
                    multipart ? UploadMethod.MULTIPART : UploadMethod.PUT, text, "text/plain; charset=\"utf-8\"",
                    i + 1L, multipart ? null : "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
                    i == 0 ? Map.of() : Map.of("note", text, "k" + i, "{\"json\": [1, 2]}"),
                    multipart ? "mpu-" + text : null, multipart ? 5_242_880L : null, multipart ? 3 : null,
                    UploadSession.Status.PENDING, now.plusMillis(i), now.plus(Duration.ofMinutes(15)), null, null,
                    i % 3 != 0, "target-" + i));
        }

        repository.insertAll(batch);

        for (UploadSession session : batch) {
            assertThat(repository.find(tenant, session.uploadId())).contains(session);
        }
    }

    @Test
    void aSessionThatCannotBeStoredFailsOnlyItsOwnInsert() throws Exception {
        String tenant = "group-commit-" + UUID.randomUUID().toString().substring(0, 8);
        UploadSession original = session(tenant, "taken.jpg");
        groupCommit.insert(original);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> good = new ArrayList<>();
            // same object key as an existing session: violates the unique key, whichever batch it lands in
            UploadSession clash = withKey(session(tenant, "clash.jpg"), original.key());
            Future<?> clashing = clients.submit(() -> groupCommit.insert(clash));
            List<UploadSession> others = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                UploadSession other = session(tenant, "other-" + i + ".jpg");
                others.add(other);
                good.add(clients.submit(() -> groupCommit.insert(other)));
            }
            for (Future<?> future : good) {
                future.get();
            }
            assertThatThrownBy(clashing::get).hasCauseInstanceOf(DataAccessException.class);
            assertThat(repository.find(tenant, clash.uploadId())).isEmpty();
            for (UploadSession other : others) {
                assertThat(repository.find(tenant, other.uploadId())).contains(other);
            }
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheInsertInsteadOfLosingIt() throws Exception {
        var deadDatabase = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=1",
                "nobody", "nothing");
        var unreachable = new UploadSessionRepository(JdbcClient.create(deadDatabase), new JdbcTemplate(deadDatabase));
        var commit = new SessionGroupCommit(unreachable, new SessionWriteProperties(16, 1, Duration.ofSeconds(5)));
        try {
            assertThatThrownBy(() -> commit.insert(session("nowhere", "lost.jpg")))
                    .isInstanceOf(DataAccessException.class);
        } finally {
            commit.destroy();
        }
        assertThatThrownBy(() -> commit.insert(session("nowhere", "late.jpg")))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    private static UploadSession session(String tenant, String filename) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new UploadSession(id, tenant, "uplink-uploads", "tenants/" + tenant + "/" + id + "/" + filename,
                UploadMethod.PUT, filename, "image/jpeg", 1024, null, Map.of("album", "x"), null, null, null,
                UploadSession.Status.PENDING, now, now.plus(Duration.ofMinutes(15)), null, null, true, "default");
    }

    private static UploadSession withKey(UploadSession s, String key) {
        return new UploadSession(s.uploadId(), s.tenantId(), s.bucket(), key, s.method(), s.originalFilename(),
                s.contentType(), s.declaredSize(), s.checksumSha256(), s.metadata(), s.multipartUploadId(),
                s.partSize(), s.partCount(), s.status(), s.createdAt(), s.expiresAt(), s.completedAt(), s.etag(),
                s.exactSize(), s.storageTarget());
    }
}
