package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static realtime.longpolling.LongPolls.answer;
import static realtime.longpolling.LongPolls.awaitWaiting;
import static realtime.longpolling.LongPolls.pollOnSocket;
import static realtime.longpolling.LongPolls.sendPoll;
import static realtime.longpolling.LongPolls.longWaits;
import static realtime.longpolling.LongPolls.poll;
import static realtime.longpolling.LongPolls.pollAsync;
import static realtime.longpolling.LongPolls.texts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Json;

@Tag("step-5")
@DisplayName("Step 5: the server limits and cleans up waiting polls")
class WaitingLimitsTest {

    private static final String STEP = "Step 5";

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("answers 503 with Retry-After once the waiting set is full")
    void fullWaitingSetIs503() {
        MessageServer server = LongPolls.start(cleanup, longWaits().withMaxWaitingPolls(2));
        List<CompletableFuture<LongPolls.Timed>> held = List.of(pollAsync(server, 0), pollAsync(server, 0));
        awaitWaiting(server, 2, STEP, held);

        HttpResponse<String> third = poll(server, 0);

        assertThat(third.statusCode())
                .as("Step 5: a third poll when 2 may wait must answer 503, got %d %s. See WaitingPolls.register.",
                        third.statusCode(), third.body())
                .isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After"))
                .as("Step 5: the 503 must say when to come back with a Retry-After header in seconds. "
                        + "See MessageServer's TooManyWaitingPollsException mapping.")
                .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(Json.parse(third.body()).path("message").asText()).as("Step 5: the 503 body's message").isNotBlank();
        assertThat(server.feed().waitingPolls())
                .as("Step 5: the turned-away poll must not join the waiting set")
                .isEqualTo(2);

        server.feed().publish("frees the set");
        held.forEach(poll -> assertThat(texts(answer(poll))).containsExactly("frees the set"));
    }

    @Test
    @DisplayName("accepts polls again once waiting polls were answered")
    void acceptsAgainAfterAnswers() {
        MessageServer server = LongPolls.start(cleanup, longWaits().withMaxWaitingPolls(1));
        CompletableFuture<LongPolls.Timed> first = pollAsync(server, 0);
        awaitWaiting(server, 1, STEP, List.of(first));
        assertThat(poll(server, 0).statusCode()).as("Step 5: the second poll must be turned away while one waits").isEqualTo(503);

        server.feed().publish("one");
        answer(first);
        CompletableFuture<LongPolls.Timed> again = pollAsync(server, 1);

        // The first poll is over, so the set has room again: this one must wait, not get 503.
        awaitWaiting(server, 1, STEP, List.of(again));
        server.feed().publish("two");
        assertThat(texts(answer(again))).containsExactly("two");
    }

    @Test
    @DisplayName("removes a waiting poll whose client disconnects")
    void disconnectRemovesPoll() throws IOException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        Socket socket = pollOnSocket(server, 0);
        awaitWaiting(server, 1, STEP, socket);

        socket.close();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.feed().waitingPolls())
                .as("Step 5: a poll whose client closed the connection must leave the waiting set within 5 s "
                        + "(its 20 s timeout has not passed). See PollHandler.forgetPoll.")
                .isZero());
    }

    @Test
    @DisplayName("keeps serving the rest after a client disconnects")
    void othersStillServedAfterDisconnect() throws IOException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        CompletableFuture<LongPolls.Timed> staying = pollAsync(server, 0);
        awaitWaiting(server, 1, STEP, List.of(staying));
        try (Socket leaving = pollOnSocket(server, 0)) {
            awaitWaiting(server, 2, STEP, leaving);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.feed().waitingPolls() == 1);

        server.feed().publish("still here");

        assertThat(texts(answer(staying)))
                .as("Step 5: the poll that stayed must still get the message after another client left")
                .containsExactly("still here");
    }

    @Test
    @DisplayName("serves poll after poll on one kept-alive connection")
    void connectionIsReused() throws IOException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        try (Socket socket = pollOnSocket(server, 0)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 1; i <= 3; i++) {
                if (i > 1) {
                    sendPoll(socket, i - 1);
                }
                awaitWaiting(server, 1, STEP, socket);
                server.feed().publish("message " + i);

                String statusLine = in.readLine();
                assertThat(statusLine)
                        .as("Step 5: held poll %d on a reused connection must be answered 200. "
                                + "Stop watching for a disconnect before the response is written. See PollHandler.", i)
                        .isEqualTo("HTTP/1.1 200 OK");
                skipResponse(in);
            }
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("stops the server promptly with polls waiting")
    void stopsWithPollsWaiting() {
        MessageServer server = MessageServer.start(longWaits(), 0);
        List<CompletableFuture<LongPolls.Timed>> held = List.of(pollAsync(server, 0), pollAsync(server, 0), pollAsync(server, 0));
        awaitWaiting(server, 3, STEP, held);

        long start = System.nanoTime();
        server.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopping)
                .as("Step 5: closing the server with 3 polls waiting must take well under their 20 s timeout, took %d ms",
                        stopping.toMillis())
                .isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(held)
                .as("Step 5: every waiting poll must end (answered or cut off) when the server stops")
                .allMatch(CompletableFuture::isDone));
    }

    // Reads the headers and the Content-Length body of one response.
    private static void skipResponse(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
    }
}
