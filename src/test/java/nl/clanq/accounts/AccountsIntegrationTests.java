package nl.clanq.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import nl.clanq.IntegrationTest;
import nl.clanq.TestMail;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Passwords (S7), the profile other members see (C8) and changing the email address (G4). */
@IntegrationTest
class AccountsIntegrationTests {

    private static final Pattern RESET_LINK = Pattern.compile("/password/reset/([A-Za-z0-9_-]+)");
    private static final String LINK_INVALID = "Deze link werkt niet meer";
    private static final String NEW_PASSWORD = "een gloednieuwe wachtzin voor clanq";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    /**
     * Every test speaks from an address of its own: the login and reset limits per address (S11)
     * are shared by the whole test JVM, and most tests use 127.0.0.1.
     */
    private final String ip = "192.0.2." + ThreadLocalRandom.current().nextInt(1, 255);

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(fromOwnAddress())).andReturn();
    }

    private RequestPostProcessor fromOwnAddress() {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private MvcResult login(String email, String password) throws Exception {
        return perform(post("/login").with(csrf()).param("email", email).param("password", password));
    }

    /** Asks for a reset link through the form and answers the token of the mailed link. */
    private String resetToken(String email) throws Exception {
        perform(post("/password/forgot").with(csrf()).param("email", email));
        Matcher link = RESET_LINK.matcher(
                TestMail.awaitMail(email, "Nieuw wachtwoord instellen").text());
        assertThat(link.find()).as("reset link in the mail").isTrue();
        return link.group(1);
    }

    private MockHttpServletRequestBuilder reset(String token, String password) {
        return post("/password/reset/" + token)
                .with(csrf())
                .param("password", password)
                .param("passwordRepeat", password);
    }

    private String emailOf(long userId) {
        return accounts.get(userId).email();
    }

    // ------------------------------------------------------------------ password reset

    @Test
    void theMailedResetLinkSetsANewPasswordOnlyOnce_S7() throws Exception {
        String email = Fixtures.unique("reset");
        long userId = fixtures.person(email);
        String token = resetToken(email);

        MvcResult form = perform(get("/password/reset/" + token));
        assertThat(form.getResponse().getContentAsString()).contains("Nieuw wachtwoord instellen");
        MvcResult done = perform(reset(token, NEW_PASSWORD));
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/login?reset");
        assertThat(accounts.passwordMatches(userId, NEW_PASSWORD)).isTrue();
        TestMail.awaitMail(email, "Uw wachtwoord voor Clanq is gewijzigd");

        assertThat(perform(get("/password/reset/" + token)).getResponse().getContentAsString())
                .contains(LINK_INVALID)
                .contains("De link is verlopen of al gebruikt.");
        MvcResult secondUse = perform(reset(token, "nog een andere lange wachtzin"));
        assertThat(secondUse.getResponse().getContentAsString()).contains(LINK_INVALID);
        assertThat(accounts.passwordMatches(userId, NEW_PASSWORD)).isTrue();
    }

    @Test
    void anExpiredOrMadeUpResetLinkDoesNotWork_S7() throws Exception {
        String email = Fixtures.unique("expired");
        long userId = fixtures.person(email);
        String token = resetToken(email);
        jdbc.sql("update password_token set expires_at = now() - interval '1 minute' where token_hash = ?")
                .param(Tokens.hash(token))
                .update();

        assertThat(perform(get("/password/reset/" + token)).getResponse().getContentAsString())
                .contains(LINK_INVALID);
        assertThat(perform(reset(token, NEW_PASSWORD)).getResponse().getContentAsString())
                .contains(LINK_INVALID);
        assertThat(accounts.passwordMatches(userId, Fixtures.PASSWORD)).isTrue();

        String madeUp = Tokens.newToken();
        assertThat(perform(get("/password/reset/" + madeUp)).getResponse().getContentAsString())
                .contains(LINK_INVALID);
        assertThat(perform(get("/password/reset/niet-eens-een-token"))
                        .getResponse()
                        .getContentAsString())
                .contains(LINK_INVALID);
        assertThat(perform(reset(madeUp, NEW_PASSWORD)).getResponse().getContentAsString())
                .contains(LINK_INVALID);
    }

    @Test
    void aResetPasswordMustPassThePolicy_S7() throws Exception {
        String email = Fixtures.unique("policy");
        long userId = fixtures.person(email);
        String token = resetToken(email);

        assertThat(perform(reset(token, "te kort")).getResponse().getContentAsString())
                .contains("Kies een wachtwoord van minstens 12 tekens.");
        assertThat(perform(reset(token, "qwerty123456")).getResponse().getContentAsString())
                .contains("Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden.");
        assertThat(perform(post("/password/reset/" + token)
                                .with(csrf())
                                .param("password", NEW_PASSWORD)
                                .param("passwordRepeat", NEW_PASSWORD + "!"))
                        .getResponse()
                        .getContentAsString())
                .contains("De twee wachtwoorden zijn niet gelijk.");

        assertThat(accounts.passwordMatches(userId, Fixtures.PASSWORD)).isTrue();
        // Refused attempts do not use up the link.
        assertThat(perform(get("/password/reset/" + token)).getResponse().getContentAsString())
                .doesNotContain(LINK_INVALID);
        assertThat(perform(reset(token, NEW_PASSWORD)).getResponse().getRedirectedUrl())
                .isEqualTo("/login?reset");
    }

    @Test
    void afterAResetOnlyTheNewPasswordLogsIn_S7() throws Exception {
        String email = Fixtures.unique("relogin");
        fixtures.person(email);

        perform(reset(resetToken(email), NEW_PASSWORD));

        assertThat(login(email, Fixtures.PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(login(email, NEW_PASSWORD).getResponse().getRedirectedUrl()).isEqualTo("/start");
    }

    @Test
    void aResetEndsTheSessionsOfTheAccount_S7() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        Cookie session =
                login(org.ownerEmail(), Fixtures.PASSWORD).getResponse().getCookie("CLANQ_SESSION");
        assertThat(perform(get("/start").cookie(session)).getResponse().getStatus())
                .isEqualTo(200);

        perform(reset(resetToken(org.ownerEmail()), NEW_PASSWORD));

        assertThat(perform(get("/start").cookie(session)).getResponse().getRedirectedUrl())
                .endsWith("/login");
    }

    // ------------------------------------------------------------------ changing the password

    private MockHttpServletRequestBuilder changePassword(long userId, String current, String password) {
        return post("/account/password")
                .with(user(fixtures.principal(userId)))
                .with(csrf())
                .param("current", current)
                .param("password", password)
                .param("passwordRepeat", password);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne_S7() throws Exception {
        Fixtures.Org org = fixtures.organisation();

        MvcResult refused = perform(changePassword(org.ownerId(), "niet mijn wachtwoord", NEW_PASSWORD));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString()).contains("Het huidige wachtwoord klopt niet.");
        assertThat(accounts.passwordMatches(org.ownerId(), Fixtures.PASSWORD)).isTrue();
        assertThat(accounts.passwordMatches(org.ownerId(), NEW_PASSWORD)).isFalse();
    }

    @Test
    void changingThePasswordRefusesACommonPassword_S7() throws Exception {
        Fixtures.Org org = fixtures.organisation();

        MvcResult refused = perform(changePassword(org.ownerId(), Fixtures.PASSWORD, "qwerty123456"));

        assertThat(refused.getResponse().getContentAsString())
                .contains("Dit wachtwoord komt voor in lijsten van veelgebruikte wachtwoorden.");
        assertThat(accounts.passwordMatches(org.ownerId(), Fixtures.PASSWORD)).isTrue();
    }

    @Test
    void aChangedPasswordIsMailedAndEndsTheOtherSessions_S7() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        Cookie elsewhere =
                login(org.ownerEmail(), Fixtures.PASSWORD).getResponse().getCookie("CLANQ_SESSION");
        assertThat(perform(get("/start").cookie(elsewhere)).getResponse().getStatus())
                .isEqualTo(200);

        MvcResult changed = perform(changePassword(org.ownerId(), Fixtures.PASSWORD, NEW_PASSWORD));

        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
        TestMail.ReceivedMail mail = TestMail.awaitMail(org.ownerEmail(), "Uw wachtwoord voor Clanq is gewijzigd");
        assertThat(mail.text()).contains("andere sessies zijn afgemeld");
        assertThat(accounts.passwordMatches(org.ownerId(), NEW_PASSWORD)).isTrue();
        assertThat(perform(get("/start").cookie(elsewhere)).getResponse().getRedirectedUrl())
                .endsWith("/login");
        assertThat(login(org.ownerEmail(), Fixtures.PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(login(org.ownerEmail(), NEW_PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/start");
    }

    // ------------------------------------------------------------------ profile (C8)

    private MockHttpServletRequestBuilder saveProfile(long userId, String phone, String specialisms) {
        return post("/profile")
                .with(user(fixtures.principal(userId)))
                .with(csrf())
                .param("firstName", "Petra")
                .param("lastName", "Profiel")
                .param("jobTitle", "Senior functioneel beheerder")
                .param("city", "Zwolle")
                .param("phone", phone)
                .param("phoneHidden", "true")
                .param("bio", "Tien jaar salarisverwerking bij de overheid.")
                .param("specialisms", specialisms);
    }

    @Test
    void theProfileSavesWhatOtherMembersSee_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();

        MvcResult saved = perform(saveProfile(
                org.ownerId(),
                "+31 (0)6-1234 5678",
                " salarisverwerking, jaarafsluiting ,,autorisaties, jaarafsluiting"));

        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        UserView u = accounts.get(org.ownerId());
        assertThat(u.firstName()).isEqualTo("Petra");
        assertThat(u.lastName()).isEqualTo("Profiel");
        assertThat(u.jobTitle()).isEqualTo("Senior functioneel beheerder");
        assertThat(u.city()).isEqualTo("Zwolle");
        assertThat(u.phone()).isEqualTo("+31 (0)6-1234 5678");
        assertThat(u.phoneHidden()).isTrue();
        assertThat(u.bio()).isEqualTo("Tien jaar salarisverwerking bij de overheid.");
        assertThat(u.specialisms()).containsExactlyInAnyOrder("salarisverwerking", "jaarafsluiting", "autorisaties");
        String page = perform(get("/profile").with(user(fixtures.principal(org.ownerId()))))
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("value=\"Senior functioneel beheerder\"")
                .contains("value=\"Zwolle\"")
                .contains("salarisverwerking")
                .contains("Tien jaar salarisverwerking bij de overheid.");
        assertThat(page).containsPattern("id=\"f-phoneHidden\"[^>]*checked");
    }

    @Test
    void theProfileAcceptsTenSpecialismsButNotEleven_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String ten = String.join(
                ", ", IntStream.rangeClosed(1, 10).mapToObj(i -> "thema " + i).toList());

        assertThat(perform(saveProfile(org.ownerId(), "", ten)).getResponse().getRedirectedUrl())
                .isEqualTo("/profile");
        assertThat(accounts.get(org.ownerId()).specialisms()).hasSize(10);

        MvcResult refused = perform(saveProfile(org.ownerId(), "", ten + ", thema 11"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString())
                .contains("Gebruik maximaal 10 specialismen van elk hoogstens 40 tekens.");
        assertThat(accounts.get(org.ownerId()).specialisms()).hasSize(10).doesNotContain("thema 11");
    }

    @Test
    void theProfileRefusesAnInvalidPhoneNumber_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();

        MvcResult refused = perform(saveProfile(org.ownerId(), "bel mij maar", "salarisverwerking"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(200);
        assertThat(refused.getResponse().getContentAsString())
                .contains("Vul een telefoonnummer in met alleen cijfers, spaties, +, - of haakjes.");
        UserView u = accounts.get(org.ownerId());
        assertThat(u.phone()).isEmpty();
        assertThat(u.city()).isNotEqualTo("Zwolle");
        assertThat(u.specialisms()).isEmpty();
    }

    @Test
    void aChangedNameShowsAtOnceInTheOwnSession_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        Cookie session =
                login(org.ownerEmail(), Fixtures.PASSWORD).getResponse().getCookie("CLANQ_SESSION");
        assertThat(perform(get("/start").cookie(session)).getResponse().getContentAsString())
                .contains("Welkom, Test Persoon");

        MvcResult saved = perform(post("/profile")
                .cookie(session)
                .with(csrf())
                .param("firstName", "Petra")
                .param("lastName", "Profiel")
                .param("jobTitle", "Tester"));

        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(accounts.get(org.ownerId()).displayName()).isEqualTo("Petra Profiel");
        // The greeting and the menu (which links the own name to the profile) show the new name.
        String start = perform(get("/start").cookie(session)).getResponse().getContentAsString();
        assertThat(start).contains("Welkom, Petra Profiel").contains(">Petra Profiel</a>");
    }

    @Test
    void aRegistrantWaitingForReviewCanStillOpenTheirProfile_C3() throws Exception {
        // MembershipGate promises a person whose organisation is not approved yet "the page that
        // explains their state, their profile and the public pages".
        Fixtures.Org waiting = fixtures.pendingOrganisation();
        var owner = fixtures.principal(waiting.ownerId());
        assertThat(perform(get("/pending").with(user(owner))).getResponse().getContentAsString())
                .contains("wordt beoordeeld door Clanqbeheer");

        MvcResult profile = perform(get("/profile").with(user(owner)));

        assertThat(profile.getResponse().getStatus()).isEqualTo(200);
        assertThat(profile.getResponse().getContentAsString()).contains("Mijn profiel");
    }

    // ------------------------------------------------------------------ changing the email address

    private MockHttpServletRequestBuilder startEmailChange(long userId, String newEmail, String password) {
        return post("/profile/email")
                .with(user(fixtures.principal(userId)))
                .with(csrf())
                .param("newEmail", newEmail)
                .param("password", password);
    }

    private MockHttpServletRequestBuilder confirmEmailChange(long userId, String code) {
        return post("/profile/email/confirm")
                .with(user(fixtures.principal(userId)))
                .with(csrf())
                .param("code", code);
    }

    private int codeMailsTo(String address) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ? and kind = 'account.code'")
                .param(address)
                .query(Integer.class)
                .single();
    }

    private static String codeIn(TestMail.ReceivedMail mail) {
        return mail.text().replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1");
    }

    @Test
    void anEmailChangeWithTheWrongPasswordIsRefusedAndSendsNoCode_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String wanted = Fixtures.unique("wanted");

        MvcResult refused = perform(startEmailChange(org.ownerId(), wanted, "niet mijn wachtwoord"));

        assertThat(refused.getResponse().getContentAsString())
                .contains("Het huidige wachtwoord klopt niet.")
                .doesNotContain("hebben we een code gestuurd");
        assertThat(codeMailsTo(wanted)).isZero();
        assertThat(emailOf(org.ownerId())).isEqualTo(org.ownerEmail());
    }

    @Test
    void theEmailChangesOnlyWithTheCodeSentToTheNewAddress_C8() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String newEmail = Fixtures.unique("verhuisd");

        MvcResult started = perform(startEmailChange(org.ownerId(), newEmail, Fixtures.PASSWORD));

        assertThat(started.getResponse().getContentAsString())
                .contains("Als het adres beschikbaar is, hebben we een code gestuurd naar " + newEmail);
        String code = codeIn(TestMail.awaitMail(newEmail, "Bevestig uw nieuwe e-mailadres"));
        assertThat(emailOf(org.ownerId())).isEqualTo(org.ownerEmail());
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(perform(confirmEmailChange(org.ownerId(), wrong))
                        .getResponse()
                        .getContentAsString())
                .contains("Deze code klopt niet.");
        assertThat(emailOf(org.ownerId())).isEqualTo(org.ownerEmail());

        MvcResult confirmed = perform(confirmEmailChange(org.ownerId(), code));

        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/profile");
        assertThat(emailOf(org.ownerId())).isEqualTo(newEmail);
        TestMail.ReceivedMail told = TestMail.awaitMail(org.ownerEmail(), "Uw e-mailadres voor Clanq is gewijzigd");
        assertThat(told.text()).contains(newEmail);
        assertThat(login(newEmail, Fixtures.PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/start");
        assertThat(login(org.ownerEmail(), Fixtures.PASSWORD).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
    }

    @Test
    void anAddressOfAnotherAccountAnswersTheSameAndNeverBecomesTheEmail_G4() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        String taken = Fixtures.unique("bezet");
        fixtures.person(taken);
        String free = Fixtures.unique("vrij");

        String forFree = perform(startEmailChange(org.ownerId(), free, Fixtures.PASSWORD))
                .getResponse()
                .getContentAsString();
        String forTaken = perform(startEmailChange(org.ownerId(), taken, Fixtures.PASSWORD))
                .getResponse()
                .getContentAsString();

        assertThat(forTaken).contains("hebben we een code gestuurd naar " + taken);
        assertThat(comparable(forTaken, taken)).isEqualTo(comparable(forFree, free));
        // The open request is the one for the taken address: not even the code that went there (if
        // one did) makes it the email.
        List<String> codes = codesSentTo(taken);
        String latest = codes.isEmpty() ? "123456" : codes.getLast();
        MvcResult confirm = perform(confirmEmailChange(org.ownerId(), latest));
        assertThat(confirm.getResponse().getRedirectedUrl()).isNull();
        assertThat(confirm.getResponse().getContentAsString()).doesNotContain("Uw e-mailadres is gewijzigd");
        assertThat(emailOf(org.ownerId())).isEqualTo(org.ownerEmail());
        assertThat(jdbc.sql("select count(*) from app_user where email = ?")
                        .param(taken)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAddressOfAnotherAccountGetsNoCode_G4() throws Exception {
        // EmailChange.start promises: "An address that is already taken gets no code but the same answer".
        Fixtures.Org org = fixtures.organisation();
        String taken = Fixtures.unique("bezet");
        fixtures.person(taken);

        perform(startEmailChange(org.ownerId(), taken, Fixtures.PASSWORD));

        assertThat(codeMailsTo(taken)).isZero();
    }

    /** The codes queued for {@code address}, oldest first, read from the outbox as they were mailed. */
    private List<String> codesSentTo(String address) {
        return jdbc
                .sql("select body_text from mail_outbox where recipient = ? and kind = 'account.code' order by id")
                .param(address)
                .query(String.class)
                .list()
                .stream()
                .map(text -> text.replaceAll("(?s).*?\\b(\\d{6})\\b.*", "$1"))
                .toList();
    }

    /** The page without what differs between two requests anyway: tokens and the address typed. */
    private static String comparable(String html, String address) {
        return html.replace(address, "ADDRESS")
                .replaceAll("content=\"[^\"]{40,}\"", "")
                .replaceAll("value=\"[^\"]{40,}\"", "");
    }
}
