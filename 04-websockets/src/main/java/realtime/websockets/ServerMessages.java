package realtime.websockets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;

/**
 * Builds the JSON a server sends. Room events carry {@code seq}, the position of the event in its
 * room; {@code ack}, {@code history}, {@code reset} and {@code error} go to one client only and
 * carry none of their own.
 */
public final class ServerMessages {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServerMessages() {
    }

    /** {@code {"type":"say","room":"lobby","seq":7,"user":"ann","text":"hi"}} */
    static ObjectNode say(String room, long seq, String user, String text) {
        ObjectNode json = event("say", room, seq);
        json.put("user", user);
        json.put("text", text);
        return json;
    }

    /**
     * {@code {"type":"presence","room":"lobby","seq":8,"user":"bob","event":"joined"}}. It names one
     * user, not the whole member list: with the list, n clients joining would cost n² names.
     */
    static ObjectNode presence(String room, long seq, String user, String change) {
        ObjectNode json = event("presence", room, seq);
        json.put("user", user);
        json.put("event", change);
        return json;
    }

    /** {@code {"type":"ack","room":"lobby","seq":7,"id":"m-3"}}: the say with this id was accepted as seq 7. */
    static String ack(String room, long seq, String id) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", "ack");
        json.put("room", room);
        json.put("seq", seq);
        if (id != null) {
            json.put("id", id);
        } else {
            json.putNull("id");
        }
        return write(json);
    }

    /**
     * {@code {"type":"history","room":"lobby","latest":9,"members":["ann","bob"],"messages":[...]}}:
     * who is in the room and the events a joining client missed.
     */
    static String history(String room, long latest, Collection<String> members, List<ObjectNode> events) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", "history");
        json.put("room", room);
        json.put("latest", latest);
        addMembers(json, members);
        json.putArray("messages").addAll(events);
        return write(json);
    }

    /**
     * {@code {"type":"reset","room":"lobby","since":3,"oldest":50,"latest":149,"members":[...],"messages":[...]}}:
     * the client asked to resume from a sequence that history no longer holds. It must drop its view
     * of the room and rebuild it from these members and messages.
     */
    static String reset(String room, long since, long oldest, long latest, Collection<String> members, List<ObjectNode> events) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", "reset");
        json.put("room", room);
        json.put("since", since);
        json.put("oldest", oldest);
        json.put("latest", latest);
        addMembers(json, members);
        json.putArray("messages").addAll(events);
        return write(json);
    }

    private static void addMembers(ObjectNode json, Collection<String> members) {
        ArrayNode list = json.putArray("members");
        members.forEach(list::add);
    }

    /** {@code {"type":"error","error":"Missing field room","field":"room"}}; field is null when the whole message is at fault. */
    public static String error(String message, String field) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", "error");
        json.put("error", message);
        if (field != null) {
            json.put("field", field);
        } else {
            json.putNull("field");
        }
        return write(json);
    }

    static String write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + json, e);
        }
    }

    private static ObjectNode event(String type, String room, long seq) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("type", type);
        json.put("room", room);
        json.put("seq", seq);
        return json;
    }
}
