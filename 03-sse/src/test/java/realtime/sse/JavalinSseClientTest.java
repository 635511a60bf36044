package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

/**
 * Records what Javalin's own {@code SseClient.sendEvent} writes, which is why this module writes
 * its frames itself. If Javalin changes that, these tests fail.
 */
@Tag("step-2")
@DisplayName("Javalin's SseClient, read with a raw socket")
class JavalinSseClientTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("splits data lines but drops a trailing line break")
    void dropsTrailingLineBreak() {
        Javalin app = startWith("a\r\nb\n");

        RawSseConnection raw = cleanup.add(RawSseConnection.events(app.port()));

        assertThat(raw.awaitBodyContaining("\n\n"))
                .as("SseClient splits on every line ending, but writes no empty data line for the final break")
                .isEqualTo("id: 1\nevent: note\ndata: a\ndata: b\n\n");
    }

    @Test
    @DisplayName("returns an empty 200 without Accept: text/event-stream")
    void ignoresRequestWithoutAccept() {
        Javalin app = startWith("x");

        RawSseConnection raw = cleanup.add(RawSseConnection.open(app.port(), "/events"));

        assertThat(raw.awaitBody("the response ends", body -> raw.ended() || raw.head().contains("Content-Length: 0")))
                .as("NotificationServer responds with 406 and an explanation instead")
                .isEmpty();
        assertThat(raw.head()).startsWith("HTTP/1.1 200").doesNotContain("text/event-stream");
    }

    // An SseClient has no method for a retry: field, so the server above sends none.
    private Javalin startWith(String data) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.sse("/events", client -> client.sendEvent("note", data, "1"));
        });
        cleanup.add(app::stop);
        return app.start("127.0.0.1", 0);
    }
}
