package ssechat.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import ssechat.config.ChatConfig;

/**
 * The address a request really comes from. Forwarding headers are believed only when the direct
 * peer is one of the configured proxies ({@code CHAT_TRUSTED_PROXIES}); otherwise anyone could
 * dodge the per-address rate limit by sending a header.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    ChatConfig config;

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        List<String> proxies = config.trustedProxies();
        if (!proxies.contains(peer)) {
            return peer;
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (!hop.isEmpty() && !proxies.contains(hop)) {
                    return hop;
                }
            }
        }
        String realIp = request.getHeader("X-Real-IP");
        return realIp != null && !realIp.isBlank() ? realIp.trim() : peer;
    }
}
