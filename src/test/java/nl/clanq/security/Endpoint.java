package nl.clanq.security;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One row of the authorization matrix: a mapped method and path pattern, how to make a valid
 * request for a role, and the outcome each role should get, for the role's own organisation's
 * objects and for a foreign organisation's objects when the endpoint addresses an object.
 */
final class Endpoint {

    /** Which organisation's object a case addresses. */
    enum Target {
        /** The endpoint addresses no object of an organisation (or only the caller's own). */
        NONE,
        OWN,
        FOREIGN
    }

    final String method;
    final String pattern;
    private boolean perObject;
    private boolean fresh;
    private String note = "";
    private Function<Case, MockHttpServletRequestBuilder> request;
    private final Map<Role, Outcome[]> expected = new EnumMap<>(Role.class);

    Endpoint(String method, String pattern) {
        this.method = method;
        this.pattern = pattern;
    }

    String key() {
        return method + " " + pattern;
    }

    /** The endpoint addresses one organisation's object: test it on an own and a foreign one. */
    Endpoint perObject() {
        this.perObject = true;
        return this;
    }

    /** The request changes state that later cases rely on: every case gets a world of its own. */
    Endpoint fresh() {
        this.fresh = true;
        return this;
    }

    Endpoint note(String note) {
        this.note = note;
        return this;
    }

    Endpoint request(Function<Case, MockHttpServletRequestBuilder> request) {
        this.request = request;
        return this;
    }

    /** {@code outcome} for these roles, on own and foreign objects alike. */
    Endpoint expect(Outcome outcome, Role... roles) {
        for (Role role : roles) {
            expected.put(role, new Outcome[] {outcome, outcome});
        }
        return this;
    }

    Endpoint expect(Role role, Outcome own, Outcome foreign) {
        expected.put(role, new Outcome[] {own, foreign});
        return this;
    }

    /*
     * The presets name their roles one by one on purpose: a role added to Role gets no outcome from
     * them until someone decides it here, and the suite lists every entry that lacks one.
     */

    /** The people who belong to an organisation. */
    static final Role[] PEOPLE = {
        Role.MEMBER,
        Role.OWNER,
        Role.SAME_VENDOR_OTHER_ORG_MEMBER,
        Role.SAME_VENDOR_OTHER_ORG_OWNER,
        Role.OTHER_VENDOR_MEMBER
    };

    static final Role[] STAFF = {Role.STAFF_ADMIN, Role.STAFF_MODERATOR};

    /** Everyone, signed in or not, gets {@code outcome}. */
    Endpoint everyone(Outcome outcome) {
        expect(outcome, Role.ANONYMOUS);
        expect(outcome, PEOPLE);
        expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
        return expect(outcome, STAFF);
    }

    /** Everyone, signed in or not, reaches it. */
    Endpoint everyone() {
        return everyone(Outcome.OK);
    }

