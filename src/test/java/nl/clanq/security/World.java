package nl.clanq.security;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.PasswordResets;
import nl.clanq.catalog.Catalog;
import nl.clanq.catalog.ModuleView;
import nl.clanq.mail.MailMessage;
import nl.clanq.mail.Mailer;
import nl.clanq.notifications.NoticeKind;
import nl.clanq.notifications.UnsubscribeTokens;
import nl.clanq.notifications.Unsubscription;
import nl.clanq.organisations.Fixtures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organisations one matrix case acts in, made on first use: A and B in the demo vendor's
 * community, C in a second vendor's community; each with an owner and a member with a seat. The
 * shared world serves read-only cases; a state-changing case gets a world of its own.
 */
final class World {

    enum Side {
        A,
        B,
        C
    }

    /** What every world shares: the beans it builds with and the two vendors. */
    record Shared(
            Fixtures fixtures,
            Accounts accounts,
            Catalog catalog,
            PasswordResets resets,
            Mailer mailer,
            TransactionTemplate tx,
            JdbcClient jdbc,
            long demoVendor,
            String demoVendorSlug,
            long otherVendor,
            Catalog.Actor staff,
            Set<Long> organisations,
            UnsubscribeTokens unsubscribeTokens) {

        static Set<Long> newOrganisationSet() {
            return ConcurrentHashMap.newKeySet();
        }
    }

    private final Shared shared;
    private final Map<Side, Fixtures.Org> orgs = new EnumMap<>(Side.class);
    private final Map<Side, Long> members = new EnumMap<>(Side.class);

    World(Shared shared) {
        this.shared = shared;
    }

    Shared shared() {
        return shared;
    }

    Fixtures.Org org(Side side) {
        return orgs.computeIfAbsent(side, s -> {
            Fixtures.Org org = shared.fixtures().organisation(vendorOf(s));
            shared.organisations().add(org.id());
            members.put(s, shared.fixtures().quickMember(org));
            return org;
        });
    }

    long owner(Side side) {
        return org(side).ownerId();
    }

    long member(Side side) {
        org(side);
        return members.get(side);
    }

    /** The vendor whose community {@code side} belongs to. */
    long vendorOf(Side side) {
        return side == Side.C ? shared.otherVendor() : shared.demoVendor();
    }

    /** A vendor whose community {@code side} does not belong to yet. */
    long vendorNotOf(Side side) {
        return side == Side.C ? shared.demoVendor() : shared.otherVendor();
    }

    List<ModuleView> modules(long vendorId) {
        return shared.catalog().activeModules(vendorId);
    }

    private Long lockedMember;

    /** S10: a member of an organisation (of its own, in the demo vendor) that its owner locked. */
    long lockedMember() {
        if (lockedMember == null) {
            Fixtures.Org org = shared.fixtures().organisation(shared.demoVendor());
            shared.organisations().add(org.id());
            lockedMember = shared.fixtures().quickMember(org);
            shared.jdbc()
                    .sql(
                            "insert into organisation_security (organisation_id, locked_at, locked_by) values (?, now(), ?)")
                    .params(org.id(), org.ownerId())
                    .update();
        }
        return lockedMember;
    }

    /** A forum topic per side. */
    record Topic(long id, long questionId, long replyId, String vendorSlug, String forumSlug, long forumId) {}

    private final Map<Side, Topic> topics = new EnumMap<>(Side.class);

    /**
     * A topic in the forum of the first module of {@code side}'s vendor (the module the fixture
     * organisations hold a licence for), asked by the side's member and answered by its owner.
     */
    Topic topic(Side side) {
        return topics.computeIfAbsent(side, s -> {
            long member = member(s);
            long owner = owner(s);
            JdbcClient jdbc = shared.jdbc();
            record Forum(long id, String vendorSlug, String slug) {}
            Forum forum = jdbc.sql(
                            """
                            select f.id, v.slug as vendor_slug, f.slug from forum f join vendor v on v.id = f.vendor_id
                            join software_module m on m.id = f.module_id
                            where f.vendor_id = ? order by m.position, m.id limit 1""")
                    .param(vendorOf(s))
                    .query(Forum.class)
                    .single();
            long topicId = jdbc.sql(
                            """
                            insert into topic (forum_id, title, author_id, last_poster_id, reply_count)
                            values (?, 'Matrixvraag over de salarisrun', ?, ?, 1) returning id""")
                    .params(forum.id(), member, owner)
                    .query(Long.class)
                    .single();
            long question = jdbc.sql(
                            """
                            insert into post (topic_id, position, author_id, body_source, body_html)
                            values (?, 0, ?, 'Vraag', '<p>Vraag</p>') returning id""")
                    .params(topicId, member)
                    .query(Long.class)
                    .single();
            long reply = jdbc.sql(
                            """
                            insert into post (topic_id, position, author_id, body_source, body_html)
                            values (?, 1, ?, 'Antwoord', '<p>Antwoord</p>') returning id""")
                    .params(topicId, owner)
                    .query(Long.class)
                    .single();
            return new Topic(topicId, question, reply, forum.vendorSlug(), forum.slug(), forum.id());
        });
    }

