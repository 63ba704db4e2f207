package ssechat.admin.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import ssechat.admin.control.AdminOnly;
import ssechat.metrics.control.PrometheusMetrics;

/**
 * {@code GET /api/admin/metrics}: this node's figures for Prometheus, which scrapes every node
 * with the admin's credentials ({@code basic_auth}).
 */
@ApplicationScoped
@AdminOnly
@Path("admin/metrics")
public class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain;version=0.0.4;charset=utf-8";

    @Inject
    PrometheusMetrics metrics;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        return metrics.scrape();
    }
}
