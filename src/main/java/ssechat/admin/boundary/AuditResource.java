package ssechat.admin.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import ssechat.admin.control.AdminOnly;
import ssechat.admin.control.AuditLog;
import ssechat.admin.entity.AuditEntry;
import ssechat.http.ApiException;
import ssechat.http.PageSize;
import ssechat.rooms.entity.MessageId;

/** {@code GET /api/admin/audit?count=50[&before=<id>]}: the moderation log, newest first, paged backwards. */
@AdminOnly
@Path("admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    public List<AuditEntry> page(@QueryParam("count") @DefaultValue("50") String count, @QueryParam("before") String before) {
        if (before != null && !MessageId.isValid(before)) {
            throw ApiException.badRequest("invalid_before", "before must be an entry id");
        }
        return audit.page(PageSize.require(count), Optional.ofNullable(before));
    }
}
