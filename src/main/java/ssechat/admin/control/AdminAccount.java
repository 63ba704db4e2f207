package ssechat.admin.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import ssechat.admin.entity.AdminCredentials;
import ssechat.admin.entity.BasicCredentials;
import ssechat.config.ChatConfig;

/** The one admin, from configuration ({@code CHAT_ADMIN_USER}, {@code CHAT_ADMIN_PASSWORD}); with no password configured there is none. */
@ApplicationScoped
public class AdminAccount {

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

    public boolean matches(BasicCredentials given) {
        return admin.map(a -> a.matches(given.user(), given.password())).orElse(false);
    }
}
