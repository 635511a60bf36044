package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

/** The Javalin endpoint runs on the same classes as ChatServer, so each check belongs to the step that builds its part. */
@DisplayName("The Javalin endpoint")
class JavalinChatTest {

    private static final int MAX_MESSAGE_BYTES = 4096;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Tokens tokens = new Tokens("test secret".getBytes(StandardCharsets.UTF_8));
    private JavalinChat chat;

    @BeforeEach
    void startServer() {
        ChatSettings settings = ChatFixture.settings().withMaxMessageBytes(MAX_MESSAGE_BYTES);
        chat = cleanup.add(JavalinChat.start("127.0.0.1", 0, settings, tokens, new ChatRooms(settings.historySize()), 0));
    }

    @Nested
    @Tag("step-1")
    @DisplayName("Step 1 — Accept only allowed origins and valid tokens")
    class Handshake {

        @Test
        @DisplayName("Javalin upgrades a valid token from the page's origin with 101")
        void validTokenUpgraded() {
            assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=" + tokens.issue("ann"), 101);
        }

        @Test
        @DisplayName("Javalin answers a foreign Origin with 403")
        void foreignOriginForbidden() {
            assertStatus("https://evil.example", "/chat?token=" + tokens.issue("ann"), 403);
        }

        @Test
        @DisplayName("Javalin answers a missing or forged token with 401")
        void badTokenUnauthorized() {
            assertStatus(ChatFixture.PAGE_ORIGIN, "/chat", 401);
            assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=ann.forged", 401);
        }

        @Test
        @DisplayName("POST /token with an invalid name gets 400 naming the field")
        void invalidNameGets400() {
            HttpResponse<String> response = Http.postJson(uri("/token?name=no%20spaces"), "");

            assertThat(response.statusCode()).as("POST /token?name=no spaces must get 400, got %s", response.body()).isEqualTo(400);
            assertThat(response.body()).as("the error names the field").contains("name");
        }

        @Test
        @DisplayName("POST /token issues a token the chat accepts")
        void issuedTokenAccepted() {
            HttpResponse<String> response = Http.postJson(uri("/token?name=ann"), "");
            String token = Json.parse(response.body()).path("token").asText();

            assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=" + token, 101);
        }
    }

    @Nested
    @Tag("step-3")
    @DisplayName("Step 3 — Deliver messages to a room, in sequence")
    class Rooms {

        @Test
        @DisplayName("Javalin delivers a say to the room with its sequence number")
        void sayDelivered() {
            ChatTestClient ann = connect("ann").joinAndWait("lobby");
            ChatTestClient bob = connect("bob").joinAndWait("lobby");

            ann.say("lobby", "hello over Javalin");

            JsonNode say = bob.awaitMessage("say", "Step 3: bob must get ann's say over the Javalin endpoint. See Room.say");
            assertThat(say.path("text").asText()).isEqualTo("hello over Javalin");
            assertThat(say.path("seq").asLong()).as("Step 3: ann joined (1), bob joined (2), the say (3): %s", say).isEqualTo(3L);
        }
    }

    @Nested
    @Tag("step-4")
    @DisplayName("Step 4 — Answer bad input and keep the connection")
    class BadInput {

        @Test
        @DisplayName("Javalin answers malformed JSON with an error and stays open")
        void malformedJsonGetsError() {
            ChatTestClient ann = connect("ann");

            ann.send("{not json");

            ann.awaitMessage("error", "Step 4: malformed JSON must get an error message. See ChatRooms.reject");
            ann.joinAndWait("lobby");
        }

        @Test
        @DisplayName("Javalin closes a binary frame with 1003 and an oversized message with 1009")
        void binaryAndOversizedClosed() {
            ChatTestClient ann = connect("ann");
            ChatTestClient bob = connect("bob");

            ann.sendBinary(new byte[] {1, 2, 3});
            bob.send("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"" + "x".repeat(MAX_MESSAGE_BYTES) + "\"}");

            await().until(() -> ann.isClosed() && bob.isClosed());
            assertThat(ann.closeCode()).as("a binary frame closes with 1003, reason %s", ann.closeReason()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
            assertThat(bob.closeCode()).as("an oversized message closes with 1009, reason %s", bob.closeReason()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    private ChatTestClient connect(String user) {
        return cleanup.add(ChatTestClient.connect(URI.create("ws://127.0.0.1:" + chat.port() + "/chat?token=" + tokens.issue(user))));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + chat.port() + pathAndQuery);
    }

    private void assertStatus(String origin, String target, int expected) {
        try (RawPeer peer = RawPeer.open(chat.port(), target, origin)) {
            if (peer.status() == 500) {
                realtime.testkit.StepTodo.find(peer.readBody(), null).ifPresent(todo -> {
                    throw todo;
                });
            }
            assertThat(peer.status())
                    .as("Step 1: GET %s on the Javalin endpoint with Origin %s must get %s, got: %s. See HandshakeCheck.check.",
                            target.replaceAll("token=[^&]+", "token=..."), origin, expected, peer.response().lines().findFirst().orElse(""))
                    .isEqualTo(expected);
            if (expected == 101) {
                peer.closeHandshake();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
