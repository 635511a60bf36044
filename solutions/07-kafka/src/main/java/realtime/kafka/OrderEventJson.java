package realtime.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts order events to and from the JSON that the record values carry. */
public final class OrderEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderEventJson() {
    }

    public static String write(OrderEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write order event " + event + " as JSON", e);
        }
    }

    /**
     * Parses a record value.
     *
     * @throws InvalidOrderEventException when the value is not JSON or misses a required field;
     *                                    the message names the field
     */
    public static OrderEvent parse(String value) {
        if (value == null) {
            throw new InvalidOrderEventException("The record has no value (a tombstone); expected an order event", null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidOrderEventException("The record value is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidOrderEventException("The record value must be a JSON object, got: " + abbreviate(value), null);
        }
        return new OrderEvent(
                requiredText(node, "eventId"),
                requiredText(node, "orderId"),
                requiredNumber(node, "sequence"),
                requiredText(node, "status"),
                node.path("occurredAt").asLong(0));
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidOrderEventException("Field '" + field + "' is missing or not a non-empty string", null);
        }
        return value.asText();
    }

    private static long requiredNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new InvalidOrderEventException("Field '" + field + "' is missing or not a whole number", null);
        }
        return value.asLong();
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