    private final Map<Side, Long> notices = new EnumMap<>(Side.class);

    /** A notice for the side's member about its topic. */
    long notice(Side side) {
        return notices.computeIfAbsent(side, s -> shared.jdbc()
                .sql(
                        """
                        insert into notice (user_id, kind, topic_id, title, url)
                        values (?, 'REPLY', ?, 'Matrixvraag', ?) returning id""")
                .params(member(s), topic(s).id(), "/topics/" + topic(s).id())
                .query(Long.class)
                .single());
    }

    private final Map<Side, Long> flags = new EnumMap<>(Side.class);

    /** A pending review-queue item: the side's member reported its owner's reply. */
    long flag(Side side) {
        return flags.computeIfAbsent(side, s -> {
            Topic topic = topic(s);
            long flag = shared.jdbc()
                    .sql(
                            """
                            insert into flag (target_type, target_id, author_id, report_count)
                            values ('POST', ?, ?, 1)
                            on conflict (target_type, target_id) where status = 'PENDING'
                            do update set last_reported_at = now() returning id""")
                    .params(topic.replyId(), owner(s))
                    .query(Long.class)
                    .single();
            shared.jdbc()
                    .sql(
                            "insert into flag_report (flag_id, reporter_id, reason) values (?, ?, 'SPAM') on conflict do nothing")
                    .params(flag, member(s))
                    .update();
            return flag;
        });
    }

    private final Map<Side, long[]> conversations = new EnumMap<>(Side.class);

    /** A conversation between the side's member and owner, and one of the member with the staff inbox. */
    long[] conversations(Side side) {
        return conversations.computeIfAbsent(side, s -> {
            long member = member(s);
            long owner = owner(s);
            long privateOne = shared.fixtures().conversation(member, owner);
            long inbox = shared.fixtures().conversation(member, null);
            long message = shared.jdbc()
                    .sql("select id from message where conversation_id = ? order by id limit 1")
                    .param(privateOne)
                    .query(Long.class)
                    .single();
            return new long[] {privateOne, inbox, message};
        });
    }

    /** A person with an account and no organisation. */
    long person() {
        return shared.fixtures().quickPerson(Fixtures.unique("person"));
    }

    Fixtures.Invitation invitation(Side side) {
        return shared.fixtures().invitation(org(side));
    }

    /** {@code side}'s application for the other vendor's community, waiting for staff. */
    long pendingMembership(Side side) {
        return shared.fixtures().pendingMembership(org(side), vendorNotOf(side));
    }

    long licenceRequest(Side side) {
        return shared.fixtures().licenceRequest(org(side), vendorOf(side));
    }

    /** A one-click unsubscribe token of a throwaway person, as a notice mail carries it. */
    String unsubscribeToken() {
        return shared.unsubscribeTokens().issue(Unsubscription.ofKinds(person(), List.of(NoticeKind.REPLY)));
    }

    String resetToken(long userId) {
        return shared.tx().execute(status -> shared.resets().newToken(userId, Duration.ofMinutes(30)));
    }

    /** An inactive vendor only this case uses (inactive, so registration keeps its single choice). */
    long scratchVendor() {
        String name = "Matrixleverancier " + System.nanoTime();
        return shared.catalog()
                .createVendor(
                        new Catalog.VendorForm(name, slug(name), "", "Alleen voor de autorisatiematrix.", false),
                        shared.staff());
    }

    long scratchModule() {
        long vendor = scratchVendor();
        return shared.catalog()
                .addModule(vendor, new Catalog.ModuleForm("Matrixmodule", "matrixmodule", ""), shared.staff());
    }

    /** A mail in the outbox, to a test address. */
    long mail() {
        String to = Fixtures.unique("mail");
        return shared.tx().execute(status -> {
            shared.mailer()
                    .send(MailMessage.to(to, Locale.forLanguageTag("nl"))
                            .kind("test.matrix")
                            .subject("Autorisatiematrix")
                            .paragraph("Een mail om staff-pagina's mee te openen.")
                            .build());
            return shared.jdbc()
                    .sql("select max(id) from mail_outbox where recipient = ?")
                    .param(to)
                    .query(Long.class)
                    .single();
        });
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
