package ssechat.http;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body read strictly: at most 16 KiB, one JSON object nested at most {@value #MAX_DEPTH}
 * levels, string fields that are really strings. The depth is checked here, before the parser sees
 * the text: the servers' JSON-P parsers answer deep nesting differently (an unchecked exception with
 * a stack trace a thousand frames deep, or a stack overflow), and never as a {@link JsonException}.
 */
public final class JsonBody {

    public static final int MAX_BYTES = 16 * 1024;
    public static final int MAX_DEPTH = 16;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Logger LOG = Logger.getLogger(JsonBody.class.getName());

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    public static JsonBody read(InputStream in) {
        String text = decodeUtf8(readLimited(in));
        requireOneShallowValue(text);
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ApiException.badRequest("invalid_json", "The body must be a JSON object");
            }
            return new JsonBody(value.asJsonObject());
        } catch (JsonException e) {
            throw ApiException.badRequest("invalid_json", "The body is not valid JSON");
        }
    }

    /** The named field, which must be present and a JSON string. */
    public String string(String field) {
        JsonValue value = object.get(field);
        if (!(value instanceof JsonString string)) {
            throw ApiException.badRequest("invalid_" + field, "The field \"" + field + "\" must be a string");
        }
        return string.getString();
    }

    /** The named field when present, which must then be a JSON string; else {@code otherwise}. */
    public String string(String field, String otherwise) {
        return object.containsKey(field) && object.get(field) != JsonValue.NULL ? string(field) : otherwise;
    }

    /** The named field, which must be present and a whole number within {@code min..max}. */
    public int integer(String field, int min, int max) {
        if (object.get(field) instanceof JsonNumber number && number.isIntegral()) {
            long value = number.bigDecimalValue().min(BigDecimal.valueOf(Long.MAX_VALUE)).max(BigDecimal.valueOf(Long.MIN_VALUE)).longValue();
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw ApiException.badRequest("invalid_" + field, "The field \"" + field + "\" must be a whole number from " + min + " to " + max);
    }

    /**
     * Refuses nesting deeper than {@link #MAX_DEPTH}, closing brackets without an opening one, and
     * anything but white space after the first complete value. Brackets inside strings do not count.
     */
    static void requireOneShallowValue(String text) {
        int depth = 0;
        boolean inString = false;
        boolean closed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (closed && !Character.isWhitespace(c)) {
                throw ApiException.badRequest("invalid_json", "The body must be one JSON object");
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        throw ApiException.badRequest("invalid_json", "The body is nested deeper than " + MAX_DEPTH + " levels");
                    }
                }
                case '}', ']' -> {
                    if (--depth < 0) {
                        throw ApiException.badRequest("invalid_json", "The body is not valid JSON");
                    }
                    closed = depth == 0;
                }
                default -> {
                    // other characters are the parser's to judge
                }
            }
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_json", "The body is not valid UTF-8");
        }
    }

    private static byte[] readLimited(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "The body is larger than 16 KiB");
            }
            return bytes;
        } catch (IOException e) {
            // The client left or stalled mid-body: its fault, not the server's, and no answer may reach it.
            LOG.log(Level.FINE, "A request body could not be read to its end", e);
            throw ApiException.badRequest("invalid_json", "The body could not be read to its end");
        }
    }
}
