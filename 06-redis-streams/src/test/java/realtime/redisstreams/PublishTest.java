package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

@Tag("step-1")
@DisplayName("Step 1 — Publish messages to a bounded stream")
class PublishTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private String key;

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        key = redis.key("chat");
    }

    @Test
    @DisplayName("a published message reads back with its user, message and messageId")
    void roundTrip() {
        ChatStream chat = new ChatStream(redis.client, key, 100);

        String id = chat.publish("ada", "hello", "m-1");

        List<StreamEntry> entries = redis.client.xrange(key, "-", "+");
        assertThat(entries)
                .as("Step 1: after one publish, XRANGE %s - + must return one entry. See ChatStream.publish.", key)
                .hasSize(1);
        StreamEntry entry = entries.get(0);
        assertThat(entry.getID().toString())
                .as("Step 1: publish must return the id XADD assigned")
                .isEqualTo(id);
        assertThat(entry.getFields())
                .as("Step 1: the entry's fields must be user, message and messageId. See ChatStream.publish.")
                .containsEntry("user", "ada")
                .containsEntry("message", "hello")
                .containsEntry("messageId", "m-1");
    }

    @Test
    @DisplayName("each publish gets a larger id than the one before")
    void idsIncrease() {
        ChatStream chat = new ChatStream(redis.client, key, 100);

        StreamEntryID first = new StreamEntryID(chat.publish("ada", "one", "m-1"));
        StreamEntryID second = new StreamEntryID(chat.publish("ada", "two", "m-2"));

        assertThat(second)
                .as("Step 1: let Redis assign ids with \"*\"; a later entry must get a larger id. See ChatStream.publish.")
                .isGreaterThan(first);
    }

    @Test
    @DisplayName("trimming keeps the stream near its maximum length")
    void trimmingKeepsStreamBounded() {
        long maxLength = 50;
        ChatStream chat = new ChatStream(redis.client, key, maxLength);

        String last = null;
        for (int i = 0; i < 500; i++) {
            last = chat.publish("ada", "message " + i, "m-" + i);
        }

        long length = redis.client.xlen(key);
        // MAXLEN ~ trims whole nodes of at most 100 entries (stream-node-max-entries), so the
        // stream may hold up to about one node more than asked, never fewer.
        assertThat(length)
                .as("Step 1: 500 publishes with a maximum of %d must leave a bounded stream (XADD … MAXLEN ~ %d), got XLEN %d. See ChatStream.publish.",
                        maxLength, maxLength, length)
                .isBetween(maxLength, maxLength + 100);
        assertThat(redis.client.xrevrange(key, "+", "-", 1).get(0).getID().toString())
                .as("Step 1: trimming must drop the oldest entries and keep the newest")
                .isEqualTo(last);
    }

    @Test
    @DisplayName("a missing or blank field is rejected and nothing is appended")
    void rejectsMissingFields() {
        ChatStream chat = new ChatStream(redis.client, key, 100);

        assertThatThrownBy(() -> chat.publish(" ", "hello", "m-1"))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("user");
        assertThatThrownBy(() -> chat.publish("ada", null, "m-1"))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("message");
        assertThatThrownBy(() -> chat.publish("ada", "hello", ""))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("messageId");
        assertThatThrownBy(() -> chat.publish("ada", "x".repeat(ChatStream.MAX_MESSAGE_LENGTH + 1), "m-1"))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("message");

        assertThat(redis.client.exists(key))
                .as("Rejected messages must not reach the stream")
                .isFalse();
    }
}
