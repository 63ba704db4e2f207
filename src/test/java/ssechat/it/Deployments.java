package ssechat.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as the build packaged it, so that tests check what operators deploy. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive chatWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("chat.war", "target/sse-chat.war")));
    }
}
