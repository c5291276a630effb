package nl.clanq.search;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.bridge.mapping.annotation.ValueBridgeRef;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;

/**
 * A topic as the index sees it: read-only over the forums' tables (the forums module writes them),
 * one document per topic with its title, question, accepted answer and other replies. Hidden and
 * deleted posts are left out; deleted and merged topics are indexed as not listed.
 */
@Entity
@Immutable
@Table(name = "topic")
@Indexed(index = "topic")
class TopicDocument {

    static final String TITLE = "title";
    static final String TITLE_EN = "title_en";
    static final String QUESTION = "question";
    static final String QUESTION_EN = "question_en";
    static final String ANSWER = "answer";
    static final String ANSWER_EN = "answer_en";
    static final String REPLIES = "replies";
    static final String REPLIES_EN = "replies_en";

    @Id
    @DocumentId
    Long id;

    @FullTextField(name = TITLE, analyzer = "dutch", projectable = Projectable.YES, highlightable = Highlightable.ANY)
    @FullTextField(name = TITLE_EN, analyzer = "english")
    String title;

    @GenericField(projectable = Projectable.YES)
    long forumId;

    @Formula("(select f.vendor_id from forum f where f.id = forum_id)")
    @GenericField
    long vendorId;

    @GenericField(projectable = Projectable.YES)
    long authorId;

    @Formula("(select u.first_name || ' ' || u.last_name from app_user u where u.id = author_id)")
    @FullTextField(analyzer = "name", projectable = Projectable.YES)
    String authorName;

    @GenericField(sortable = Sortable.YES)
    Instant createdAt;

    @GenericField(sortable = Sortable.YES, projectable = Projectable.YES)
    Instant lastPostAt;

    @GenericField(projectable = Projectable.YES)
    int replyCount;

    @Formula("(accepted_post_id is not null)")
    @GenericField(projectable = Projectable.YES)
    boolean solved;

    @Formula("(deleted_at is null and merged_into is null)")
    @GenericField
    boolean listed;

    @Formula(
            "(select p.body_source from post p where p.topic_id = id and p.position = 0 and p.hidden_at is null and p.deleted_at is null)")
    @FullTextField(
            name = QUESTION,
            analyzer = "dutch",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            valueBridge = @ValueBridgeRef(type = PlainText.class))
    @FullTextField(name = QUESTION_EN, analyzer = "english", valueBridge = @ValueBridgeRef(type = PlainText.class))
    String question;

    @Formula(
            "(select p.body_source from post p where p.id = accepted_post_id and p.hidden_at is null and p.deleted_at is null)")
    @FullTextField(
            name = ANSWER,
            analyzer = "dutch",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            valueBridge = @ValueBridgeRef(type = PlainText.class))
    @FullTextField(name = ANSWER_EN, analyzer = "english", valueBridge = @ValueBridgeRef(type = PlainText.class))
    String answer;

    @Formula(
            "(select string_agg(p.body_source, chr(10) || chr(10) order by p.position) from post p where p.topic_id = id and p.position > 0"
                    + " and p.hidden_at is null and p.deleted_at is null and p.id <> coalesce(accepted_post_id, 0))")
    @FullTextField(
            name = REPLIES,
            analyzer = "dutch",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY,
            valueBridge = @ValueBridgeRef(type = PlainText.class))
    @FullTextField(name = REPLIES_EN, analyzer = "english", valueBridge = @ValueBridgeRef(type = PlainText.class))
    String replies;

    protected TopicDocument() {}
}
