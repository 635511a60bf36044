package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.StepTodo;

@Tag("step-1")
@DisplayName("Step 1 — Accept only allowed origins and valid tokens")
class HandshakeTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private ChatFixture chat;

    @BeforeEach
    void startServer() {
        chat = ChatFixture.start(cleanup);
    }

    @Test
    @DisplayName("a valid token from the page's origin is upgraded with 101")
    void allowedOriginAndTokenUpgrade() {
        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=" + chat.tokens.issue("ann"), 101);
    }

    @Test
    @DisplayName("a valid token with no Origin is upgraded: clients outside browsers send none")
    void noOriginIsUpgraded() {
        assertStatus(null, "/chat?token=" + chat.tokens.issue("ann"), 101);
    }

    @Test
    @DisplayName("a foreign Origin gets 403, even with a valid token")
    void foreignOriginForbidden() {
        assertStatus("https://evil.example", "/chat?token=" + chat.tokens.issue("ann"), 403);
        assertStatus("http://localhost:7004.evil.example", "/chat?token=" + chat.tokens.issue("ann"), 403);
    }

    @Test
    @DisplayName("a missing token gets 401")
    void missingTokenUnauthorized() {
        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat", 401);
        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=", 401);
    }

    @Test
    @DisplayName("a forged or foreign token gets 401")
    void invalidTokenUnauthorized() {
        String annToken = chat.tokens.issue("ann");
        String forged = "bob" + annToken.substring(annToken.indexOf('.'));
        String otherSecret = new Tokens("another secret".getBytes()).issue("ann");

        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=" + forged, 401);
        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=" + otherSecret, 401);
        assertStatus(ChatFixture.PAGE_ORIGIN, "/chat?token=not-a-token", 401);
    }

    @Test
    @DisplayName("the upgraded connection belongs to the token's user")
    void sessionBelongsToTokenUser() throws IOException {
        try (RawPeer peer = RawPeer.open(chat.port(), "/chat?token=" + chat.tokens.issue("ann"), ChatFixture.PAGE_ORIGIN)) {
            failOnTodo(peer);

            await().untilAsserted(() -> assertThat(chat.server().sessionsOf("ann"))
                    .as("Step 1: after the handshake, the server must hold one session for user ann. See ChatServer.onOpen.")
                    .hasSize(1));
        }
    }

    private void assertStatus(String origin, String target, int expected) {
        try (RawPeer peer = RawPeer.open(chat.port(), target, origin)) {
            failOnTodo(peer);
            assertThat(peer.status())
                    .as("Step 1: GET %s with Origin %s must get %s, got: %s. See HandshakeCheck.check.",
                            target.replaceAll("token=[^&]+", "token=..."), origin, expected, peer.response().lines().findFirst().orElse(""))
                    .isEqualTo(expected);
            if (expected == 101) {
                peer.closeHandshake();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void failOnTodo(RawPeer peer) {
        if (peer.status() == 500) {
            StepTodo.find(peer.readBody(), null).ifPresent(todo -> {
                throw todo;
            });
        }
    }
}
