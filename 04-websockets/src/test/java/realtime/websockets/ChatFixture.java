package realtime.websockets;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import realtime.testkit.Cleanup;

/** Starts a chat server on a free loopback port for one test and connects clients to it. */
final class ChatFixture {

    static final String PAGE_ORIGIN = "http://localhost:7004";

    final Tokens tokens = new Tokens("test secret".getBytes(StandardCharsets.UTF_8));
    private final Cleanup cleanup;
    private final ChatServer server;

    private ChatFixture(Cleanup cleanup, ChatServer server) {
        this.cleanup = cleanup;
        this.server = server;
    }

    static ChatSettings settings() {
        return ChatSettings.defaults(Set.of(PAGE_ORIGIN));
    }

    static ChatFixture start(Cleanup cleanup) {
        return start(cleanup, settings());
    }

    static ChatFixture start(Cleanup cleanup, ChatSettings settings) {
        Tokens tokens = new Tokens("test secret".getBytes(StandardCharsets.UTF_8));
        ChatServer server = cleanup.add(ChatServer.start("127.0.0.1", 0, settings, tokens));
        return new ChatFixture(cleanup, server);
    }

    ChatServer server() {
        return server;
    }

    int port() {
        return server.getPort();
    }

    /** The chat endpoint with a valid token for the user. */
    URI uri(String user) {
        return URI.create("ws://127.0.0.1:" + port() + "/chat?token=" + tokens.issue(user));
    }

    ChatTestClient connect(String user) {
        return cleanup.add(ChatTestClient.connect(uri(user)));
    }

    /** Connects one client per user, all at once. */
    List<ChatTestClient> connectAll(List<String> users) {
        List<CompletableFuture<ChatTestClient>> connecting = users.stream().map(user -> ChatTestClient.connectAsync(uri(user))).toList();
        return connecting.stream().map(CompletableFuture::join).map(cleanup::add).toList();
    }

    /** A raw peer that completed the handshake for the user. */
    RawPeer raw(String user, int receiveBuffer) {
        RawPeer peer = cleanup.add(RawPeer.open(port(), "/chat?token=" + tokens.issue(user), null, receiveBuffer));
        if (peer.status() != 101) {
            throw new AssertionError("Expected the handshake of " + user + " to succeed with 101, got " + peer.response());
        }
        return peer;
    }
}
