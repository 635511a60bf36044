package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-4")
@DisplayName("Step 4 — Answer bad input and keep the connection")
class BadInputTest {

    private static final int MAX_MESSAGE_BYTES = 4096;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private ChatFixture chat;

    @BeforeEach
    void startServer() {
        chat = ChatFixture.start(cleanup, ChatFixture.settings().withMaxMessageBytes(MAX_MESSAGE_BYTES));
    }

    @ParameterizedTest(name = "{0} -> error on field {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "{\"type\":\"say\",\"room\":                  | none",
            "[1, 2, 3]                                    | none",
            "{\"type\":\"shout\",\"room\":\"lobby\"}      | type",
            "{\"room\":\"lobby\",\"text\":\"hi\"}         | type",
            "{\"type\":\"say\",\"text\":\"hi\"}           | room",
            "{\"type\":\"join\",\"room\":\"no spaces\"}   | room",
            "{\"type\":\"say\",\"room\":\"lobby\"}        | text",
            "{\"type\":\"join\",\"room\":\"lobby\",\"since\":-1} | since",
    })
    @DisplayName("bad input gets an error naming the field, and the connection stays open")
    void badInputGetsErrorAndStaysOpen(String input, String field) {
        ChatTestClient ann = chat.connect("ann");

        ann.send(input);

        JsonNode error = ann.awaitMessage("error", "Step 4: " + input + " must get an error message. See ChatRooms.reject");
        assertThat(error.path("field").isNull() ? null : error.path("field").asText())
                .as("Step 4: the error for %s must name the field %s, got %s. See ChatRooms.reject", input, field, error)
                .isEqualTo(field);
        assertThat(error.path("error").asText()).as("Step 4: the error says what is wrong: %s", error).isNotBlank();
        ann.joinAndWait("lobby");
        assertThat(ann.isClosed()).as("Step 4: bad input must not close the connection, got close %s", ann.closeCode()).isFalse();
    }

    @Test
    @DisplayName("a say in a room the client has not joined gets an error")
    void sayOutsideRoomGetsError() {
        ChatTestClient ann = chat.connect("ann");

        ann.say("lobby", "anyone?");

        JsonNode error = ann.awaitMessage("error", "Step 4: a say in a room ann has not joined must get an error");
        assertThat(error.path("field").asText()).as("Step 4: the error names the room field: %s", error).isEqualTo("room");
        assertThat(ann.messages("say")).as("Step 4: the say must not be published").isEmpty();
    }

    @Test
    @DisplayName("a binary frame closes the connection with 1003")
    void binaryFrameCloses1003() {
        ChatTestClient ann = chat.connect("ann");

        ann.sendBinary(new byte[] {1, 2, 3});

        await().alias("Step 4: a binary frame must close the connection with 1003. See ChatServer.rejectBinary")
                .until(() -> {
                    ann.failOnTodo();
                    return ann.isClosed();
                });
        assertThat(ann.closeCode()).as("Step 4: close code for a binary frame, reason %s", ann.closeReason()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }

    @Test
    @DisplayName("a message over the size limit closes the connection with 1009")
    void oversizedMessageCloses1009() {
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");

        ann.say("lobby", "x".repeat(MAX_MESSAGE_BYTES + 1));

        await().alias("Step 4: a message over " + MAX_MESSAGE_BYTES + " bytes must close with 1009").until(ann::isClosed);
        assertThat(ann.closeCode()).as("Step 4: close code for an oversized message, reason %s", ann.closeReason())
                .isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        assertThat(ann.messages("say")).as("Step 4: the oversized say must not be published").isEmpty();
    }

    @Test
    @DisplayName("a message just under the size limit is accepted")
    void messageUnderLimitAccepted() {
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        String text = "y".repeat(MAX_MESSAGE_BYTES - 100);

        ann.say("lobby", text);

        JsonNode say = ann.awaitMessage("say", "Step 4: a say under the size limit must be published");
        assertThat(say.path("text").asText()).isEqualTo(text);
    }
}
