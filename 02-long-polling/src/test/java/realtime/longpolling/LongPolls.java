package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;
import realtime.testkit.StepTodo;

/** Starts servers for the tests and sends them polls, some of which wait a long time. */
final class LongPolls {

    /** Longer than any poll timeout the tests configure, so the server always responds first. */
    static final Duration HELD_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A clock that never moves: every message is published in the same millisecond. */
    static final Clock FROZEN_CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private LongPolls() {
    }

    static MessageServer start(Cleanup cleanup, FeedSettings settings) {
        return cleanup.add(MessageServer.start(settings, 0));
    }

    static MessageServer start(Cleanup cleanup, FeedSettings settings, Clock clock) {
        return cleanup.add(MessageServer.start(settings, clock, 0));
    }

    /** Settings whose polls wait long enough that only a publish answers them within a test. */
    static FeedSettings longWaits() {
        return FeedSettings.defaults().withPollTimeout(Duration.ofSeconds(20));
    }

    /** A response and when it arrived, from {@link System#nanoTime()}. */
    record Timed(HttpResponse<String> response, long arrivedNanos) {
    }

    /** Sends {@code GET /messages?cursor=N} without waiting for the answer. */
    static CompletableFuture<Timed> pollAsync(MessageServer server, long cursor) {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/messages?cursor=" + cursor))
                .timeout(HELD_REQUEST_TIMEOUT)
                .GET()
                .build();
        return Http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Timed(response, System.nanoTime()));
    }

    /**
     * Waits until the server holds {@code expected} polls. Fails at once, with the answer, when one
     * of {@code polls} was answered although nothing was published: a TODO, or a poll that did not wait.
     */
    static void awaitWaiting(MessageServer server, int expected, String step, List<CompletableFuture<Timed>> polls) {
        await().failFast(step + ": a poll that should wait was answered at once", () -> {
            for (CompletableFuture<Timed> poll : polls) {
                if (poll.isDone()) {
                    HttpResponse<String> response = answer(poll);
                    throw new AssertionError(step + ": a poll with nothing to read must wait, but it was answered "
                            + response.statusCode() + " " + response.body() + ". See MessageFeed.waitForNext.");
                }
            }
        }).untilAsserted(() -> assertThat(server.feed().waitingPolls())
                .as("%s: expected %d poll(s) waiting for a message, %d are. See MessageFeed.waitForNext.",
                        step, expected, server.feed().waitingPolls())
                .isEqualTo(expected));
    }

    /**
     * Waits until the server holds {@code expected} polls, one of which was sent on {@code socket}.
     * Fails at once, with the answer, when the server answered on that socket instead.
     */
    static void awaitWaiting(MessageServer server, int expected, String step, Socket socket) {
        await().failFast(step + ": a poll that should wait was answered at once", () -> {
            InputStream in = socket.getInputStream();
            if (in.available() > 0) {
                String answer = new String(in.readNBytes(in.available()), StandardCharsets.UTF_8);
                throw new AssertionError(step + ": a poll with nothing to read must wait, but it was answered: "
                        + answer.replace("\r\n", " ") + ". See MessageFeed.waitForNext.");
            }
        }).untilAsserted(() -> assertThat(server.feed().waitingPolls())
                .as("%s: expected %d poll(s) waiting for a message, %d are. See MessageFeed.waitForNext.",
                        step, expected, server.feed().waitingPolls())
                .isEqualTo(expected));
    }

    /** Sends {@code GET /messages?cursor=N} over a plain socket, to control the connection. */
    static Socket pollOnSocket(MessageServer server, long cursor) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout((int) HELD_REQUEST_TIMEOUT.toMillis());
        sendPoll(socket, cursor);
        return socket;
    }

    static void sendPoll(Socket socket, long cursor) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /messages?cursor=" + cursor + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Waits for a poll's answer, turning a "TODO step N" 500 into a {@link StepTodo}. */
    static HttpResponse<String> answer(CompletableFuture<Timed> poll) {
        try {
            return failOnTodo(poll.join().response());
        } catch (CompletionException e) {
            throw new AssertionError("The poll failed: " + e.getCause(), e.getCause());
        }
    }

    /** Sends a poll and waits for its answer. */
    static HttpResponse<String> poll(MessageServer server, long cursor) {
        return answer(pollAsync(server, cursor));
    }

    static HttpResponse<String> publish(MessageServer server, String text) {
        String json = Json.mapper().createObjectNode().put("text", text).toString();
        return Http.postJson(server.uri("/messages"), json);
    }

    static HttpResponse<String> failOnTodo(HttpResponse<String> response) {
        if (response.statusCode() == 500) {
            StepTodo.find(response.body(), null).ifPresent(todo -> {
                throw todo;
            });
        }
        return response;
    }

    /** Returns the texts of the messages in a 200 response, in order. */
    static List<String> texts(HttpResponse<String> response) {
        List<String> texts = new ArrayList<>();
        for (JsonNode message : Json.parse(response.body()).path("messages")) {
            texts.add(message.path("text").asText());
        }
        return texts;
    }

    static List<Long> seqs(HttpResponse<String> response) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode message : Json.parse(response.body()).path("messages")) {
            seqs.add(message.path("seq").asLong());
        }
        return seqs;
    }

    static long cursorOf(HttpResponse<String> response) {
        JsonNode cursor = Json.parse(response.body()).path("cursor");
        assertThat(cursor.isIntegralNumber())
                .as("A 200 answer must carry the next cursor as a number, got: %s", response.body())
                .isTrue();
        return cursor.asLong();
    }

    static URI messagesUri(MessageServer server) {
        return server.uri("/messages");
    }
}
