package ssechat.sessions.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Claim forms: confusable skeletons (Unicode TS #39) of NFKC-casefolded names. */
class UserNameTest {

    @Test
    void namesThatLookAlikeShareOneClaimForm() {
        String admin = UserName.claimForm("admin");
        for (String lookalike : new String[] {"ADMIN", "Admin", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e", "adrnin"}) {
            assertEquals(admin, UserName.claimForm(lookalike), lookalike);
        }
        assertEquals(UserName.claimForm("ops"), UserName.claimForm("0PS"));
        assertEquals(UserName.claimForm("bob_1"), UserName.claimForm("BOB_l"));
    }

    @Test
    void differentNamesKeepDifferentForms() {
        assertNotEquals(UserName.claimForm("alice"), UserName.claimForm("alicia"));
        assertNotEquals(UserName.claimForm("张三"), UserName.claimForm("李四"));
        assertEquals("张三", UserName.claimForm("张三"));
    }
}