    /** Every signed-in person reaches it; visitors are sent to the login page. */
    Endpoint signedIn() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        expect(Outcome.OK, PEOPLE);
        expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
        return expect(Outcome.OK, STAFF);
    }

    /**
     * G2, S9: only the owner reaches it, and only for their own organisation's objects; everyone
     * else, staff included (G3), gets 404; visitors are sent to the login page.
     */
    Endpoint ownerOnly() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        expect(Outcome.NOT_FOUND, PEOPLE);
        expect(Outcome.NOT_FOUND, STAFF);
        expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
        for (Role owner : new Role[] {Role.OWNER, Role.SAME_VENDOR_OTHER_ORG_OWNER}) {
            expect(owner, Outcome.OK, perObject ? Outcome.NOT_FOUND : Outcome.OK);
        }
        return this;
    }

    /**
     * {@code /staff/**}: staff only; it hides itself (404) from everyone else, visitors included.
     * Moderators reach every staff page so far: what they may not do comes with moderation.
     */
    Endpoint staffOnly() {
        expect(Outcome.NOT_FOUND, Role.ANONYMOUS);
        expect(Outcome.NOT_FOUND, PEOPLE);
        expect(Outcome.NOT_FOUND, Role.LOCKED_ORG_MEMBER);
        return expect(Outcome.OK, STAFF);
    }

    /**
     * C5, S9: forum content belongs to a vendor community, not to one organisation: members of the
     * same community read each other's topics; a member of another community gets 404.
     */
    Endpoint communityScoped() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        for (Role r :
                new Role[] {Role.MEMBER, Role.OWNER, Role.SAME_VENDOR_OTHER_ORG_MEMBER, Role.SAME_VENDOR_OTHER_ORG_OWNER
                }) {
            expect(r, Outcome.OK, Outcome.OK);
        }
        expect(Role.OTHER_VENDOR_MEMBER, Outcome.OK, Outcome.NOT_FOUND);
        expect(Outcome.OK, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /**
     * Only the author of the addressed post (the member of its organisation) or, with
     * {@code staffToo}, staff.
     */
    Endpoint authorOnly(boolean staffToo) {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        for (Role author : new Role[] {Role.MEMBER, Role.SAME_VENDOR_OTHER_ORG_MEMBER, Role.OTHER_VENDOR_MEMBER}) {
            expect(author, Outcome.OK, Outcome.NOT_FOUND);
        }
        expect(Outcome.NOT_FOUND, Role.OWNER, Role.SAME_VENDOR_OTHER_ORG_OWNER);
        expect(staffToo ? Outcome.OK : Outcome.NOT_FOUND, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /** Signed-in staff only, on member paths: visitors go to the login, everyone else gets 404. */
    Endpoint staffAct() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        expect(Outcome.NOT_FOUND, PEOPLE);
        expect(Outcome.OK, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /** S9: only the participants of the addressed conversation; staff too get 404 (private). */
    Endpoint participantsOnly() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        for (Role r : PEOPLE) {
            expect(r, Outcome.OK, Outcome.NOT_FOUND);
        }
        expect(Outcome.NOT_FOUND, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /** Signed-in members only: staff (who write as "Clanqbeheer" from the inbox) get 404. */
    Endpoint membersOnly() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        expect(Outcome.OK, PEOPLE);
        expect(Outcome.NOT_FOUND, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /**
     * C10: reporting the addressed organisation's owner's reply: members of the community may, its
     * author (the owner) may not, nor staff (who act instead of reporting).
     */
    Endpoint reportableByOthers() {
        expect(Outcome.LOGIN, Role.ANONYMOUS);
        expect(Role.MEMBER, Outcome.OK, Outcome.OK);
        expect(Role.OWNER, Outcome.NOT_FOUND, Outcome.OK);
        expect(Role.SAME_VENDOR_OTHER_ORG_MEMBER, Outcome.OK, Outcome.OK);
        expect(Role.SAME_VENDOR_OTHER_ORG_OWNER, Outcome.NOT_FOUND, Outcome.OK);
        expect(Role.OTHER_VENDOR_MEMBER, Outcome.OK, Outcome.NOT_FOUND);
        expect(Outcome.NOT_FOUND, STAFF);
        return expect(Outcome.LOCKED, Role.LOCKED_ORG_MEMBER);
    }

    /** Administrators only: moderators get 404 like everyone else (C10). */
    Endpoint adminOnly() {
        staffOnly();
        return expect(Outcome.NOT_FOUND, Role.STAFF_MODERATOR);
    }

    boolean isPerObject() {
        return perObject;
    }

    boolean isFresh() {
        return fresh;
    }

    String note() {
        return note;
    }

    Target[] targets() {
        return perObject ? new Target[] {Target.OWN, Target.FOREIGN} : new Target[] {Target.NONE};
    }

    MockHttpServletRequestBuilder request(Case c) {
        return request.apply(c);
    }

    boolean hasRequest() {
        return request != null;
    }

    /** The expected outcome, or {@code null} when the table names none for the role. */
    Outcome expected(Role role, Target target) {
        Outcome[] o = expected.get(role);
        return o == null ? null : o[target == Target.FOREIGN ? 1 : 0];
    }

    Role[] rolesWithoutExpectation() {
        return Arrays.stream(Role.values())
                .filter(r -> !r.isPending() && !expected.containsKey(r))
                .toArray(Role[]::new);
    }

    @Override
    public String toString() {
        return key();
    }
}
