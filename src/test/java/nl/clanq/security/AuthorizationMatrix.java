package nl.clanq.security;

import static nl.clanq.security.Outcome.LOCKED;
import static nl.clanq.security.Outcome.LOGIN;
import static nl.clanq.security.Outcome.NOT_FOUND;
import static nl.clanq.security.Outcome.OK;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.clanq.accounts.UserView;
import nl.clanq.catalog.Catalog;
import nl.clanq.organisations.Fixtures;

/**
 * The expected authorization of every endpoint (S9, G2, G4): one entry per mapped method and path
 * pattern. {@link AuthorizationMatrixTests} fails when a mapped endpoint has no entry here, or an
 * entry no longer matches a mapping.
 *
 * <p>To add an endpoint: add {@code endpoint(method, pattern)} with a {@code request} that makes a
 * valid request for the {@link Case} (fill path variables from {@code c.org()}, {@code c.member()},
 * ...), {@code perObject()} when it addresses an organisation's object, {@code fresh()} when it
 * changes state later cases rely on, and the outcomes: a preset ({@code everyone()},
 * {@code signedIn()}, {@code ownerOnly()}, {@code staffOnly()}) plus {@code expect(...)} for
 * exceptions.
 *
 * <p>To add a role (or to take {@link Role#LOCKED_ORG_MEMBER} out of "pending"): add it to {@link
 * Role} (without a pending reason), make {@code AuthorizationMatrixTests.actor} produce the person
 * (and {@link World} the organisation it needs, e.g. a locked one), then decide its outcome in the
 * presets of {@link Endpoint} and in the entries that use {@code expect(...)}: until every entry
 * names one, the suite fails and lists the entries that lack it.
 */
final class AuthorizationMatrix {

    private AuthorizationMatrix() {}

    static final String NEW_PASSWORD = "een heel nieuw wachtwoord voor de matrix";

    /**
     * Mapped endpoints the matrix leaves out on purpose, with the reason. Keep this short: every
     * endpoint a person can reach belongs in the table.
     */
    static final Map<String, String> EXCLUDED = Map.of();

