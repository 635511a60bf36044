package realtime.websockets;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rooms of one chat server and the entry point for everything a client sends. Both servers
 * call {@link #handle} for each text message and {@link #disconnect} when a connection ends.
 */
public final class ChatRooms {

    // NOTE: rooms are never removed, so a client that joins many names grows this map. A public
    // server caps the number of rooms or expires empty ones after their history is no longer needed.
    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final int historySize;

    public ChatRooms(int historySize) {
        this.historySize = historySize;
    }

    /** Handles one text message of a client. Bad input gets an error message; the connection stays open. */
    public void handle(ChatSession session, String frame) {
        session.heard();
        try {
            dispatch(session, ClientMessage.parse(frame));
        } catch (BadMessageException e) {
            reject(session, e);
        }
    }

    /** Leaves every room the session joined, telling each room. Runs once per session, however often it is called. */
    public void disconnect(ChatSession session) {
        if (!session.markGone()) {
            return;
        }
        for (String name : List.copyOf(session.rooms())) {
            Room room = rooms.get(name);
            if (room != null) {
                room.leave(session);
            }
        }
    }

    private void dispatch(ChatSession session, ClientMessage message) throws BadMessageException {
        Room room = rooms.computeIfAbsent(message.room(), name -> new Room(name, historySize));
        switch (message.type()) {
            case JOIN -> {
                room.join(session, message.since());
                // A close that ran while this join did may have missed the room: leave it too.
                if (session.isGone()) {
                    room.leave(session);
                }
            }
            case LEAVE -> {
                if (!room.leave(session)) {
                    throw new BadMessageException("room", "Not a member of room " + message.room());
                }
            }
            case SAY -> room.say(session, message.text(), message.id());
        }
    }

    private void reject(ChatSession session, BadMessageException e) {
        throw new UnsupportedOperationException("TODO step 4: answer bad input with an error message that names the field, and keep the connection open");
    }
}
