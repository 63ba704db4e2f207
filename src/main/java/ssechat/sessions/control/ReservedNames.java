package ssechat.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import ssechat.config.ChatConfig;
import ssechat.sessions.entity.UserName;

/**
 * Names nobody may take ({@code CHAT_RESERVED_NAMES}, and always the admin's user name), compared
 * by their claim form, so that look-alikes ("аdmin" with a Cyrillic а, "ＡＤＭＩＮ") are refused too.
 */
@ApplicationScoped
public class ReservedNames {

    @Inject
    ChatConfig config;

    private Set<String> claimForms;

    @PostConstruct
    void load() {
        Set<String> forms = new HashSet<>();
        config.reservedNames().forEach(name -> forms.add(UserName.claimForm(name)));
        forms.add(UserName.claimForm(config.adminUser()));
        claimForms = Set.copyOf(forms);
    }

    public void refuse(String name) {
        if (claimForms.contains(UserName.claimForm(name))) {
            throw UserName.reserved();
        }
    }
}
