package realtime.websockets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * One chat room: its members, its sequence counter and a bounded history of its events.
 *
 * <p>Every method holds the room's lock while it numbers an event, stores it and queues it to
 * each member. That one lock is what makes every member see the events in sequence order, and
 * what lets a joining client get its history and then the live events with nothing lost or
 * repeated in between. Queuing is cheap because each member's {@link Outbox} never blocks.
 */
final class Room {

    /** One numbered event as it was sent: a say or a presence change. */
    private record Event(long seq, ObjectNode json) {
    }

    private final String name;
    private final int historySize;
    private final Set<ChatSession> members = new LinkedHashSet<>();
    private final Deque<Event> history = new ArrayDeque<>();
    private long latestSeq;

    Room(String name, int historySize) {
        this.name = name;
        this.historySize = historySize;
    }

    /**
     * Adds a member. It gets the retained history, or with {@code since} only the events after
     * that sequence, before any live event.
     */
    synchronized void join(ChatSession session, Long since) throws BadMessageException {
        // >>> step 3: add the member, send it the room's history, then tell the room who joined
        if (members.contains(session)) {
            throw new BadMessageException("room", "Already a member of room " + name);
        }
        boolean firstOfUser = !hasMember(session.user());
        members.add(session);
        session.rooms().add(name);

        session.send(since == null ? ServerMessages.history(name, latestSeq, memberNames(), eventsAfter(0)) : catchUp(since));

        // A second tab of the same user joins silently: the room already lists that user.
        if (firstOfUser) {
            publish(seq -> ServerMessages.presence(name, seq, session.user(), "joined"));
        }
        // <<< step 3
    }

    /** Removes a member; returns false when it was not one. */
    synchronized boolean leave(ChatSession session) {
        // >>> step 3: remove the member and tell the room who left
        if (!members.remove(session)) {
            return false;
        }
        session.rooms().remove(name);

        if (!hasMember(session.user())) {
            publish(seq -> ServerMessages.presence(name, seq, session.user(), "left"));
        }
        return true;
        // <<< step 3
    }

    /** Publishes a say to every member and acknowledges it to its sender with its sequence number. */
    synchronized void say(ChatSession session, String text, String id) throws BadMessageException {
        // >>> step 3: publish the say to every member, then acknowledge it to the sender
        if (!members.contains(session)) {
            throw new BadMessageException("room", "Not a member of room " + name + ": join it first");
        }
        long seq = publish(next -> ServerMessages.say(name, next, session.user(), text));
        session.send(ServerMessages.ack(name, seq, id));
        // <<< step 3
    }

    // Numbers, stores and queues one event, built for its sequence number; the caller holds the lock.
    private long publish(LongFunction<ObjectNode> eventWithSeq) {
        // >>> step 3: number the event, keep it in the bounded history and queue it to every member
        long seq = ++latestSeq;
        ObjectNode event = eventWithSeq.apply(seq);
        history.addLast(new Event(seq, event));
        while (history.size() > historySize) {
            history.removeFirst();
        }

        String text = ServerMessages.write(event);
        for (ChatSession member : members) {
            // A member whose outbox dropped the event is closing; it leaves through ChatRooms.disconnect.
            member.send(text);
        }
        return seq;
        // <<< step 3
    }

    // Returns what a client that resumes after `since` needs: the events it missed, or a reset.
    private String catchUp(long since) {
        // >>> step 5: send the events after since, or a reset when history no longer holds them all
        long oldest = history.isEmpty() ? latestSeq + 1 : history.peekFirst().seq();

        // A client can be too far behind, or ahead: it saw sequences from before a server restart.
        if (since + 1 < oldest || since > latestSeq) {
            return ServerMessages.reset(name, since, oldest, latestSeq, memberNames(), eventsAfter(0));
        }
        return ServerMessages.history(name, latestSeq, memberNames(), eventsAfter(since));
        // <<< step 5
    }

    private List<ObjectNode> eventsAfter(long since) {
        return history.stream().filter(event -> event.seq() > since).map(Event::json).toList();
    }

    private boolean hasMember(String user) {
        return members.stream().anyMatch(member -> member.user().equals(user));
    }

    private List<String> memberNames() {
        return members.stream().map(ChatSession::user).distinct().sorted().toList();
    }
}
