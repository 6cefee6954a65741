package io.uplink.metadata.storageevent;

import io.uplink.contracts.InvalidEventException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever a storage puts into a notification, the parser reads it or rejects it with an
 * {@link InvalidEventException}: any other exception would not be dead-lettered but retried for ever, holding up
 * its partition.
 */
class StorageEventParserPropertyTest {

    @Property(tries = 400)
    void anyValueInAnyFieldIsReadOrRejectedAsInvalidNeverAnotherFailure(@ForAll("fields") String field,
                                                                        @ForAll("jsonValues") String json) {
        Matcher value = Pattern.compile("\"" + Pattern.quote(field) + "\":(\"[^\"]*\"|[0-9]+|\\{[^{}]*\\})")
                .matcher(StorageEventParserTest.MINIO_PUT);
        assertThat(value.find()).as("field " + field + " in the sample").isTrue();
        String mutated = value.replaceFirst(Matcher.quoteReplacement("\"" + field + "\":" + json));

        Throwable failure = catchThrowable(() -> StorageEventParser.parse(mutated.getBytes(StandardCharsets.UTF_8)));

        assertThat(failure).as(mutated).satisfiesAnyOf(
                thrown -> assertThat(thrown).isNull(),
                thrown -> assertThat(thrown).isInstanceOf(InvalidEventException.class));
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("EventName", "eventTime", "eventName", "key", "size", "eTag", "contentType",
                "userMetadata", "X-Amz-Meta-Project", "sequencer", "name");
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "0", "-1", "1.5", "1e30", "-1e400", "true", "\"\"", "\"abc\"", "\"%zz\"",
                        "\"tenants/acme/x\"", "[]", "[1,{}]", "{}", "{\"a\":{}}", "{\"name\":[]}"),
                Arbitraries.strings().ofMaxLength(12).map(text -> "\"" + text.replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\""),
                Arbitraries.longs().map(String::valueOf));
    }
}
