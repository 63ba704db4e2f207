package ssechat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

@ApplicationPath("api")
public class ChatApplication extends Application {

    /**
     * Two Jersey settings (RESTEasy ignores them): Jersey makes every relative {@code Location}
     * absolute against a base URI built from the client's {@code Host} header, even one set as a
     * string, and sse-chat's are relative on purpose ({@code RelativeLocation}); and Jersey answers
     * {@code OPTIONS} with a WADL description of every resource, which no client needs.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.headers.location.relative.resolution.disabled", true,
                "jersey.config.server.wadl.disableWadl", true);
    }
}
