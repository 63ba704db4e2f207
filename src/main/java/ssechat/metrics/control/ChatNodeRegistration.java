package ssechat.metrics.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers {@link ChatNodeMXBean} in the platform MBean server at startup and unregisters it at
 * shutdown. One per JVM: a second deployment in the same server logs a warning and goes without.
 * Concurrency: container-managed with the default write lock; it only runs at startup and shutdown.
 */
@Singleton
@Startup
@DependsOn("NodeSampler")
public class ChatNodeRegistration {

    public static final String NAME = "ssechat:type=ChatNode";
    private static final Logger LOG = Logger.getLogger(ChatNodeRegistration.class.getName());

    @EJB
    NodeSampler sampler;

    private ObjectName registered;

    @PostConstruct
    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(NAME);
            server.registerMBean(new ChatNode(sampler::latest), name);
            registered = name;
        } catch (InstanceAlreadyExistsException e) {
            LOG.warning(() -> NAME + " is registered already (another deployment in this JVM); this one is not");
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Could not register " + NAME, e);
        }
    }

    @PreDestroy
    void unregister() {
        if (registered == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
        } catch (JMException e) {
            LOG.log(Level.WARNING, "Could not unregister " + NAME, e);
        }
    }
}
