package nl.clanq.accounts;

/**
 * C10: the two staff roles. Moderators do the moderation work; administrators may do everything,
 * including what moderators may not: block organisations, publish terms, manage the staff team.
 */
public enum StaffRole {
    ADMIN,
    MODERATOR;

    /** The role stored on an account ({@code app_user.staff_role}), or {@code null} for a member. */
    static StaffRole of(String stored) {
        return stored == null ? null : valueOf(stored);
    }
}
