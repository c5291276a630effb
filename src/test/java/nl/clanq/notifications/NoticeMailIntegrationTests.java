package nl.clanq.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeUtility;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.clanq.IntegrationTest;
import nl.clanq.MovableClock;
import nl.clanq.TestMail;
import nl.clanq.accounts.Accounts;
import nl.clanq.catalog.Catalog;
import nl.clanq.mail.Mailer;
import nl.clanq.notifications.NoticeKind.Delivery;
import nl.clanq.organisations.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notice mail (issue #9) against the real database, mail outbox and SMTP server. The jobs run on a
 * {@link MovableClock} of each test's own, called directly rather than by the scheduler. Immediate
 * mail runs on a clock before the real time (notices other code makes on the real clock are then
 * not yet due); the digest on a clock far after it, in vendor communities made for the test, so that
 * nothing else in the shared database is new in its period.
 */
@IntegrationTest
class NoticeMailIntegrationTests {

    private static final Pattern UNSUBSCRIBE = Pattern.compile("https?://[^/\\s]+(/unsubscribe/[A-Za-z0-9._-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    NoticeMailing mailing;

    @Autowired
    NoticePreferences preferences;

    @Autowired
    UnsubscribeTokens tokens;

    @Autowired
    Mailer mailer;

    @Autowired
    NoticeMailProperties properties;

    MovableClock clock;
    NoticeMail immediate;
    NoticeDigest digest;

    @BeforeEach
    void jobsOnAMovableClock() {
        clock = new MovableClock("2026-11-20T10:00:00Z");
        immediate = new NoticeMail(jdbc, tx, mailing, preferences, mailer, properties, clock);
        digest = new NoticeDigest(jdbc, tx, mailing, mailer, clock);
    }

    // ------------------------------------------------------------------ helpers

    private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn();
    }

    private String email(long userId) {
        return accounts.get(userId).email();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private long notice(long userId, NoticeKind kind, Instant at, String title) {
        return notice(userId, kind, at, title, null, null, null, null, "PENDING");
    }

    private long notice(
            long userId,
            NoticeKind kind,
            Instant at,
            String title,
            Long actorId,
            Long forumId,
            Long topicId,
            String detail,
            String mailState) {
        return jdbc.sql(
                        """
                        insert into notice (user_id, kind, actor_id, forum_id, topic_id, title, detail, url, created_at,
                                            mail_state)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        userId,
                        kind.name(),
                        actorId,
                        forumId,
                        topicId,
                        title,
                        detail,
                        topicId == null ? "/notices" : "/topics/" + topicId,
                        utc(at),
                        mailState)
                .query(Long.class)
                .single();
    }

    private String mailState(long noticeId) {
        return jdbc.sql("select mail_state from notice where id = ?")
                .param(noticeId)
                .query(String.class)
                .single();
    }

    /** Notice mails queued for {@code userId} so far (the outbox: exact, and no waiting for SMTP). */
    private int noticeMails(long userId, String kind) {
        return jdbc.sql("select count(*) from mail_outbox where recipient = ? and kind = ?")
                .params(email(userId), kind)
                .query(Integer.class)
                .single();
    }

    private void runImmediateAt(Instant at) {
        clock.set(at);
        immediate.sendDue();
    }

    /** The forum of a module: the module's forum (C2). */
    private long forumOf(long moduleId) {
        return jdbc.sql("select id from forum where module_id = ?")
                .param(moduleId)
                .query(Long.class)
                .single();
    }

    private record Community(long vendorId, long forumId, long lockedForumId, Fixtures.Org org) {}

    /**
     * A vendor community of its own, with two module forums: its organisation holds the licence for
     * the first only.
     */
    private Community community() {
        String name = "Digestsoft " + System.nanoTime();
        Catalog.Actor staff = new Catalog.Actor(1, "test");
        long vendor = tx.execute(s -> catalog.createVendor(
                new Catalog.VendorForm(name, "digest-" + System.nanoTime(), "", "", false), staff));
        long first =
                tx.execute(s -> catalog.addModule(vendor, new Catalog.ModuleForm("Salaris", "salaris", ""), staff));
        long second = tx.execute(s -> catalog.addModule(vendor, new Catalog.ModuleForm("Verlof", "verlof", ""), staff));
        return new Community(vendor, forumOf(first), forumOf(second), fixtures.organisation(vendor));
    }

    /** A topic started at {@code at} with a reply at each of {@code replies}. */
    private long topic(long forumId, long authorId, String title, Instant at, Instant... replies) {
        Instant last = replies.length == 0 ? at : replies[replies.length - 1];
        long topicId = jdbc.sql(
                        """
                        insert into topic (forum_id, title, author_id, created_at, last_post_at, last_poster_id, reply_count)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(forumId, title, authorId, utc(at), utc(last), authorId, replies.length)
                .query(Long.class)
                .single();
        jdbc.sql(
                        """
                        insert into post (topic_id, position, author_id, body_source, body_html, created_at)
                        values (?, 0, ?, 'Geheime vraagtekst', '<p>Geheime vraagtekst</p>', ?)""")
                .params(topicId, authorId, utc(at))
                .update();
        for (int i = 0; i < replies.length; i++) {
            jdbc.sql(
                            """
                            insert into post (topic_id, position, author_id, body_source, body_html, created_at)
                            values (?, ?, ?, 'Geheime antwoordtekst', '<p>Geheime antwoordtekst</p>', ?)""")
                    .params(topicId, i + 1, authorId, utc(replies[i]))
                    .update();
        }
        return topicId;
    }

    /** A moment far after the real time: nothing that other tests make is new in a digest then. */
    private Instant digestTime(int daysAhead) {
        return Instant.now().plus(Duration.ofDays(daysAhead));
    }

    private static String unsubscribePath(String text) {
        Matcher m = UNSUBSCRIBE.matcher(text);
        assertThat(m.find()).as("an unsubscribe link in: " + text).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------ immediate mail

    @Test
    void severalNoticesWithinFiveMinutesBecomeOneMail() {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.quickMember(org);
        long actor = org.ownerId();
        Instant t0 = clock.instant();
        long reply = notice(
                member,
                NoticeKind.REPLY,
                t0,
                "Salarisrun loopt vast bij stap drie",
                actor,
                null,
                null,
                null,
                "PENDING");
        long quoted = notice(
                member,
                NoticeKind.QUOTED,
                t0.plusSeconds(120),
                "Verlofsaldo na een wijziging",
                actor,
                null,
                null,
                null,
                "PENDING");
        long mentioned = notice(
                member,
                NoticeKind.MENTIONED,
                t0.plusSeconds(240),
                "Koppeling met de roosterplanning",
                actor,
                null,
                null,
                null,
                "PENDING");

        // Four minutes after the first: the first waits for more to join it.
        runImmediateAt(t0.plusSeconds(240));
        assertThat(List.of(mailState(reply), mailState(quoted), mailState(mentioned)))
                .containsOnly("PENDING");
        assertThat(noticeMails(member, "notifications.notice")).isZero();

        // Five minutes after the first: one mail with all three.
        runImmediateAt(t0.plusSeconds(300));
        assertThat(List.of(mailState(reply), mailState(quoted), mailState(mentioned)))
                .containsOnly("SENT");
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(1);
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Nieuwe meldingen op Clanq");
        assertThat(mail.text())
                .contains("Er zijn 3 nieuwe meldingen voor u op Clanq")
                .contains("Test Persoon heeft gereageerd op uw onderwerp ‘Salarisrun loopt vast bij stap drie’")
                .contains("Test Persoon heeft u geciteerd in ‘Verlofsaldo na een wijziging’")
                .contains("Test Persoon heeft u genoemd in ‘Koppeling met de roosterplanning’")
                .contains("Alle meldingen bekijken: http://localhost:8080/notices")
                .contains("Meld u hier met één klik af");

        // A later notice starts a batch of its own; alone, its sentence is the subject.
        long later = notice(
                member,
                NoticeKind.REPLY,
                t0.plusSeconds(360),
                "Jaaropgaven opnieuw aanmaken",
                actor,
                null,
                null,
                null,
                "PENDING");
        runImmediateAt(t0.plusSeconds(600));
        assertThat(mailState(later)).isEqualTo("PENDING");
        runImmediateAt(t0.plusSeconds(660));
        assertThat(mailState(later)).isEqualTo("SENT");
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(2);
        TestMail.ReceivedMail single = TestMail.awaitMail(email(member), "Jaaropgaven opnieuw aanmaken");
        assertThat(single.subject())
                .isEqualTo("Test Persoon heeft gereageerd op uw onderwerp ‘Jaaropgaven opnieuw aanmaken’");
        assertThat(single.text()).contains("Bekijken in Clanq: http://localhost:8080/notices");
    }

    @Test
    void theHourlyCapHoldsBackFurtherMails() {
        assertThat(properties.mailsPerHour()).isEqualTo(4);
        long member = fixtures.quickMember(fixtures.organisation());
        Instant t0 = clock.instant();
        // Four notices ten minutes apart: four mails in the first hour.
        for (int i = 0; i < 4; i++) {
            Instant at = t0.plus(Duration.ofMinutes(10L * i));
            long id = notice(member, NoticeKind.MENTIONED, at, "Vraag nummer " + (i + 1) + " over de salarisrun");
            runImmediateAt(at.plus(Duration.ofMinutes(5)));
            assertThat(mailState(id)).isEqualTo("SENT");
        }
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(4);

        // The fifth and sixth wait: four mails went in the last hour.
        long fifth =
                notice(member, NoticeKind.MENTIONED, t0.plus(Duration.ofMinutes(40)), "Vraag nummer 5 over verlof");
        runImmediateAt(t0.plus(Duration.ofMinutes(45)));
        long sixth = notice(member, NoticeKind.REPLY, t0.plus(Duration.ofMinutes(50)), "Vraag nummer 6 over verzuim");
        runImmediateAt(t0.plus(Duration.ofMinutes(59)));
        assertThat(List.of(mailState(fifth), mailState(sixth))).containsOnly("PENDING");
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(4);

        // An hour after the first mail a slot is free: both go, together, in one mail.
        runImmediateAt(t0.plus(Duration.ofMinutes(65)));
        assertThat(List.of(mailState(fifth), mailState(sixth))).containsOnly("SENT");
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(5);
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Nieuwe meldingen op Clanq");
        assertThat(mail.text()).contains("Vraag nummer 5 over verlof").contains("Vraag nummer 6 over verzuim");
    }

    @Test
    void noMailForContentTheRecipientCannotReadAnyMore_S9() {
        Fixtures.Org org = fixtures.organisation(); // licence for the demo vendor's first module
        long member = fixtures.quickMember(org);
        long forum = forumOf(fixtures.modules().get(0).id());
        long otherForum = forumOf(fixtures.modules().get(1).id());
        Instant t0 = clock.instant();
        long licensed = topic(forum, org.ownerId(), "Loonstrook toont verkeerde periode", t0);
        long moved = topic(forum, org.ownerId(), "Declaraties komen dubbel binnen", t0);
        long aboutLicensed = notice(
                member,
                NoticeKind.WATCHED_TOPIC,
                t0,
                "Loonstrook toont verkeerde periode",
                org.ownerId(),
                forum,
                licensed,
                null,
                "PENDING");
        long aboutMoved = notice(
                member,
                NoticeKind.REPLY,
                t0,
                "Declaraties komen dubbel binnen",
                org.ownerId(),
                forum,
                moved,
                null,
                "PENDING");
        long announcement = notice(member, NoticeKind.ANNOUNCEMENT, t0, "Nieuwe gebruiksvoorwaarden per 1 januari");
        tx.executeWithoutResult(s -> {
            preferences.save(
                    member,
                    new NoticePreferences.Settings(
                            java.util.Map.of(
                                    NoticeKind.WATCHED_TOPIC, Delivery.IMMEDIATELY,
                                    NoticeKind.ANNOUNCEMENT, Delivery.IMMEDIATELY),
                            NoticePreferences.Digest.WEEKLY,
                            true,
                            true));
        });

        // Between the notices and the mail: the organisation's licence is dropped, and the other
        // topic is moved to a forum the organisation holds no licence for.
        jdbc.sql("delete from licence where membership_id = ?")
                .param(org.membershipId())
                .update();
        jdbc.sql("update topic set forum_id = ? where id = ?")
                .params(otherForum, moved)
                .update();
        runImmediateAt(t0.plus(Duration.ofMinutes(5)));

        assertThat(mailState(aboutLicensed)).isEqualTo("SKIPPED");
        assertThat(mailState(aboutMoved)).isEqualTo("SKIPPED");
        assertThat(mailState(announcement)).isEqualTo("SENT");
        // The notices themselves stay, for the list in Clanq.
        assertThat(jdbc.sql("select count(*) from notice where id in (?, ?)")
                        .params(aboutLicensed, aboutMoved)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Aankondiging");
        assertThat(mail.subject()).isEqualTo("Aankondiging: Nieuwe gebruiksvoorwaarden per 1 januari");
        assertThat(mail.text() + mail.html())
                .doesNotContain("Loonstrook toont verkeerde periode")
                .doesNotContain("Declaraties komen dubbel binnen")
                .doesNotContain("Geheime");
        assertThat(noticeMails(member, "notifications.notice")).isEqualTo(1);
    }

    @Test
    void noMailForDeactivatedOrBlockedPeopleOrAnUnconfirmedAddress() {
        Fixtures.Org org = fixtures.organisation();
        long deactivated = fixtures.quickMember(org);
        long blocked = fixtures.quickMember(org);
        long unconfirmed = fixtures.quickMember(org);
        long fine = fixtures.quickMember(org);
        tx.executeWithoutResult(s -> accounts.deactivate(deactivated));
        jdbc.sql("insert into user_block (user_id, reason, blocked_by) values (?, 'Spam', ?)")
                .params(blocked, org.ownerId())
                .update();
        jdbc.sql("update app_user set email_verified = false where id = ?")
                .param(unconfirmed)
                .update();
        Instant t0 = clock.instant();
        List<Long> notices = List.of(
                notice(deactivated, NoticeKind.MENTIONED, t0, "Vraag over de jaarafsluiting"),
                notice(blocked, NoticeKind.MENTIONED, t0, "Vraag over de jaarafsluiting"),
                notice(unconfirmed, NoticeKind.MENTIONED, t0, "Vraag over de jaarafsluiting"));
        long fineNotice = notice(fine, NoticeKind.MENTIONED, t0, "Vraag over de jaarafsluiting");

        runImmediateAt(t0.plus(Duration.ofMinutes(5)));

        assertThat(notices.stream().map(this::mailState)).containsOnly("SKIPPED");
        assertThat(mailState(fineNotice)).isEqualTo("SENT");
        for (long person : List.of(deactivated, blocked, unconfirmed)) {
            assertThat(noticeMails(person, "notifications.notice")).isZero();
        }
    }

    // ------------------------------------------------------------------ digest

    @Test
    void digestHoldsNewTopicsUnansweredQuestionsAndActiveTopics() {
        Community c = community();
        long member = fixtures.quickMember(c.org());
        long author = c.org().ownerId();
        Instant now = digestTime(400);
        clock.set(now);
        Instant dayAgo = now.minus(Duration.ofDays(1));
        long older = topic(
                c.forumId(),
                author,
                "Ouder onderwerp over de loonaangifte",
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(2)),
                dayAgo);
        long answered = topic(
                c.forumId(),
                author,
                "Nieuw onderwerp over pensioenen",
                now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(2)));
        topic(c.forumId(), author, "Onbeantwoorde vraag over ziekteverzuim", dayAgo);
        topic(c.lockedForumId(), author, "Onderwerp in een forum zonder licentie", dayAgo);
        topic(c.forumId(), member, "Eigen vraag van het lid zelf", dayAgo);
        topic(c.forumId(), author, "Heel oud onderwerp zonder nieuws", now.minus(Duration.ofDays(40)));
        long accepted = notice(
                member,
                NoticeKind.ACCEPTED,
                now.minus(Duration.ofHours(1)),
                "Nieuw onderwerp over pensioenen",
                author,
                c.forumId(),
                answered,
                null,
                "DIGEST");

        digest.sendDue();

        assertThat(noticeMails(member, "notifications.digest")).isEqualTo(1);
        assertThat(jdbc.sql("select bulk from mail_outbox where recipient = ? and kind = 'notifications.digest'")
                        .param(email(member))
                        .query(Boolean.class)
                        .single())
                .as("digests wait behind personal mail")
                .isTrue();
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Uw overzicht van Clanq");
        String text = mail.text().replace("\r\n", "\n");
        assertThat(text)
                .contains("in de forums die u kunt lezen")
                .contains("Voor u\n• Uw reactie in ‘Nieuw onderwerp over pensioenen’ is gekozen als het antwoord")
                .contains("Vragen zonder antwoord: kunt u helpen?\n• Onbeantwoorde vraag over ziekteverzuim (Salaris)")
                .contains(
                        "Nieuwe onderwerpen\n• Nieuw onderwerp over pensioenen (Salaris)\n  http://localhost:8080/topics/"
                                + answered)
                .contains("Drukke onderwerpen\n• Ouder onderwerp over de loonaangifte (Salaris), 3 nieuwe reacties\n"
                        + "  http://localhost:8080/topics/" + older)
                .contains("Naar Clanq: http://localhost:8080/latest")
                .doesNotContain("Onderwerp in een forum zonder licentie")
                .doesNotContain("Eigen vraag van het lid zelf")
                .doesNotContain("Heel oud onderwerp")
                .doesNotContain("Geheime");
        assertThat(jdbc.sql("select mailed_at is not null from notice where id = ?")
                        .param(accepted)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // Within the week: no second digest.
        clock.set(now.plus(Duration.ofDays(6)));
        topic(c.forumId(), author, "Nog een nieuwe vraag deze week", now.plus(Duration.ofDays(5)));
        digest.sendDue();
        assertThat(noticeMails(member, "notifications.digest")).isEqualTo(1);
        // A week after the last one: the next, with only what is new since.
        clock.set(now.plus(Duration.ofDays(7)));
        digest.sendDue();
        assertThat(noticeMails(member, "notifications.digest")).isEqualTo(2);
    }

    @Test
    void noDigestWhenNothingIsNewOrTheMemberVisited() {
        Community c = community();
        long quiet = fixtures.quickMember(c.org());
        long signedIn = fixtures.quickMember(c.org());
        long reader = fixtures.quickMember(c.org());
        long author = c.org().ownerId();
        Instant now = digestTime(500);
        clock.set(now);
        long old = topic(c.forumId(), author, "Onderwerp van lang geleden", now.minus(Duration.ofDays(20)));

        // Nothing new in the week: no digest for anyone.
        digest.sendDue();
        for (long member : List.of(quiet, signedIn, reader)) {
            assertThat(noticeMails(member, "notifications.digest")).isZero();
        }

        // Something new, but two of them visited Clanq this week: by signing in, or by reading a topic.
        topic(c.forumId(), author, "Nieuwe vraag over de werkkostenregeling", now.minus(Duration.ofHours(2)));
        jdbc.sql("update app_user set last_signed_in_at = ? where id = ?")
                .params(utc(now.minus(Duration.ofDays(2))), signedIn)
                .update();
        jdbc.sql("insert into topic_read (user_id, topic_id, last_position, read_at) values (?, ?, 0, ?)")
                .params(reader, old, utc(now.minus(Duration.ofDays(3))))
                .update();
        notice(
                signedIn,
                NoticeKind.WATCHED_TOPIC,
                now.minus(Duration.ofHours(2)),
                "Nieuwe vraag over de werkkostenregeling",
                author,
                c.forumId(),
                null,
                null,
                "DIGEST");
        clock.set(now.plus(Duration.ofMinutes(15)));
        digest.sendDue();

        assertThat(noticeMails(quiet, "notifications.digest")).isEqualTo(1);
        assertThat(noticeMails(signedIn, "notifications.digest")).isZero();
        assertThat(noticeMails(reader, "notifications.digest")).isZero();
    }

    // ------------------------------------------------------------------ unsubscribe

    @Test
    void unsubscribeLinkWorksLoggedOutAndRefusesATamperedToken() throws Exception {
        Fixtures.Org org = fixtures.organisation();
        long member = fixtures.quickMember(org);
        long other = fixtures.quickMember(org);
        Instant t0 = clock.instant();
        notice(
                member,
                NoticeKind.REPLY,
                t0,
                "Urenregistratie sluit niet aan",
                org.ownerId(),
                null,
                null,
                null,
                "PENDING");
        runImmediateAt(t0.plus(Duration.ofMinutes(5)));
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Urenregistratie sluit niet aan");
        assertThat(mail.text())
                .contains(
                        "Geen e-mail meer over antwoorden op uw onderwerpen? Meld u hier met één klik af: http://localhost:8080/unsubscribe/");
        String path = unsubscribePath(mail.text());

        // Logged out: a page that says what it stops, with one button.
        MvcResult page = perform(get(path));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString())
                .contains("Wilt u geen e-mail meer ontvangen over deze meldingen?")
                .contains("Antwoorden op mijn onderwerpen")
                .contains("action=\"" + path + "\"");
        assertThat(preferences.of(member).delivery(NoticeKind.REPLY)).isEqualTo(Delivery.IMMEDIATELY);

        // Tampered: another person's id with this tag, or a changed tag. Nothing changes.
        String token = path.substring("/unsubscribe/".length());
        String otherPerson = other + token.substring(token.indexOf('.'));
        int tag = token.lastIndexOf('.') + 1;
        String changedTag = token.substring(0, tag) + (token.charAt(tag) == 'A' ? 'B' : 'A') + token.substring(tag + 1);
        for (String bad : List.of(otherPerson, changedTag, "42.REPLY.nonsense", "nothing-like-a-token")) {
            MvcResult refused = perform(post("/unsubscribe/" + bad));
            assertThat(refused.getResponse().getStatus()).as(bad).isEqualTo(404);
            assertThat(refused.getResponse().getContentAsString())
                    .contains("Deze afmeldlink werkt niet")
                    .contains("er is niets veranderd");
            assertThat(perform(get("/unsubscribe/" + bad)).getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(preferences.of(other).delivery(NoticeKind.REPLY)).isEqualTo(Delivery.IMMEDIATELY);
        assertThat(preferences.of(member).delivery(NoticeKind.REPLY)).isEqualTo(Delivery.IMMEDIATELY);

        // One click, as a mail client does it (RFC 8058): no login, no CSRF token.
        MvcResult done = perform(post(path).param("List-Unsubscribe", "One-Click"));
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString())
                .contains("U bent afgemeld")
                .contains("href=\"/profile/notifications\"");
        assertThat(preferences.of(member).delivery(NoticeKind.REPLY)).isEqualTo(Delivery.NEVER);
        assertThat(preferences.of(member).delivery(NoticeKind.MENTIONED)).isEqualTo(Delivery.IMMEDIATELY);
        // The next reply is a notice in Clanq, but no mail.
        long next = notice(member, NoticeKind.REPLY, t0.plus(Duration.ofMinutes(10)), "Nog een antwoord op de uren");
        runImmediateAt(t0.plus(Duration.ofMinutes(15)));
        assertThat(mailState(next)).isEqualTo("SKIPPED");

        // The digest's link switches the digest off.
        String digestPath = "/unsubscribe/" + tokens.issue(Unsubscription.ofDigest(member));
        assertThat(perform(post(digestPath)).getResponse().getContentAsString())
                .contains("U ontvangt het overzicht niet meer per e-mail.");
        assertThat(preferences.of(member).digest()).isEqualTo(NoticePreferences.Digest.NEVER);
    }

    @Test
    void mailsCarryRfc8058Headers() throws Exception {
        long member = fixtures.quickMember(fixtures.organisation());
        Instant t0 = clock.instant();
        notice(member, NoticeKind.MENTIONED, t0, "Autorisaties voor een nieuwe afdeling");
        notice(member, NoticeKind.QUOTED, t0, "Autorisaties voor een nieuwe afdeling");
        runImmediateAt(t0.plus(Duration.ofMinutes(5)));
        TestMail.ReceivedMail mail = TestMail.awaitMail(email(member), "Nieuwe meldingen op Clanq");

        String listUnsubscribe = MimeUtility.unfold(mail.header("List-Unsubscribe"));
        assertThat(listUnsubscribe).matches("<http://localhost:8080/unsubscribe/[A-Za-z0-9._-]+>");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String token = listUnsubscribe.substring(listUnsubscribe.lastIndexOf('/') + 1, listUnsubscribe.length() - 1);
        // The mail was about quotes and mentions: its link stops exactly those.
        assertThat(tokens.read(token))
                .contains(Unsubscription.ofKinds(member, List.of(NoticeKind.QUOTED, NoticeKind.MENTIONED)));
        assertThat(unsubscribePath(mail.text())).isEqualTo("/unsubscribe/" + token);
        assertThat(mail.html()).contains("href=\"http://localhost:8080/unsubscribe/" + token + "\"");

        // The digest carries them too, with a link for the digest.
        clock.set(digestTime(600));
        notice(
                member,
                NoticeKind.ANNOUNCEMENT,
                clock.instant().minus(Duration.ofHours(3)),
                "Ledenbijeenkomst in maart",
                null,
                null,
                null,
                null,
                "DIGEST");
        digest.sendDue();
        TestMail.ReceivedMail digestMail = TestMail.awaitMail(email(member), "Uw overzicht van Clanq");
        String digestLink = MimeUtility.unfold(digestMail.header("List-Unsubscribe"));
        assertThat(digestMail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(digestMail.text()).contains("Aankondiging: Ledenbijeenkomst in maart");
        assertThat(tokens.read(digestLink.substring(digestLink.lastIndexOf('/') + 1, digestLink.length() - 1)))
                .contains(Unsubscription.ofDigest(member));
    }

    // ------------------------------------------------------------------ preferences

    @Test
    void preferencesPageSavesDeliveryPerKind() throws Exception {
        long member = fixtures.quickMember(fixtures.organisation());
        var principal = fixtures.principal(member);
        assertThat(perform(get("/profile").with(user(principal))).getResponse().getContentAsString())
                .contains("href=\"/profile/notifications\"");
        String page = perform(get("/profile/notifications").with(user(principal)))
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Antwoorden op mijn onderwerpen")
                .contains("Iemand reageert op een vraag of onderwerp dat u bent begonnen.")
                .contains("hoogstens 4 e-mails per uur")
                .contains("id=\"f-delivery-REPLY-IMMEDIATELY\" name=\"delivery-REPLY\" value=\"IMMEDIATELY\" checked")
                .contains("id=\"f-digest-WEEKLY\" name=\"digest\" value=\"WEEKLY\" checked")
                .doesNotContain("MENTION_UNREACHABLE");

        MockHttpServletRequestBuilder save = post("/profile/notifications")
                .with(user(principal))
                .with(csrf())
                .param("digest", "DAILY")
                .param("autoTrackReplied", "true");
        for (NoticeKind kind : NoticePreferences.mailableKinds()) {
            Delivery delivery =
                    switch (kind) {
                        case REPLY -> Delivery.DIGEST;
                        case MENTIONED -> Delivery.NEVER;
                        case ANNOUNCEMENT -> Delivery.IMMEDIATELY;
                        default -> kind.defaultDelivery();
                    };
            save = save.param("delivery-" + kind.name(), delivery.name());
        }
        MvcResult saved = perform(save);
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/profile/notifications");
        NoticePreferences.Settings settings = preferences.of(member);
        assertThat(settings.delivery(NoticeKind.REPLY)).isEqualTo(Delivery.DIGEST);
        assertThat(settings.delivery(NoticeKind.MENTIONED)).isEqualTo(Delivery.NEVER);
        assertThat(settings.delivery(NoticeKind.ANNOUNCEMENT)).isEqualTo(Delivery.IMMEDIATELY);
        assertThat(settings.delivery(NoticeKind.QUOTED)).isEqualTo(Delivery.IMMEDIATELY);
        assertThat(settings.digest()).isEqualTo(NoticePreferences.Digest.DAILY);
        assertThat(settings.autoWatchStarted()).isFalse();
        assertThat(settings.autoTrackReplied()).isTrue();
        assertThat(perform(get("/profile/notifications").with(user(principal)))
                        .getResponse()
                        .getContentAsString())
                .contains("id=\"f-delivery-REPLY-DIGEST\" name=\"delivery-REPLY\" value=\"DIGEST\" checked")
                .contains("id=\"f-digest-DAILY\" name=\"digest\" value=\"DAILY\" checked");

        // A value that is not one of the choices: the form comes back with what was typed, nothing is saved.
        MvcResult wrong = perform(post("/profile/notifications")
                .with(user(principal))
                .with(csrf())
                .param("digest", "NEVER")
                .param("delivery-REPLY", "SOMETIMES")
                .param("delivery-QUOTED", "NEVER"));
        assertThat(wrong.getResponse().getStatus()).isEqualTo(200);
        assertThat(wrong.getResponse().getContentAsString())
                .contains("Kies een van de mogelijkheden.")
                .contains("id=\"f-digest-NEVER\" name=\"digest\" value=\"NEVER\" checked")
                .contains("id=\"f-delivery-QUOTED-NEVER\" name=\"delivery-QUOTED\" value=\"NEVER\" checked");
        assertThat(preferences.of(member).digest()).isEqualTo(NoticePreferences.Digest.DAILY);
        assertThat(preferences.of(member).delivery(NoticeKind.QUOTED)).isEqualTo(Delivery.IMMEDIATELY);

        // The choices decide what the mail job does.
        Instant t0 = clock.instant();
        long reply = notice(member, NoticeKind.REPLY, t0, "Vraag over de pensioenaangifte");
        long mention = notice(member, NoticeKind.MENTIONED, t0, "Vraag over de pensioenaangifte");
        long announcement = notice(member, NoticeKind.ANNOUNCEMENT, t0, "Nieuwe privacyverklaring");
        runImmediateAt(t0.plus(Duration.ofMinutes(5)));
        assertThat(mailState(reply)).isEqualTo("DIGEST");
        assertThat(mailState(mention)).isEqualTo("SKIPPED");
        assertThat(mailState(announcement)).isEqualTo("SENT");
    }
}