    static List<Endpoint> endpoints() {
        return List.of(
                // Public pages (G4: they show nothing about members).
                endpoint("GET", "/").request(c -> get("/")).everyone(),
                endpoint("GET", "/terms").request(c -> get("/terms")).everyone(),
                endpoint("GET", "/privacy").request(c -> get("/privacy")).everyone(),
                endpoint("GET", "/terms/versions/{id}")
                        .request(c -> get("/terms/versions/{id}", legalVersion(c, "TERMS")))
                        .everyone(),
                endpoint("GET", "/privacy/versions/{id}")
                        .request(c -> get("/privacy/versions/{id}", legalVersion(c, "PRIVACY")))
                        .everyone(),
                endpoint("GET", "/legal/accept")
                        .request(c -> get("/legal/accept"))
                        .signedIn(),
                endpoint("POST", "/legal/accept")
                        .request(c -> post("/legal/accept").param("accept", "true"))
                        .signedIn()
                        .note("accepting again what is in force changes nothing"),
                endpoint("GET", "/staff/legal")
                        .request(c -> get("/staff/legal"))
                        .adminOnly()
                        .expect(NOT_FOUND, Role.STAFF_MODERATOR)
                        .note("administrators only: moderators do not publish terms"),
                endpoint("POST", "/staff/legal")
                        .request(c -> post("/staff/legal")
                                .param("document", "TERMS")
                                .param("version", "")
                                .param("summary", "")
                                .param("body", ""))
                        .adminOnly()
                        .expect(NOT_FOUND, Role.STAFF_MODERATOR)
                        .note("an incomplete form: the administrator gets the form back (200); nothing is published"),
                endpoint("GET", "/error")
                        .request(c -> get("/error"))
                        .everyone(NOT_FOUND)
                        .note("the container's error page: visited directly there is no error, so nothing to show "
                                + "(and no failure to log)"),
                endpoint("GET", "/login")
                        .request(c -> get("/login"))
                        .everyone()
                        .note("signed-in people are sent on to /start or /staff"),

                // Forgotten password (G4: the same answer for known and unknown addresses).
                endpoint("GET", "/password/forgot")
                        .request(c -> get("/password/forgot"))
                        .everyone(),
                endpoint("POST", "/password/forgot")
                        .request(c -> post("/password/forgot").param("email", Fixtures.unique("forgot")))
                        .everyone(),
                endpoint("GET", "/password/reset/{token}")
                        .request(c -> get(
                                "/password/reset/{token}",
                                c.world().resetToken(c.world().person())))
                        .everyone()
                        .note("the emailed token is the credential"),
                endpoint("POST", "/password/reset/{token}")
                        .request(c -> post(
                                        "/password/reset/{token}",
                                        c.world().resetToken(c.world().person()))
                                .param("password", NEW_PASSWORD)
                                .param("passwordRepeat", NEW_PASSWORD))
                        .everyone()
                        .note("the emailed token is the credential; a fresh person's token per case"),

                // The signed-in person's own account (S7, C8).
                endpoint("GET", "/account/password")
                        .request(c -> get("/account/password"))
                        .signedIn(),
                endpoint("POST", "/account/password")
                        .fresh()
                        .request(c -> post("/account/password")
                                // Staff send a wrong current password: the demo password must stay.
                                .param("current", c.role().isStaff() ? "niet het wachtwoord" : c.actorPassword())
                                .param("password", NEW_PASSWORD)
                                .param("passwordRepeat", NEW_PASSWORD))
                        .signedIn()
                        .note("staff send a wrong current password (form with error, 200) to keep the demo password"),
                endpoint("GET", "/profile").request(c -> get("/profile")).signedIn(),
                endpoint("POST", "/profile")
                        .request(AuthorizationMatrix::sameProfile)
                        .signedIn(),
                endpoint("GET", "/profile/email")
                        .request(c -> get("/profile/email"))
                        .signedIn(),
                endpoint("POST", "/profile/email")
                        .request(c -> post("/profile/email")
                                .param("newEmail", Fixtures.unique("new"))
                                .param("password", c.actorPassword() == null ? "geen" : c.actorPassword()))
                        .signedIn()
                        .note("starts the change (a code is mailed); nothing changes before the code"),
                endpoint("POST", "/profile/email/confirm")
                        .request(c -> post("/profile/email/confirm").param("code", "000000"))
                        .signedIn()
                        .note("a wrong code: the form answers"),
                endpoint("GET", "/profile/notifications")
                        .request(c -> get("/profile/notifications"))
                        .signedIn(),
                endpoint("POST", "/profile/notifications")
                        .request(AuthorizationMatrix::defaultNoticePreferences)
                        .signedIn()
                        .note("saves the default choices"),

                // One-click unsubscribe from notice mail (RFC 8058): the emailed token is the credential.
                endpoint("GET", "/unsubscribe/{token}")
                        .request(c -> get("/unsubscribe/{token}", c.world().unsubscribeToken()))
                        .everyone()
                        .note("the emailed token is the credential"),
                endpoint("POST", "/unsubscribe/{token}")
                        .request(c -> post("/unsubscribe/{token}", c.world().unsubscribeToken())
                                .param("List-Unsubscribe", "One-Click"))
                        .everyone()
                        .note("the emailed token is the credential (a throwaway person's per case); mail clients "
                                + "post without a CSRF token, see NoticeMailIntegrationTests"),
                endpoint("GET", "/start").request(c -> get("/start")).signedIn().note("staff are sent on to /staff"),
                endpoint("GET", "/pending").request(c -> get("/pending")).signedIn(),

                // Registration (C3, C10, G4).
                endpoint("GET", "/register").request(c -> get("/register")).everyone(),
                endpoint("GET", "/register/{slug}")
                        .request(c -> get("/register/{slug}", c.world().shared().demoVendorSlug()))
                        .everyone(),
                endpoint("POST", "/register/{slug}")
                        .request(AuthorizationMatrix::registration)
                        .everyone(),
                endpoint("GET", "/register/confirm")
                        .request(c -> get("/register/confirm"))
                        .everyone(),
                endpoint("POST", "/register/confirm")
                        .request(c -> post("/register/confirm").param("code", "000000"))
                        .everyone()
                        .note("without a registration in the session: sent back to /register"),
                endpoint("POST", "/register/confirm/resend")
                        .request(c -> post("/register/confirm/resend"))
                        .everyone()
                        .note("without a registration in the session: sent back to /register"),
                endpoint("GET", "/register/done")
                        .request(c -> get("/register/done"))
                        .everyone(),

                // Invitations (C4): the emailed token is the credential.
                endpoint("GET", "/invite/{token}")
                        .request(c -> get(
                                "/invite/{token}",
                                c.world().invitation(c.side()).token()))
                        .everyone(),
                endpoint("POST", "/invite/{token}")
                        .fresh()
                        .request(c -> post(
                                        "/invite/{token}",
                                        c.world().invitation(c.side()).token())
                                .param("firstName", "Ina")
                                .param("lastName", "Uitgenodigd")
                                .param("jobTitle", "Functioneel beheerder")
                                .param("password", NEW_PASSWORD)
                                .param("acceptTerms", "true")
                                .param("acceptPrivacy", "true"))
                        .everyone(),

                // The owner's pages (G2, S9: organisation settings by owner; 404 for everyone else).
                endpoint("GET", "/organisation")
                        .request(c -> get("/organisation"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/invitations")
                        .perObject()
                        .fresh()
                        .request(c -> post("/organisation/invitations")
                                .param("email", Fixtures.unique("invitee"))
                                .param("membershipId", Long.toString(c.membershipId())))
                        .ownerOnly(),
                endpoint("POST", "/organisation/invitations/{id}/revoke")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                "/organisation/invitations/{id}/revoke",
                                c.world().invitation(c.side()).id()))
                        .ownerOnly(),
                endpoint("POST", "/organisation/people/{userId}/remove")
                        .perObject()
                        .fresh()
                        .request(c -> post("/organisation/people/{userId}/remove", c.member()))
                        .ownerOnly(),
                endpoint("POST", "/organisation/memberships/{membershipId}/seats/{userId}")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                        "/organisation/memberships/{membershipId}/seats/{userId}",
                                        c.membershipId(),
                                        c.member())
                                .param("assigned", "false"))
                        .ownerOnly(),
                endpoint("GET", "/organisation/details")
                        .request(c -> get("/organisation/details"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/details")
                        .request(c -> post("/organisation/details")
                                .param("name", "Testorganisatie")
                                .param("kvkNumber", "12345678")
                                .param("city", "Utrecht")
                                .param("industry", "government")
                                .param("employees", "51-250"))
                        .ownerOnly()
                        .note("saves the details the fixture already has"),
                endpoint("GET", "/organisation/memberships/{membershipId}/licences")
                        .perObject()
                        .request(c -> get("/organisation/memberships/{membershipId}/licences", c.membershipId()))
                        .ownerOnly(),
                endpoint("POST", "/organisation/memberships/{membershipId}/licences")
                        .perObject()
                        .request(c -> post("/organisation/memberships/{membershipId}/licences", c.membershipId())
                                .param("modules", moduleIds(c, 2)))
                        .ownerOnly()
                        .note("asks for the vendor's first two modules; a new request supersedes the last"),
                endpoint("GET", "/organisation/transfer")
                        .request(c -> get("/organisation/transfer"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/transfer")
                        .perObject()
                        .fresh()
                        .request(c -> post("/organisation/transfer")
                                .param("newOwner", Long.toString(c.member()))
                                .param("password", c.actorPassword() == null ? "geen" : c.actorPassword()))
                        .ownerOnly()
                        .note("the new owner is a member of the own or the foreign organisation"),
                endpoint("GET", "/organisation/communities")
                        .request(c -> get("/organisation/communities"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/communities")
                        .fresh()
                        .request(c -> {
                            long vendor = c.world().vendorNotOf(c.role().home());
                            return post("/organisation/communities")
                                    .param("vendor", Long.toString(vendor))
                                    .param(
                                            "modules",
                                            Long.toString(c.world()
                                                    .modules(vendor)
                                                    .get(0)
                                                    .id()));
                        })
                        .ownerOnly()
                        .note("applies for the community of the vendor the organisation is not in"),
                endpoint("GET", "/organisation/audit")
                        .request(c -> get("/organisation/audit"))
                        .ownerOnly(),

                // Security (S2-S5, S10): two-step verification, sessions, policies, the emergency lock.
                endpoint("GET", "/login/refused/{reason}")
                        .request(c -> get("/login/refused/{reason}", "locked"))
                        .everyone()
                        .expect(OK, Role.LOCKED_ORG_MEMBER),
                endpoint("GET", "/login/two-factor")
                        .request(c -> get("/login/two-factor"))
                        .everyone(LOGIN)
                        .note("without a passed password step there is nothing to verify: back to the login"),
                endpoint("POST", "/login/two-factor")
                        .request(c -> post("/login/two-factor").param("code", "123456"))
                        .everyone(LOGIN),
                endpoint("GET", "/account/two-factor")
                        .request(c -> get("/account/two-factor"))
                        .signedIn(),
                endpoint("POST", "/account/two-factor/start")
                        .fresh()
                        .request(c -> post("/account/two-factor/start"))
                        .signedIn(),
                endpoint("POST", "/account/two-factor/confirm")
                        .request(c -> post("/account/two-factor/confirm").param("code", "123456"))
                        .signedIn(),
                endpoint("POST", "/account/two-factor/recovery-codes")
                        .request(c -> post("/account/two-factor/recovery-codes")
                                .param("password", "wrong password")
                                .param("code", "123456"))
                        .signedIn()
                        .note("a wrong password: the page answers with the message"),
                endpoint("POST", "/account/two-factor/off")
                        .request(c -> post("/account/two-factor/off")
                                .param("password", "wrong password")
                                .param("code", "123456"))
                        .signedIn()
                        .note("a wrong password: the page answers with the message"),
                endpoint("GET", "/account/security")
                        .request(c -> get("/account/security"))
                        .signedIn(),
                endpoint("GET", "/account/sessions")
                        .request(c -> get("/account/sessions"))
                        .signedIn(),
                endpoint("POST", "/account/sessions/end")
                        .request(c -> post("/account/sessions/end").param("id", "not-a-session-of-theirs"))
                        .signedIn()
                        .expect(NOT_FOUND, Endpoint.PEOPLE)
                        .expect(NOT_FOUND, Endpoint.STAFF)
                        .note("S9: a session that is not the person's own answers 404"),
                endpoint("POST", "/account/sessions/end-others")
                        .request(c -> post("/account/sessions/end-others"))
                        .signedIn(),
                endpoint("POST", "/account/keep-alive")
                        .request(c -> post("/account/keep-alive"))
                        .signedIn(),
                endpoint("GET", "/organisation/security")
                        .request(c -> get("/organisation/security"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/security")
                        .fresh()
                        .request(c -> post("/organisation/security").param("idleMinutes", "45"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/security/end-sessions")
                        .fresh()
                        .request(c -> post("/organisation/security/end-sessions"))
                        .ownerOnly(),
                endpoint("POST", "/organisation/security/lock")
                        .fresh()
                        .request(c -> post("/organisation/security/lock")
                                .param("lockPassword", c.actorPassword() == null ? "geen" : c.actorPassword()))
                        .ownerOnly()
                        .expect(LOCKED, Role.OWNER, Role.SAME_VENDOR_OTHER_ORG_OWNER)
                        .note("locks the owner's own organisation and shows the owner the locked notice; "
                                + "every case gets a world of its own"),
                endpoint("GET", "/staff/locks")
                        .request(c -> get("/staff/locks"))
                        .adminOnly(),
                endpoint("POST", "/staff/organisations/{id}/unlock")
                        .perObject()
                        .request(c -> post(
                                        "/staff/organisations/{id}/unlock",
                                        c.org().id())
                                .param("verifiedPerson", "Eigenaar")
                                .param("verification", "teruggebeld op het bekende nummer, identiteit gecontroleerd"))
                        .adminOnly()
                        .expect(NOT_FOUND, Endpoint.STAFF)
                        .note("the addressed organisation is not locked, so there is nothing to lift (404); "
                                + "lifting is proven in SecurityPolicyIntegrationTests"),

                // Sanctions (C10): staff block, warn and note members; administrators block organisations.
                endpoint("GET", "/staff/members")
                        .request(c -> get("/staff/members").param("q", "persoon"))
                        .staffOnly(),
                endpoint("GET", "/staff/members/{userId}")
                        .request(c -> get("/staff/members/{userId}", c.member()))
                        .staffOnly(),
                endpoint("POST", "/staff/members/{userId}/block")
                        .request(c -> post(
                                        "/staff/members/{userId}/block",
                                        c.world().person())
                                .param("reason", "Autorisatiematrix")
                                .param("indefinite", "true"))
                        .staffOnly()
                        .note("blocks a throwaway person of the case, so no other case is affected"),
                endpoint("POST", "/staff/members/{userId}/unblock")
                        .request(c -> post("/staff/members/{userId}/unblock", blockedPerson(c))
                                .param("reason", "Autorisatiematrix"))
                        .staffOnly()
                        .note("lifts the block of a throwaway person blocked for the case"),
                endpoint("POST", "/staff/members/{userId}/warnings")
                        .request(c -> post(
                                        "/staff/members/{userId}/warnings",
                                        c.world().person())
                                .param("subject", "Autorisatiematrix")
                                .param("text", "Een waarschuwing voor de autorisatiematrix."))
                        .staffOnly()
                        .note("warns a throwaway person of the case"),
                endpoint("POST", "/staff/members/{userId}/notes")
                        .request(c -> post(
                                        "/staff/members/{userId}/notes",
                                        c.world().person())
                                .param("text", "Notitie van de autorisatiematrix."))
                        .staffOnly(),
                endpoint("GET", "/staff/organisations/{id}/block")
                        .perObject()
                        .request(c ->
                                get("/staff/organisations/{id}/block", c.org().id()))
                        .adminOnly(),
                endpoint("POST", "/staff/organisations/{id}/block")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                        "/staff/organisations/{id}/block",
                                        c.org().id())
                                .param("reason", "Autorisatiematrix")
                                .param("indefinite", "true"))
                        .adminOnly()
                        .note("blocks the case's own organisation: every case gets a world of its own"),
                endpoint("POST", "/staff/organisations/{id}/unblock")
                        .perObject()
                        .fresh()
                        .request(c -> post("/staff/organisations/{id}/unblock", blockedOrganisation(c))
                                .param("reason", "Autorisatiematrix"))
                        .adminOnly()
                        .note("lifts a block made for the case"),

                // The staff team (C10): administrators only.
                endpoint("GET", "/staff/team")
                        .request(c -> get("/staff/team"))
                        .adminOnly()
                        .note("moderators do not manage staff"),
                endpoint("POST", "/staff/team")
                        .request(c -> post("/staff/team")
                                .param("firstName", "Matrix")
                                .param("lastName", "Moderator")
                                .param(
                                        "email",
                                        c.world()
                                                .shared()
                                                .accounts()
                                                .get(c.member())
                                                .email())
                                .param("role", "MODERATOR")
                                .param("language", "nl"))
                        .adminOnly()
                        .note("a member's address: the administrator gets the form back with the refusal (200); "
                                + "nothing is created or mailed"),
                endpoint("POST", "/staff/team/{userId}/role")
                        .request(c -> post("/staff/team/{userId}/role", demoModerator(c))
                                .param("role", "MODERATOR"))
                        .adminOnly()
                        .note("the demo moderator keeps their role: nothing changes; changes are proven in "
                                + "StaffTeamIntegrationTests"),
                endpoint("POST", "/staff/team/{userId}/remove")
                        .request(c -> post("/staff/team/{userId}/remove", c.actor()))
                        .adminOnly()
                        .note("the actor removes themselves: refused for the administrator (200, form with the "
                                + "refusal); removals are proven in StaffTeamIntegrationTests"),

                // Forums (C5, C7, S9): community-scoped; author-only edits; staff acts.
                endpoint("GET", "/forums").request(c -> get("/forums")).signedIn(),
                endpoint("GET", "/latest").request(c -> get("/latest")).signedIn(),
                endpoint("GET", "/forums/{vendor}/{forum}")
                        .perObject()
                        .request(c -> get("/forums/{vendor}/{forum}", topic(c).vendorSlug(), topic(c).forumSlug()))
                        .communityScoped(),
                endpoint("POST", "/forums/{vendor}/{forum}/read")
                        .perObject()
                        .request(
                                c -> post("/forums/{vendor}/{forum}/read", topic(c).vendorSlug(), topic(c).forumSlug()))
                        .communityScoped(),
                endpoint("GET", "/forums/{vendor}/{forum}/new")
                        .perObject()
                        .request(c -> get("/forums/{vendor}/{forum}/new", topic(c).vendorSlug(), topic(c).forumSlug()))
                        .communityScoped(),
                endpoint("POST", "/forums/{vendor}/{forum}/new")
                        .perObject()
                        .request(c -> post("/forums/{vendor}/{forum}/new", topic(c).vendorSlug(), topic(c).forumSlug())
                                .param("title", "Een nieuwe vraag uit de matrix")
                                .param("body", "Tekst van de vraag"))
                        .communityScoped(),
                endpoint("GET", "/topics/{id}")
                        .perObject()
                        .request(c -> get("/topics/{id}", topic(c).id()))
                        .communityScoped(),
                endpoint("GET", "/posts/{id}")
                        .perObject()
                        .request(c -> get("/posts/{id}", topic(c).replyId()))
                        .communityScoped(),
                endpoint("POST", "/topics/{id}/replies")
                        .perObject()
                        .request(
                                c -> post("/topics/{id}/replies", topic(c).id()).param("body", "Een reactie"))
                        .communityScoped(),
                endpoint("GET", "/posts/{id}/edit")
                        .perObject()
                        .request(c -> get("/posts/{id}/edit", topic(c).questionId()))
                        .authorOnly(true),
                endpoint("POST", "/posts/{id}/edit")
                        .perObject()
                        .request(c -> post("/posts/{id}/edit", topic(c).questionId())
                                .param("body", "Vraag, aangevuld")
                                .param("reason", "Matrix"))
                        .authorOnly(true),
                endpoint("GET", "/posts/{id}/revisions")
                        .perObject()
                        .request(c -> get("/posts/{id}/revisions", topic(c).questionId()))
                        .authorOnly(true),
                endpoint("POST", "/posts/{id}/delete")
                        .perObject()
                        .fresh()
                        .request(c -> post("/posts/{id}/delete", topic(c).questionId()))
                        .authorOnly(false)
                        .note("only the author deletes; staff hide posts through moderation"),
                endpoint("POST", "/posts/{id}/accept")
                        .perObject()
                        .request(c -> post("/posts/{id}/accept", topic(c).replyId()))
                        .authorOnly(true)
                        .note("the asker (the organisation's member in the matrix) or staff"),
                endpoint("POST", "/topics/{id}/unaccept")
                        .perObject()
                        .request(c -> post("/topics/{id}/unaccept", topic(c).id()))
                        .authorOnly(true),
                endpoint("POST", "/topics/{id}/pin")
                        .request(c -> post("/topics/{id}/pin", topic(c).id()).param("pinned", "false"))
                        .staffAct(),
                endpoint("POST", "/topics/{id}/close")
                        .request(c -> post("/topics/{id}/close", topic(c).id()).param("closed", "false"))
                        .staffAct(),
                endpoint("GET", "/topics/{id}/move")
                        .request(c -> get("/topics/{id}/move", topic(c).id()))
                        .staffAct()
                        .note("C13: moderators and administrators move topics"),
                endpoint("POST", "/topics/{id}/move")
                        .request(c -> post("/topics/{id}/move", topic(c).id())
                                .param("targetForum", "")
                                .param("reason", ""))
                        .staffAct()
                        .note("an incomplete form: staff get the form back (200); nothing moves; "
                                + "moves are proven in TopicModerationIntegrationTests"),
                endpoint("GET", "/topics/{id}/merge")
                        .request(c -> get("/topics/{id}/merge", topic(c).id()))
                        .staffAct()
                        .note("C13: moderators and administrators merge topics"),
                endpoint("POST", "/topics/{id}/merge")
                        .request(c -> post("/topics/{id}/merge", topic(c).id())
                                .param("targetTopic", "")
                                .param("reason", ""))
                        .staffAct()
                        .note("an incomplete form: staff get the form back (200); nothing is merged; "
                                + "merges are proven in TopicModerationIntegrationTests"),
                endpoint("GET", "/topics/similar")
                        .request(c -> get("/topics/similar").param("title", "salarisrun vraag"))
                        .signedIn(),
                endpoint("POST", "/markdown/preview")
                        .request(c -> post("/markdown/preview").param("body", "**vet**"))
                        .signedIn(),
                // Messages (C9, C17, S9): participants only; the staff inbox for staff.
                endpoint("GET", "/messages").request(c -> get("/messages")).signedIn(),
                endpoint("GET", "/messages/unread")
                        .request(c -> get("/messages/unread"))
                        .signedIn(),
                endpoint("GET", "/messages/stream")
                        .request(c -> get("/messages/stream"))
                        .signedIn()
                        .note("a server-sent event stream of the person's own updates"),
                endpoint("GET", "/messages/new")
                        .request(c -> get("/messages/new"))
                        .membersOnly(),
                endpoint("POST", "/messages/new")
                        .request(c -> post("/messages/new")
                                .param("staff", "true")
                                .param("subject", "Vraag aan Clanqbeheer")
                                .param("body", "Hallo"))
                        .membersOnly(),
                endpoint("GET", "/messages/{id}")
                        .perObject()
                        .request(c -> get("/messages/{id}", c.world().conversations(c.side())[0]))
                        .participantsOnly(),
                endpoint("GET", "/messages/{id}/since")
                        .perObject()
                        .request(c -> get("/messages/{id}/since", c.world().conversations(c.side())[0]))
                        .participantsOnly(),
                endpoint("POST", "/messages/{id}")
                        .perObject()
                        .request(c -> post("/messages/{id}", c.world().conversations(c.side())[0])
                                .param("body", "Hoi"))
                        .participantsOnly(),
                endpoint("POST", "/messages/{id}/leave")
                        .perObject()
                        .fresh()
                        .request(c -> post("/messages/{id}/leave", c.world().conversations(c.side())[0]))
                        .participantsOnly(),
                endpoint("POST", "/messages/{id}/mute")
                        .perObject()
                        .request(c -> post("/messages/{id}/mute", c.world().conversations(c.side())[0])
                                .param("muted", "false"))
                        .participantsOnly(),
                endpoint("POST", "/messages/{id}/assign")
                        .request(c -> post("/messages/{id}/assign", c.world().conversations(World.Side.A)[1]))
                        .staffAct()
                        .note("a staff inbox conversation: staff only, its member participant too gets 404"),
                endpoint("POST", "/messages/{id}/close")
                        .request(c -> post("/messages/{id}/close", c.world().conversations(World.Side.A)[1])
                                .param("closed", "false"))
                        .staffAct(),
                endpoint("POST", "/members/{id}/block")
                        .request(c ->
                                post("/members/{id}/block", c.world().person()).param("blocked", "false"))
                        .membersOnly(),
                endpoint("POST", "/profile/message-mail")
                        .request(c -> post("/profile/message-mail").param("on", "true"))
                        .signedIn(),
                endpoint("GET", "/staff/inbox")
                        .request(c -> get("/staff/inbox"))
                        .staffOnly(),
                endpoint("GET", "/search")
                        .request(c -> get("/search").param("q", "salaris"))
                        .signedIn(),
                endpoint("GET", "/search/suggest")
                        .request(c -> get("/search/suggest").param("q", "salaris"))
                        .signedIn(),
                endpoint("GET", "/staff/search")
                        .request(c -> get("/staff/search"))
                        .adminOnly(),
                endpoint("GET", "/staff/search/progress")
                        .request(c -> get("/staff/search/progress"))
                        .adminOnly(),
                endpoint("POST", "/staff/search/rebuild")
                        .request(c -> post("/staff/search/rebuild"))
                        .adminOnly()
                        .note("rebuilds in the background; search keeps serving"),
                endpoint("GET", "/notices/unread")
                        .request(c -> get("/notices/unread"))
                        .signedIn(),
                endpoint("GET", "/notices").request(c -> get("/notices")).signedIn(),
                endpoint("POST", "/notices/read")
                        .request(c -> post("/notices/read"))
                        .signedIn(),
                endpoint("GET", "/notices/{id}")
                        .perObject()
                        .request(c -> get("/notices/{id}", c.world().notice(c.side())))
                        .authorOnly(false)
                        .note("a notice of the addressed organisation's member: only they open it"),
                endpoint("POST", "/notices/{id}/read")
                        .perObject()
                        .request(c -> post("/notices/{id}/read", c.world().notice(c.side())))
                        .authorOnly(false),
                endpoint("GET", "/mentions")
                        .perObject()
                        .request(c -> get("/mentions")
                                .param("forum", Long.toString(topic(c).forumId()))
                                .param("q", "te"))
                        .communityScoped(),
                endpoint("GET", "/watch/forums/{id}")
                        .perObject()
                        .request(c -> get("/watch/forums/{id}", topic(c).forumId()))
                        .communityScoped(),
                endpoint("POST", "/watch/forums/{id}")
                        .perObject()
                        .request(c ->
                                post("/watch/forums/{id}", topic(c).forumId()).param("level", "NORMAL"))
                        .communityScoped(),
                endpoint("GET", "/watch/topics/{id}")
                        .perObject()
                        .request(c -> get("/watch/topics/{id}", topic(c).id()))
                        .communityScoped(),
                endpoint("POST", "/watch/topics/{id}")
                        .perObject()
                        .request(c -> post("/watch/topics/{id}", topic(c).id()).param("level", "NORMAL"))
                        .communityScoped(),
                // C10: members report what they can see and did not write; staff act instead.
                endpoint("GET", "/flags/new")
                        .perObject()
                        .request(c ->
                                get("/flags/new").param("type", "post").param("id", Long.toString(topic(c).replyId())))
                        .reportableByOthers()
                        .note("a reply by the owner of the addressed organisation: its author cannot report it"),
                endpoint("POST", "/flags")
                        .perObject()
                        .request(c -> post("/flags")
                                .param("type", "post")
                                .param("id", Long.toString(topic(c).replyId()))
                                .param("reason", "SPAM"))
                        .reportableByOthers(),
                endpoint("GET", "/staff/moderation")
                        .request(c -> get("/staff/moderation"))
                        .staffOnly(),
                endpoint("GET", "/staff/moderation/summary")
                        .request(c -> get("/staff/moderation/summary"))
                        .staffOnly(),
                endpoint("GET", "/staff/moderation/{id}")
                        .request(c -> get("/staff/moderation/{id}", c.world().flag(World.Side.A)))
                        .staffOnly(),
                endpoint("POST", "/staff/moderation/{id}/{action}")
                        .fresh()
                        .request(c -> post(
                                        "/staff/moderation/{id}/{action}",
                                        c.world().flag(World.Side.A),
                                        "dismiss")
                                .param("reason", "Matrix"))
                        .staffOnly()
                        .note("moderators and administrators alike work the queue"),
                endpoint("GET", "/members")
                        .request(c -> get("/members").param("q", "a"))
                        .signedIn(),
                endpoint("GET", "/members/{id}")
                        .perObject()
                        .request(c -> get("/members/{id}", c.member()))
                        .communityScoped(),

                // Staff pages: /staff/** hides itself (404) from everyone but staff.
                endpoint("GET", "/staff").request(c -> get("/staff")).staffOnly(),
                endpoint("GET", "/staff/registrations")
                        .request(c -> get("/staff/registrations"))
                        .adminOnly(),
                endpoint("POST", "/staff/registrations/{membershipId}/approve")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                "/staff/registrations/{membershipId}/approve",
                                c.world().pendingMembership(c.side())))
                        .adminOnly()
                        .note("own: the role's own organisation's pending application (no self-approval)"),
                endpoint("POST", "/staff/registrations/{membershipId}/reject")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                        "/staff/registrations/{membershipId}/reject",
                                        c.world().pendingMembership(c.side()))
                                .param("reason", "Geen klant van deze leverancier."))
                        .adminOnly(),
                endpoint("GET", "/staff/organisations")
                        .request(c -> get("/staff/organisations"))
                        .adminOnly(),
                endpoint("GET", "/staff/organisations/{id}")
                        .perObject()
                        .request(c -> get("/staff/organisations/{id}", c.org().id()))
                        .adminOnly(),
                endpoint("GET", "/staff/organisations/{id}/succession")
                        .perObject()
                        .request(c -> get(
                                "/staff/organisations/{id}/succession", c.org().id()))
                        .adminOnly(),
                endpoint("POST", "/staff/organisations/{id}/succession")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                        "/staff/organisations/{id}/succession",
                                        c.org().id())
                                .param("reason", "DEATH")
                                .param("evidence", "Akte van overlijden gezien, nr. 2026-0001, autorisatiematrix")
                                .param("newOwner", Long.toString(c.member())))
                        .adminOnly()
                        .note("G3: the recorded succession procedure"),
                endpoint("GET", "/staff/licence-requests")
                        .request(c -> get("/staff/licence-requests"))
                        .adminOnly(),
                endpoint("POST", "/staff/licence-requests/{id}")
                        .perObject()
                        .fresh()
                        .request(c -> post(
                                        "/staff/licence-requests/{id}",
                                        c.world().licenceRequest(c.side()))
                                .param("approve", "true")
                                .param("note", "Akkoord."))
                        .adminOnly(),
                endpoint("GET", "/staff/vendors")
                        .request(c -> get("/staff/vendors"))
                        .adminOnly(),
                endpoint("POST", "/staff/vendors")
                        .request(c -> post("/staff/vendors")
                                .param("name", "Matrixleverancier " + System.nanoTime())
                                .param("description", "Alleen voor de autorisatiematrix."))
                        .adminOnly()
                        .note("creates an inactive vendor"),
                endpoint("GET", "/staff/vendors/{id}")
                        .request(c ->
                                get("/staff/vendors/{id}", c.world().shared().otherVendor()))
                        .adminOnly(),
                endpoint("POST", "/staff/vendors/{id}")
                        .request(c -> {
                            String name = "Matrixleverancier " + System.nanoTime();
                            return post("/staff/vendors/{id}", c.world().scratchVendor())
                                    .param("name", name)
                                    .param("slug", World.slug(name))
                                    .param("description", "Bijgewerkt.");
                        })
                        .adminOnly()
                        .note("on an inactive vendor of its own"),
                endpoint("POST", "/staff/vendors/{id}/modules")
                        .request(c -> post(
                                        "/staff/vendors/{id}/modules", c.world().scratchVendor())
                                .param("name", "Matrixmodule")
                                .param("description", ""))
                        .adminOnly()
                        .note("on an inactive vendor of its own"),
                endpoint("POST", "/staff/modules/{id}/retire")
                        .fresh()
                        .request(c -> post("/staff/modules/{id}/retire", throwawayModule(c)))
                        .adminOnly()
                        .note("retires a module made for the case (no successor: its forum becomes an archive)"),
                endpoint("GET", "/staff/vendors/{id}/forums")
                        .request(
                                c -> get("/staff/vendors/{id}/forums", c.world().vendorOf(World.Side.A)))
                        .adminOnly(),
                endpoint("POST", "/staff/vendors/{id}/forums/general")
                        .request(c -> post(
                                "/staff/vendors/{id}/forums/general", c.world().vendorOf(World.Side.C)))
                        .adminOnly()
                        .note(
                                "opens the general forum of the matrix's second vendor (once; later cases change nothing)"),
                endpoint("POST", "/staff/forums/{forumId}")
                        .request(c -> post("/staff/forums/{forumId}", forumOf(c))
                                .param("name", "Matrixforum")
                                .param("description", "")
                                .param("position", "0"))
                        .adminOnly()
                        .note("renames a forum of the matrix's second vendor"),
                endpoint("GET", "/staff/modules/{id}")
                        .request(c -> get("/staff/modules/{id}", c.world().scratchModule()))
                        .adminOnly(),
                endpoint("POST", "/staff/modules/{id}")
                        .request(c -> post("/staff/modules/{id}", c.world().scratchModule())
                                .param("name", "Matrixmodule hernoemd")
                                .param("slug", "matrixmodule-hernoemd")
                                .param("description", ""))
                        .adminOnly()
                        .note("on a module of an inactive vendor of its own"),
                endpoint("GET", "/staff/audit")
                        .request(c -> get("/staff/audit"))
                        .staffOnly(),
                endpoint("GET", "/staff/mail").request(c -> get("/staff/mail")).adminOnly(),
                endpoint("GET", "/staff/mail/sent")
                        .request(c -> get("/staff/mail/sent"))
                        .adminOnly(),
                endpoint("GET", "/staff/mail/{id}")
                        .request(c -> get("/staff/mail/{id}", c.world().mail()))
                        .adminOnly(),
                endpoint("GET", "/staff/mail/{id}/html")
                        .request(c -> get("/staff/mail/{id}/html", c.world().mail()))
                        .adminOnly(),
                endpoint("POST", "/staff/mail/{id}/retry")
                        .request(c -> post("/staff/mail/{id}/retry", c.world().mail()))
                        .adminOnly()
                        .note("a mail that has not failed: the outbox says so"));
    }

