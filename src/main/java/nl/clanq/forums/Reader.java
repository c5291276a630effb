package nl.clanq.forums;

import java.util.Set;

/**
 * Who reads, and what they may read (C5, S9): the vendor communities they belong to and the
 * forums of those communities their licences open. Staff read everything.
 */
public record Reader(long userId, boolean staff, Set<Long> vendorIds, Set<Long> readableForumIds) {

    public boolean mayRead(ForumRef forum) {
        return staff || readableForumIds.contains(forum.id());
    }

    /** Sees that the forum exists (locked or not): forums of their own communities. */
    public boolean mayKnow(ForumRef forum) {
        return staff || vendorIds.contains(forum.vendorId());
    }
}
