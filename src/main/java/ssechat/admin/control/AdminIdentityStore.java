package ssechat.admin.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import ssechat.admin.entity.AdminCredentials;
import ssechat.config.ChatConfig;

/**
 * The one admin, from configuration ({@code CHAT_ADMIN_USER}, {@code CHAT_ADMIN_PASSWORD}), in the
 * group {@code admin}; Payara maps it to the role of that name (WEB-INF/payara-web.xml), WildFly
 * takes groups as roles. With no password configured nobody is valid.
 */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String ROLE = "admin";

    @Inject
    ChatConfig config;

    private Optional<AdminCredentials> admin;

    @PostConstruct
    void load() {
        admin = config.adminPassword().map(password -> new AdminCredentials(config.adminUser(), password));
    }

    public boolean enabled() {
        return admin.isPresent();
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        boolean valid = admin.map(a -> a.matches(login.getCaller(), login.getPasswordAsString())).orElse(false);
        return valid ? new CredentialValidationResult(login.getCaller(), Set.of(ROLE)) : CredentialValidationResult.INVALID_RESULT;
    }
}
