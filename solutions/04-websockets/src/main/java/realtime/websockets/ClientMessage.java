package realtime.websockets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * A message from a client, parsed and checked. The wire format is one JSON object per text frame:
 * <pre>
 * {"type":"join",  "room":"lobby", "since":41}      since: the last sequence seen, to resume (optional)
 * {"type":"leave", "room":"lobby"}
 * {"type":"say",   "room":"lobby", "text":"hi", "id":"m-7"}   id: echoed in the ack (optional)
 * </pre>
 */
public record ClientMessage(Type type, String room, String text, String id, Long since) {

    public enum Type { JOIN, LEAVE, SAY }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int MAX_ID_LENGTH = 64;

    /** Parses one text frame; the exception names the field at fault. */
    public static ClientMessage parse(String frame) throws BadMessageException {
        JsonNode json;
        try {
            json = MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new BadMessageException(null, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new BadMessageException(null, "Expected a JSON object such as {\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
        }

        Type type = type(json);
        String room = room(json);
        return switch (type) {
            case JOIN -> new ClientMessage(type, room, null, null, since(json));
            case LEAVE -> new ClientMessage(type, room, null, null, null);
            case SAY -> new ClientMessage(type, room, text(json), id(json), null);
        };
    }

    private static Type type(JsonNode json) throws BadMessageException {
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadMessageException("type", "Missing field type: one of join, leave, say");
        }
        return switch (type.asText()) {
            case "join" -> Type.JOIN;
            case "leave" -> Type.LEAVE;
            case "say" -> Type.SAY;
            default -> throw new BadMessageException("type", "Unknown type " + type.asText() + ": use join, leave or say");
        };
    }

    private static String room(JsonNode json) throws BadMessageException {
        JsonNode room = json.get("room");
        if (room == null || !room.isTextual()) {
            throw new BadMessageException("room", "Missing field room");
        }
        if (!ROOM.matcher(room.asText()).matches()) {
            throw new BadMessageException("room", "Invalid room " + room.asText() + ": use 1 to 32 letters, digits, '_' or '-'");
        }
        return room.asText();
    }

    private static String text(JsonNode json) throws BadMessageException {
        JsonNode text = json.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadMessageException("text", "Missing field text: a say needs a non-empty text");
        }
        return text.asText();
    }

    private static String id(JsonNode json) throws BadMessageException {
        JsonNode id = json.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.asText().length() > MAX_ID_LENGTH) {
            throw new BadMessageException("id", "Invalid id: a string of at most " + MAX_ID_LENGTH + " characters");
        }
        return id.asText();
    }

    private static Long since(JsonNode json) throws BadMessageException {
        JsonNode since = json.get("since");
        if (since == null || since.isNull()) {
            return null;
        }
        if (!since.canConvertToLong() || !since.isIntegralNumber() || since.asLong() < 0) {
            throw new BadMessageException("since", "Invalid since " + since + ": the last sequence number seen, 0 or more");
        }
        return since.asLong();
    }
}
