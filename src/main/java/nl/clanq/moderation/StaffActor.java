package nl.clanq.moderation;

import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.shared.web.NotFoundException;

/** A staff person acting in moderation, with whether they are an administrator (who may do more). */
public record StaffActor(long userId, String label, boolean administrator) {

    /** The signed-in staff person; anyone else is answered 404. */
    public static StaffActor of(ClanqPrincipal principal) {
        if (principal == null || !principal.isStaff()) {
            throw new NotFoundException();
        }
        return new StaffActor(
                principal.id(), principal.displayName() + " <" + principal.email() + ">", principal.isAdministrator());
    }
}
