package ssechat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

@ApplicationPath("api")
public class ChatApplication extends Application {

    /**
     * Jersey makes every relative {@code Location} absolute against a base URI built from the
     * client's {@code Host} header, even one set as a string; sse-chat's are relative on purpose
     * ({@code RelativeLocation}). RESTEasy leaves a string as it is and ignores this property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.headers.location.relative.resolution.disabled", true);
    }
}