    private static Endpoint endpoint(String method, String pattern) {
        return new Endpoint(method, pattern);
    }

    /** The addressed organisation's vendor's first {@code n} modules, as form values. */
    private static long legalVersion(Case c, String document) {
        return c.world()
                .shared()
                .jdbc()
                .sql("select min(id) from legal_version where document = ?")
                .param(document)
                .query(Long.class)
                .single();
    }

    private static long demoModerator(Case c) {
        return c.world()
                .shared()
                .accounts()
                .findByEmail("moderator@clanq.nl")
                .orElseThrow()
                .id();
    }

    /** A throwaway person with a personal block in force (C10). */
    private static long blockedPerson(Case c) {
        long person = c.world().person();
        c.world()
                .shared()
                .jdbc()
                .sql("insert into user_block (user_id, reason, blocked_by) values (?, 'Autorisatiematrix', ?)")
                .params(person, person)
                .update();
        return person;
    }

    /** The addressed organisation, blocked for the case (C10). */
    private static long blockedOrganisation(Case c) {
        long organisation = c.org().id();
        c.world()
                .shared()
                .jdbc()
                .sql(
                        "insert into organisation_block (organisation_id, reason, blocked_by) values (?, 'Autorisatiematrix', ?)")
                .params(organisation, c.org().ownerId())
                .update();
        return organisation;
    }

