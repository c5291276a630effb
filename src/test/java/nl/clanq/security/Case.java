package nl.clanq.security;

import nl.clanq.organisations.Fixtures;

/**
 * One cell of the matrix while it runs: who acts (their user id and password, none for a visitor)
 * and which organisation's objects the request addresses.
 */
record Case(World world, Role role, Endpoint.Target target, Long actorId, String actorPassword) {

    /** The organisation whose object is addressed: the role's own, or a foreign one. */
    World.Side side() {
        return target == Endpoint.Target.FOREIGN ? role.foreign() : role.home();
    }

    Fixtures.Org org() {
        return world.org(side());
    }

    /** A member (not the owner) of the addressed organisation. */
    long member() {
        return world.member(side());
    }

    long membershipId() {
        return org().membershipId();
    }

    /** The vendor of the addressed organisation's community. */
    long vendor() {
        return world.vendorOf(side());
    }

    /** The acting person's user id; a visitor acts on a throwaway account's behalf. */
    long actor() {
        return actorId != null ? actorId : world.person();
    }
}
