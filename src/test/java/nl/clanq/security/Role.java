package nl.clanq.security;

/**
 * Who makes a request in the authorization matrix. Each person role acts from a home organisation
 * of the {@link World}: A and B share a vendor community, C belongs to another vendor. A role with a
 * {@link #pending} reason is in the table but not run yet: its cases are reported as skipped.
 */
enum Role {
    ANONYMOUS(null),
    MEMBER(null),
    OWNER(null),
    SAME_VENDOR_OTHER_ORG_MEMBER(null),
    SAME_VENDOR_OTHER_ORG_OWNER(null),
    OTHER_VENDOR_MEMBER(null),
    STAFF_ADMIN(null),
    STAFF_MODERATOR(null),
    /** S10: a member of an organisation its owner locked; every page sends them to the notice. */
    LOCKED_ORG_MEMBER(null);

    /** Why this role is not tested yet, or {@code null} when it is. */
    final String pending;

    Role(String pending) {
        this.pending = pending;
    }

    boolean isPending() {
        return pending != null;
    }

    boolean isStaff() {
        return this == STAFF_ADMIN || this == STAFF_MODERATOR;
    }

    /** The organisation this role belongs to (staff and visitors: none, their "own" objects are A's). */
    World.Side home() {
        return switch (this) {
            case SAME_VENDOR_OTHER_ORG_MEMBER, SAME_VENDOR_OTHER_ORG_OWNER -> World.Side.B;
            case OTHER_VENDOR_MEMBER -> World.Side.C;
            default -> World.Side.A;
        };
    }

    /** The organisation whose objects are "foreign" to this role. */
    World.Side foreign() {
        return home() == World.Side.A ? World.Side.B : World.Side.A;
    }
}