    private static long throwawayModule(Case c) {
        World.Shared shared = c.world().shared();
        String slug = "matrix-" + System.nanoTime();
        return shared.tx().execute(s -> shared.catalog()
                .addModule(shared.demoVendor(), new Catalog.ModuleForm("Matrixmodule", slug, ""), shared.staff()));
    }

    private static long forumOf(Case c) {
        return c.world()
                .shared()
                .jdbc()
                .sql("select id from forum where vendor_id = ? order by id limit 1")
                .param(c.world().vendorOf(World.Side.C))
                .query(Long.class)
                .single();
    }

    private static World.Topic topic(Case c) {
        return c.world().topic(c.side());
    }

    private static String[] moduleIds(Case c, int n) {
        return c.world().modules(c.vendor()).stream()
                .limit(n)
                .map(m -> Long.toString(m.id()))
                .toArray(String[]::new);
    }

    /** The default choices of the notice preferences page. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder defaultNoticePreferences(
            Case c) {
        var request = post("/profile/notifications")
                .param("digest", "WEEKLY")
                .param("autoWatchStarted", "true")
                .param("autoTrackReplied", "true");
        for (nl.clanq.notifications.NoticeKind kind : nl.clanq.notifications.NoticePreferences.mailableKinds()) {
            request = request.param(
                    "delivery-" + kind.name(), kind.defaultDelivery().name());
        }
        return request;
    }

    /** The acting person's current profile, sent back unchanged. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder sameProfile(Case c) {
        UserView u = c.world().shared().accounts().get(c.actor());
        return post("/profile")
                .param("firstName", u.firstName())
                .param("lastName", u.lastName())
                .param("jobTitle", u.jobTitle())
                .param("city", u.city())
                .param("phone", u.phone())
                .param("phoneHidden", Boolean.toString(u.phoneHidden()))
                .param("bio", u.bio())
                .param("specialisms", u.specialisms().stream().collect(Collectors.joining(", ")));
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder registration(Case c) {
        long module = c.world().modules(c.world().shared().demoVendor()).get(1).id();
        return post("/register/{slug}", c.world().shared().demoVendorSlug())
                .param("organisationName", "Gemeente Matrixdorp")
                .param("kvkNumber", "87654321")
                .param("city", "Matrixdorp")
                .param("industry", "government")
                .param("employees", "251-1000")
                .param("modules", Long.toString(module))
                .param("firstName", "Ria")
                .param("lastName", "Registrant")
                .param("email", Fixtures.unique("registrant"))
                .param("jobTitle", "Functioneel beheerder")
                .param("password", NEW_PASSWORD)
                .param("acceptTerms", "true")
                .param("acceptPrivacy", "true");
    }
}
