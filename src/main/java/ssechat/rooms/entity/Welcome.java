package ssechat.rooms.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The first event of every stream: where it is, who the client is, who is here, the newest message id. */
@JsonbPropertyOrder({"room", "user", "node", "online", "lastId"})
public record Welcome(String room, String user, String node, List<String> online, String lastId) {
}
