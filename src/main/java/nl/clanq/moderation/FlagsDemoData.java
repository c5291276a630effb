package nl.clanq.moderation;

import nl.clanq.shared.db.Rows;
import nl.clanq.shared.demo.DemoContext;
import nl.clanq.shared.demo.DemoSeeder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo: a few reports waiting in the review queue — a reply reported as spam by two members (one
 * queue item, count 2) and a question reported as being in the wrong forum.
 */
@Component
class FlagsDemoData implements DemoSeeder {

    private final JdbcClient jdbc;

    FlagsDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "moderation-flags";
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public boolean hasForeignData() {
        return jdbc.sql("select count(*) from flag").query(Long.class).single() > 0;
    }

    @Override
    public void seed(DemoContext context) {
        long eva = user("eva@zuidwaarde.example.nl");
        long daan = user("daan@delinde.example.nl");
        long joost = user("joost@veldman.example.nl");

        // A reply in the payroll forum (Zuidwaarde and De Linde read it) by neither reporter.
        record Post(long id, long authorId) {}
        Post reply = jdbc.sql(
                        """
                        select p.id, p.author_id from post p join topic t on t.id = p.topic_id
                        join forum f on f.id = t.forum_id
                        where f.slug = 'salarisadministratie' and p.position > 0 and p.author_id not in (?, ?)
                          and p.deleted_at is null
                        order by p.created_at desc, p.id desc limit 1""")
                .params(eva, daan)
                .query(Rows.of(Post.class))
                .optional()
                .orElse(null);
        if (reply != null) {
            long flag = flag("POST", reply.id(), reply.authorId(), 2);
            report(flag, eva, "SPAM", "Dit lijkt reclame voor een adviesbureau.", 26);
            report(flag, daan, "SPAM", "", 5);
        }
        // A question in the leave forum (Veldman reads it) that is really about payroll.
        Post question = jdbc.sql(
                        """
                        select t.id, t.author_id from topic t join forum f on f.id = t.forum_id
                        where f.slug = 'verlof-en-verzuim' and t.author_id <> ? and t.deleted_at is null
                          and t.merged_into is null
                        order by t.created_at desc, t.id desc limit 1""")
                .param(joost)
                .query(Rows.of(Post.class))
                .optional()
                .orElse(null);
        if (question != null) {
            long flag = flag("TOPIC", question.id(), question.authorId(), 1);
            report(flag, joost, "WRONG_FORUM", "Volgens mij hoort dit bij Salarisadministratie.", 50);
        }
    }

    private long user(String email) {
        return jdbc.sql("select id from app_user where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    private long flag(String type, long targetId, long authorId, int reports) {
        return jdbc.sql(
                        """
                        insert into flag (target_type, target_id, author_id, report_count, created_at, last_reported_at)
                        values (?, ?, ?, ?, now() - interval '1 day', now() - interval '5 minutes') returning id""")
                .params(type, targetId, authorId, reports)
                .query(Long.class)
                .single();
    }

    private void report(long flagId, long reporter, String reason, String text, int minutesAgo) {
        jdbc.sql(
                        """
                        insert into flag_report (flag_id, reporter_id, reason, text, created_at)
                        values (?, ?, ?, ?, now() - make_interval(mins => ?))""")
                .params(flagId, reporter, reason, text, minutesAgo)
                .update();
    }
}
