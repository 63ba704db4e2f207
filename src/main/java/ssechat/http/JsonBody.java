package ssechat.http;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A request body read strictly: at most 16 KiB, one JSON object, string fields that are really strings. */
public final class JsonBody {

    public static final int MAX_BYTES = 16 * 1024;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    public static JsonBody read(InputStream in) {
        try (JsonReader reader = JSON.createReader(new StringReader(decodeUtf8(readLimited(in))))) {
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
            throw new UncheckedIOException(e);
        }
    }
}
