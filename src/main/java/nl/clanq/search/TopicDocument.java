package nl.clanq.search;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Immutable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Norms;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.bridge.mapping.annotation.ValueBridgeRef;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;

/**
 * A topic as the index sees it: read-only over the forums' tables (the forums module writes them),
 * one document per topic with its title and the text of its question, accepted answer and other
 * replies. Hidden and deleted posts are left out; deleted and merged topics are indexed as not
 * listed.
 *
 * <p>A search finds topics by {@link #ALL} (title and text in one field, so each query word is one
 * posting list to walk, not a choice between fields) and ranks and highlights them by {@link
 * #TITLE} and {@link #TEXT}.
 */
@Entity
@Immutable
@Table(name = "topic")
@Indexed(index = "topic")
class TopicDocument {

    static final String TITLE = "title";
    static final String TITLE_EN = "title_en";
    static final String QUESTION = "opening";
    static final String TEXT = "text";
    static final String ALL = "all";
    static final String ALL_EN = "all_en";
    static final String MAPPING = "mapping";

    /**
     * The version of this mapping, indexed with every document. Raise it whenever the fields
     * change: at start, an index with documents of another version is rebuilt in place. Lucene
     * refuses a field whose options differ from the same name's in the index, so a changed field
     * gets a new name (as "question" became "opening" in version 2; version 3 added "all" and
     * "all_en" and dropped "text_en"; version 4 tried a native "snippet" field for Lucene's unified
     * highlighter, which version 5 withdrew: it mapped more of the index, see docs/bench/findings.md).
     */
    static final int MAPPING_VERSION = 5;

    @Id
    @DocumentId
    Long id;

    @FullTextField(
            name = TITLE,
            analyzer = "dutch",
            searchAnalyzer = "dutch_query",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY)
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

    /** The question as plain text: for similar questions while typing, and as a snippet of last resort. */
    @Formula(
            "(select p.body_source from post p where p.topic_id = id and p.position = 0 and p.hidden_at is null and p.deleted_at is null)")
    @FullTextField(
            name = QUESTION,
            analyzer = "dutch",
            searchAnalyzer = "dutch_query",
            projectable = Projectable.YES,
            valueBridge = @ValueBridgeRef(type = PlainText.class))
    String question;

    @Formula(
            "(select p.body_source from post p where p.id = accepted_post_id and p.hidden_at is null and p.deleted_at is null)")
    String answer;

    @Formula(
            "(select string_agg(p.body_source, chr(10) || chr(10) order by p.position) from post p where p.topic_id = id and p.position > 0"
                    + " and p.hidden_at is null and p.deleted_at is null and p.id <> coalesce(accepted_post_id, 0))")
    String replies;

    private transient String text;

    private transient String all;

    /**
     * The whole conversation as plain text (question, accepted answer, other replies): a search
     * scores each word against the title and this text, and the snippet comes from here.
     */
    @FullTextField(
            name = TEXT,
            analyzer = "dutch",
            searchAnalyzer = "dutch_query",
            projectable = Projectable.YES,
            highlightable = Highlightable.ANY)
    @IndexingDependency(
            derivedFrom = {
                @ObjectPath(@PropertyValue(propertyName = "question")),
                @ObjectPath(@PropertyValue(propertyName = "answer")),
                @ObjectPath(@PropertyValue(propertyName = "replies"))
            })
    String getText() {
        if (text == null) {
            StringBuilder all = new StringBuilder();
            for (String markdown : new String[] {question, answer, replies}) {
                if (markdown != null && !markdown.isBlank()) {
                    all.append(all.isEmpty() ? "" : "\n\n").append(PlainText.text(markdown));
                }
            }
            text = all.toString();
        }
        return text;
    }

    /**
     * Title and text together, for matching only (not scored, so without norms): in Dutch, and in
     * English for readers who use Clanq in English.
     */
    @FullTextField(name = ALL, analyzer = "dutch", searchAnalyzer = "dutch_query", norms = Norms.NO)
    @FullTextField(name = ALL_EN, analyzer = "english", norms = Norms.NO)
    @IndexingDependency(
            derivedFrom = {
                @ObjectPath(@PropertyValue(propertyName = "title")),
                @ObjectPath(@PropertyValue(propertyName = "question")),
                @ObjectPath(@PropertyValue(propertyName = "answer")),
                @ObjectPath(@PropertyValue(propertyName = "replies"))
            })
    String getAll() {
        if (all == null) {
            all = title + "\n\n" + getText();
        }
        return all;
    }

    @GenericField(name = MAPPING)
    @IndexingDependency(reindexOnUpdate = ReindexOnUpdate.NO)
    int getMappingVersion() {
        return MAPPING_VERSION;
    }

    protected TopicDocument() {}
}
