package nl.clanq.notifications;

/**
 * What a notice is about. The default mail delivery is what a member gets until they choose
 * otherwise on their preferences page.
 */
public enum NoticeKind {
    /** A reply to a topic the member started. */
    REPLY(Delivery.IMMEDIATELY),
    /** A reply quoting the member. */
    QUOTED(Delivery.IMMEDIATELY),
    /** An @mention of the member. */
    MENTIONED(Delivery.IMMEDIATELY),
    /** The member's reply was accepted as the answer. */
    ACCEPTED(Delivery.DIGEST),
    /** Staff edited the member's post (with the reason). */
    EDITED_BY_STAFF(Delivery.IMMEDIATELY),
    /** Staff moved the member's topic (with the reason). */
    MOVED(Delivery.IMMEDIATELY),
    /** Staff merged a topic the member took part in (with the reason). */
    MERGED(Delivery.IMMEDIATELY),
    /** A reply in a topic or forum the member watches. */
    WATCHED_REPLY(Delivery.DIGEST),
    /** A new topic in a forum the member watches. */
    WATCHED_TOPIC(Delivery.DIGEST),
    /** Someone the member mentioned cannot read the forum and was not told. */
    MENTION_UNREACHABLE(Delivery.NEVER),
    /** An announcement: new terms, an event. */
    ANNOUNCEMENT(Delivery.DIGEST);

    public enum Delivery {
        IMMEDIATELY,
        DIGEST,
        NEVER
    }

    private final Delivery defaultDelivery;

    NoticeKind(Delivery defaultDelivery) {
        this.defaultDelivery = defaultDelivery;
    }

    public Delivery defaultDelivery() {
        return defaultDelivery;
    }
}
