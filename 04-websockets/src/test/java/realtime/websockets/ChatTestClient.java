package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import realtime.testkit.Http;
import realtime.testkit.Json;
import realtime.testkit.StepTodo;

/**
 * A test client on the JDK's own WebSocket client, so the servers are checked against code this
 * module did not write. It records every message it receives, parsed, and how the connection closed.
 */
final class ChatTestClient implements AutoCloseable {

    private final WebSocket socket;
    private final Recorder recorder;

    private ChatTestClient(WebSocket socket, Recorder recorder) {
        this.socket = socket;
        this.recorder = recorder;
    }

    static ChatTestClient connect(URI uri) {
        return connectAsync(uri).join();
    }

    /** Starts a connection; many can be under way at once. */
    static CompletableFuture<ChatTestClient> connectAsync(URI uri) {
        Recorder recorder = new Recorder();
        return Http.client().newWebSocketBuilder().buildAsync(uri, recorder).orTimeout(30, TimeUnit.SECONDS)
                .thenApply(socket -> new ChatTestClient(socket, recorder));
    }

    /** Sends one text frame; waits until the JDK client has written it. */
    synchronized ChatTestClient send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    synchronized ChatTestClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    ChatTestClient join(String room) {
        return send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
    }

    ChatTestClient join(String room, long since) {
        return send("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":" + since + "}");
    }

    ChatTestClient leave(String room) {
        return send("{\"type\":\"leave\",\"room\":\"" + room + "\"}");
    }

    ChatTestClient say(String room, String text) {
        return send(Json.mapper().createObjectNode().put("type", "say").put("room", room).put("text", text).toString());
    }

    /** Joins a room and waits for its history, so later events are sure to reach this client. */
    ChatTestClient joinAndWait(String room) {
        int before = recorder.count("history");
        join(room);
        await().untilAsserted(() -> {
            failOnTodo();
            assertThat(recorder.count("history"))
                    .as(() -> "a history after joining " + room + "; received so far: " + lastFew() + ", close code " + closeCode())
                    .isGreaterThan(before);
        });
        return this;
    }

    List<JsonNode> messages() {
        return recorder.snapshot();
    }

    /** How many messages arrived, without parsing them. */
    int received() {
        return recorder.size();
    }

    List<JsonNode> messages(String type) {
        return recorder.snapshot().stream().filter(message -> type.equals(message.path("type").asText())).toList();
    }

    /** Waits for a message of the type that matches, and returns the first. */
    JsonNode awaitMessage(String type, Predicate<JsonNode> matching, String whatWeWaitFor) {
        List<JsonNode> found = new ArrayList<>();
        await().alias(whatWeWaitFor + "; received so far: " + lastFew()).until(() -> {
            failOnTodo();
            messages(type).stream().filter(matching).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    JsonNode awaitMessage(String type, String whatWeWaitFor) {
        return awaitMessage(type, message -> true, whatWeWaitFor);
    }

    /** Throws the step's TODO when the server answered with one. */
    void failOnTodo() {
        for (JsonNode message : messages("error")) {
            StepTodo.find(message.path("error").asText(), null).ifPresent(todo -> {
                throw todo;
            });
        }
    }

    String lastFew() {
        List<JsonNode> all = messages();
        return all.subList(Math.max(0, all.size() - 3), all.size()).toString();
    }

    boolean isClosed() {
        return recorder.closeCode != null;
    }

    Integer closeCode() {
        return recorder.closeCode;
    }

    String closeReason() {
        return recorder.closeReason;
    }

    /** Ends the TCP connection with no close frame, as a lost network would. */
    void abort() {
        socket.abort();
    }

    /** The sequence numbers of the room events received live or in a history, in arrival order. */
    List<Long> seqs(String room) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode message : messages()) {
            if (!message.path("room").asText().equals(room)) {
                continue;
            }
            String type = message.path("type").asText();
            if (type.equals("history") || type.equals("reset")) {
                message.path("messages").forEach(event -> seqs.add(event.path("seq").asLong()));
            } else if (type.equals("say") || type.equals("presence")) {
                seqs.add(message.path("seq").asLong());
            }
        }
        return seqs;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test over").orTimeout(5, TimeUnit.SECONDS).exceptionally(error -> null).join();
        }
        socket.abort();
    }

    /**
     * Collects whole text messages; the JDK client may hand a message over in parts. Parsing waits
     * until a test reads the messages, so the client's one reading thread keeps up with a busy room.
     */
    private static final class Recorder implements WebSocket.Listener {

        private final List<String> received = new ArrayList<>();
        private final List<JsonNode> parsed = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile Integer closeCode;
        private volatile String closeReason;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                synchronized (this) {
                    received.add(message);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode = statusCode;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = String.valueOf(error);
            closeCode = CloseCodes.ABNORMAL;
        }

        synchronized List<JsonNode> snapshot() {
            for (int i = parsed.size(); i < received.size(); i++) {
                parsed.add(parseOrMark(received.get(i)));
            }
            return List.copyOf(parsed);
        }

        synchronized int size() {
            return received.size();
        }

        synchronized int count(String type) {
            return (int) snapshot().stream().filter(message -> type.equals(message.path("type").asText())).count();
        }

        // A message that is not JSON is kept as {"type":"unparseable","text":...}, so a test can show it.
        private static JsonNode parseOrMark(String text) {
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                return Json.mapper().createObjectNode().put("type", "unparseable").put("text", text);
            }
        }
    }
}
