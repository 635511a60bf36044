package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("EventLog keeps a bounded history with increasing ids")
class EventLogTest {

    @Test
    @Tag("step-2")
    @DisplayName("numbers events from 1 and keeps only the newest")
    void numbersAndBoundsEvents() {
        EventLog log = new EventLog(3);

        for (int n = 1; n <= 5; n++) {
            log.append("price", "{\"n\":" + n + "}");
        }

        assertThat(log.latestId()).as("Step 2: the fifth event gets id 5. See EventLog.append.").isEqualTo(5);
        assertThat(log.snapshot()).extracting(SseEvent::id)
                .as("Step 2: a history of 3 keeps the 3 newest events and drops the oldest. See EventLog.append.")
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    @Tag("step-3")
    @DisplayName("returns exactly the events after the id")
    void returnsEventsAfterId() {
        EventLog log = logWithIds(1, 5, 10);

        assertThat(log.after(3)).as("Step 3: after id 3 come 4 and 5. See EventLog.after.")
                .isEqualTo(new Replay.Missed(log.snapshot().subList(3, 5)));
        assertThat(log.after(5)).as("Step 3: a client at the newest id missed nothing")
                .isEqualTo(new Replay.Missed(List.of()));
    }

    @Test
    @Tag("step-3")
    @DisplayName("replays the whole history when the id is just before it")
    void replaysWholeHistoryAtBoundary() {
        EventLog log = logWithIds(3, 5, 3);

        assertThat(log.after(2)).as("Step 3: events 3 to 5 are kept, so a client at id 2 misses nothing. See EventLog.after.")
                .isEqualTo(new Replay.Missed(log.snapshot()));
    }

    @Test
    @Tag("step-3")
    @DisplayName("resets a client whose next event was dropped")
    void resetsWhenTooOld() {
        EventLog log = logWithIds(3, 5, 3);

        assertThat(log.after(1)).as("Step 3: event 2 was dropped, so a client at id 1 must reload. See EventLog.after.")
                .isEqualTo(new Replay.Reset(1, 3, 5));
    }

    @Test
    @Tag("step-3")
    @DisplayName("resets a client whose id was never issued")
    void resetsWhenFromTheFuture() {
        EventLog log = logWithIds(1, 2, 10);

        assertThat(log.after(7)).as("Step 3: id 7 was never issued (the server lost its state), so the client must reload")
                .isEqualTo(new Replay.Reset(7, 1, 2));
    }

    @Test
    @Tag("step-3")
    @DisplayName("resets any id on an empty history")
    void resetsOnEmptyHistory() {
        EventLog log = new EventLog(10);

        assertThat(log.after(0)).as("Step 3: id 0 on an empty history means nothing was missed").isEqualTo(new Replay.Missed(List.of()));
        assertThat(log.after(4)).as("Step 3: id 4 on an empty history was never issued").isEqualTo(new Replay.Reset(4, 1, 0));
    }

    // A log holding ids first..last (earlier ones dropped), with the given capacity.
    private static EventLog logWithIds(int first, int last, int capacity) {
        EventLog log = new EventLog(capacity);
        List<SseEvent> events = new java.util.ArrayList<>();
        for (int id = 1; id <= last; id++) {
            events.add(new SseEvent(id, "price", "{\"n\":" + id + "}"));
        }
        log.restore(events.subList(first - 1, last));
        return log;
    }
}
