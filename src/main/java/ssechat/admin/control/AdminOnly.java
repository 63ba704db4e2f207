package ssechat.admin.control;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Marks the resources only the admin may use: {@link AdminGuard} checks every request to them. */
@NameBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface AdminOnly {
}
