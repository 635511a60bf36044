package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import redis.clients.jedis.params.XAddParams;

@Tag("step-2")
@DisplayName("Step 2 — Page through the history with XREVRANGE")
class HistoryTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private ChatStream chat;

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        chat = new ChatStream(redis.client, redis.key("chat"), 1_000);
    }

    @Test
    @DisplayName("the first page holds the newest messages, oldest first")
    void firstPageIsNewest() {
        List<String> ids = publish(5);

        ChatPage page = chat.page(null, 3);

        assertThat(idsOf(page))
                .as("Step 2: page(null, 3) of 5 messages must return the newest 3, oldest first. See ChatStream.page.")
                .containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(page.nextBefore())
                .as("Step 2: older messages exist, so nextBefore must be the id of the oldest message on the page")
                .isEqualTo(ids.get(2));
    }

    @Test
    @DisplayName("following nextBefore visits every message exactly once")
    void pagesCoverHistoryOnce() {
        List<String> ids = publish(25);

        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            ChatPage page = chat.page(before, 10);
            seen.addAll(0, idsOf(page));
            before = page.nextBefore();
            pages++;
        } while (before != null && pages < 10);

        assertThat(seen)
                .as("Step 2: paging back 10 at a time must return all 25 messages once, with no overlap: "
                        + "make the end of XREVRANGE exclusive with \"(\" + before. See ChatStream.page.")
                .containsExactlyElementsOf(ids);
        assertThat(pages)
                .as("Step 2: 25 messages in pages of 10 make 3 pages; the last page's nextBefore must be null")
                .isEqualTo(3);
    }

    @Test
    @DisplayName("a full last page still says there is nothing older")
    void exactMultipleEndsWithNull() {
        publish(4);

        ChatPage older = chat.page(chat.page(null, 2).nextBefore(), 2);

        assertThat(older.messages()).hasSize(2);
        assertThat(older.nextBefore())
                .as("Step 2: the page that reaches the first message must return nextBefore null, even when it is full")
                .isNull();
    }

    @Test
    @DisplayName("an empty or missing stream gives an empty page")
    void emptyStream() {
        ChatPage page = chat.page(null, 10);

        assertThat(page.messages()).as("Step 2: a missing stream has no messages").isEmpty();
        assertThat(page.nextBefore()).isNull();
    }

    @Test
    @DisplayName("an invalid cursor or page size is rejected")
    void rejectsBadInput() {
        assertThatThrownBy(() -> chat.page("yesterday", 10))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("before");
        assertThatThrownBy(() -> chat.page(null, 0))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("limit");
        assertThatThrownBy(() -> chat.page(null, ChatStream.MAX_PAGE_SIZE + 1))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("limit");
    }

    private List<String> publish(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(redis.client.xadd(chat.key(), XAddParams.xAddParams(), Map.of("user", "ada", "message", "message " + i, "messageId", "m-" + i)).toString());
        }
        return ids;
    }

    private static List<String> idsOf(ChatPage page) {
        return page.messages().stream().map(ChatMessage::id).toList();
    }
}
