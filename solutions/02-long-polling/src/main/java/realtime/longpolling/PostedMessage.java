package realtime.longpolling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the body of {@code POST /messages}: {@code {"text": "..."}}. */
final class PostedMessage {

    static final String TEXT = "text";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PostedMessage() {
    }

    /**
     * Returns the message text.
     *
     * @throws PayloadTooLargeException when the body has more than {@code maxBytes} bytes
     * @throws BadRequestException when the body is not a JSON object or its text is missing or blank
     */
    static String parseText(byte[] body, int maxBytes) {
        if (body.length > maxBytes) {
            // >>> step 4: reject a body over the size limit
            throw new PayloadTooLargeException(body.length, maxBytes);
            // <<< step 4
        }

        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Reading a byte array failed", e);
        }
        if (json == null || !json.isObject()) {
            // >>> step 4: reject a body that is not a JSON object
            throw new BadRequestException("body", "The body must be a JSON object such as {\"text\": \"hello\"}");
            // <<< step 4
        }

        JsonNode text = json.get(TEXT);
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            // >>> step 4: reject a message whose text is missing or blank
            throw new BadRequestException(TEXT, "text is required and must be a non-empty string");
            // <<< step 4
        }
        return text.asText();
    }
}
