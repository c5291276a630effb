package nl.clanq.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.clanq.IntegrationTest;
import nl.clanq.accounts.Accounts;
import nl.clanq.accounts.ClanqPrincipal;
import nl.clanq.accounts.PasswordResets;
import nl.clanq.catalog.Catalog;
import nl.clanq.mail.Mailer;
import nl.clanq.notifications.UnsubscribeTokens;
import nl.clanq.organisations.Fixtures;
import nl.clanq.security.Endpoint.Target;
import nl.clanq.shared.demo.DemoProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * S9, G2, G4: the authorization matrix. Every endpoint the running application maps (read from
 * Spring MVC's handler mappings) is requested by every {@link Role}, on the role's own and on a
 * foreign organisation's objects where it addresses one, and must answer as {@link
 * AuthorizationMatrix} says: forbidden items answer 404, never 403. The observed matrix is
 * published as {@code target/authorization-matrix.md}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    static final Path REPORT = Path.of("target", "authorization-matrix.md");
    private static final String OWN_PACKAGE = "nl.clanq.";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    Fixtures fixtures;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalog catalog;

    @Autowired
    PasswordResets resets;

    @Autowired
    Mailer mailer;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService users;

    @Autowired
    DemoProperties demo;

    @Autowired
    UnsubscribeTokens unsubscribeTokens;

    private final List<Endpoint> table = AuthorizationMatrix.endpoints();
    private final Map<String, Map<Role, Map<Target, Observation>>> observations = new ConcurrentHashMap<>();
    private Set<String> mapped;
    private Map<String, String> frameworkMappings;
    private World.Shared shared;
    private World sharedWorld;
    private UserDetails admin;
    private UserDetails moderator;
    private Instant started;

    record Observation(Outcome expected, Outcome actual, String shown) {
        boolean matches() {
            return expected == actual;
        }
    }

    private record Actor(UserDetails principal, Long id, String password) {}

    @BeforeAll
    void setUp() {
        started = Instant.now();
        readMappings();
        admin = fixtures.staff();
        moderator = users.loadUserByUsername("moderator@clanq.nl");
        Catalog.Actor staff = new Catalog.Actor(((ClanqPrincipal) admin).id(), "Autorisatiematrix <beheer@clanq.nl>");
        // The second vendor community is active while the matrix runs (owners apply for it) and
        // inactive afterwards, so that registration keeps offering the demo vendor alone.
        String name = "Matrixsoft " + System.nanoTime();
        long otherVendor = catalog.createVendor(
                new Catalog.VendorForm(name, World.slug(name), "", "Tweede leverancier voor de matrix.", true), staff);
        catalog.addModule(otherVendor, new Catalog.ModuleForm("Salaris", "salaris", ""), staff);
        catalog.addModule(otherVendor, new Catalog.ModuleForm("Verlof", "verlof", ""), staff);
        shared = new World.Shared(
                fixtures,
                accounts,
                catalog,
                resets,
                mailer,
                tx,
                jdbc,
                fixtures.vendor().id(),
                fixtures.vendor().slug(),
                otherVendor,
                staff,
                World.Shared.newOrganisationSet(),
                unsubscribeTokens);
        sharedWorld = new World(shared);
    }

    /** Every handler method of Clanq's own controllers, as {@code METHOD /pattern}; a mapping without methods is a GET. */
    private void readMappings() {
        mapped = new TreeSet<>();
        frameworkMappings = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                handlerMapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (methods.isEmpty()) {
                methods = Set.of("GET");
            }
            Class<?> type = e.getValue().getBeanType();
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    if (type.getName().startsWith(OWN_PACKAGE)) {
                        mapped.add(method + " " + pattern);
                    } else {
                        frameworkMappings.put(method + " " + pattern, type.getName());
                    }
                }
            }
        }
    }

    @AfterAll
    void tearDown() throws IOException {
        try {
            // Leave the shared database as the other test classes expect it: one active vendor, and
            // no applications or licence requests of the matrix's organisations waiting for staff.
            Long[] organisations = shared.organisations().toArray(Long[]::new);
            jdbc.sql("update vendor set active = false where id = ?")
                    .param(shared.otherVendor())
                    .update();
            jdbc.sql(
                            """
                            update licence_change_request set status = 'REJECTED', decided_at = now(),
                                   decision_note = 'authorization matrix'
                            where status = 'PENDING'
                              and membership_id in (select id from membership where organisation_id = any(?))""")
                    .param(organisations)
                    .update();
            jdbc.sql(
                            """
                            update membership set status = 'REJECTED', decided_at = now(),
                                   rejection_reason = 'authorization matrix'
                            where status = 'PENDING' and organisation_id = any(?)""")
                    .param(organisations)
                    .update();
        } finally {
            writeReport();
        }
    }

    @TestFactory
    Stream<DynamicNode> authorizationMatrix_S9_G2_G4() {
        Stream<DynamicNode> checks = Stream.of(
                dynamicTest("every mapped endpoint has an entry in the matrix", this::everyMappingHasAnEntry),
                dynamicTest("every entry in the matrix is a mapped endpoint", this::everyEntryIsMapped),
                dynamicTest("every entry names an outcome and a request for every role", this::everyEntryIsComplete));
        Stream<DynamicNode> rows = table.stream().map(e -> dynamicContainer(e.key(), cases(e)));
        return Stream.concat(checks, rows);
    }

    private void everyMappingHasAnEntry() {
        Set<String> entries = table.stream().map(Endpoint::key).collect(Collectors.toSet());
        List<String> missing = mapped.stream()
                .filter(k -> !entries.contains(k) && !AuthorizationMatrix.EXCLUDED.containsKey(k))
                .toList();
        assertThat(missing)
                .as(
                        "Mapped endpoints without an entry in AuthorizationMatrix (add one, with the expected outcome "
                                + "for every role): %s",
                        missing)
                .isEmpty();
    }

    private void everyEntryIsMapped() {
        List<String> keys = table.stream().map(Endpoint::key).toList();
        assertThat(keys).as("entries named twice in AuthorizationMatrix").doesNotHaveDuplicates();
        List<String> gone = Stream.concat(keys.stream(), AuthorizationMatrix.EXCLUDED.keySet().stream())
                .filter(k -> !mapped.contains(k))
                .toList();
        assertThat(gone)
                .as("Entries in AuthorizationMatrix for endpoints the application no longer maps: %s", gone)
                .isEmpty();
    }

    private void everyEntryIsComplete() {
        List<String> incomplete = table.stream()
                .filter(e -> !e.hasRequest() || e.rolesWithoutExpectation().length > 0)
                .map(e -> e.key() + (e.hasRequest() ? "" : " (no request)") + " "
                        + Arrays.toString(e.rolesWithoutExpectation()))
                .toList();
        assertThat(incomplete)
                .as("Entries without a request or an expected outcome for some roles: %s", incomplete)
                .isEmpty();
    }

    private Stream<DynamicNode> cases(Endpoint e) {
        return Arrays.stream(Role.values())
                .flatMap(role -> Arrays.stream(e.targets()).map(target -> caseOf(e, role, target)));
    }

    private DynamicNode caseOf(Endpoint e, Role role, Target target) {
        String on = target == Target.NONE ? "" : " on " + target.name().toLowerCase() + " object";
        if (role.isPending()) {
            return dynamicTest(
                    e.key() + " as " + role + on + " → pending: " + role.pending,
                    () -> Assumptions.assumeTrue(false, "pending: " + role.pending));
        }
        Outcome expected = e.expected(role, target);
        String name = e.key() + " as " + role + on + " → " + (expected == null ? "?" : expected.label);
        return dynamicTest(name, () -> run(e, role, target, expected));
    }

    private void run(Endpoint e, Role role, Target target, Outcome expected) throws Exception {
        Assumptions.assumeTrue(mapped.contains(e.key()), "not mapped: " + e.key());
        assertThat(expected).as("the matrix names no outcome for " + role).isNotNull();
        World world = e.isFresh() ? new World(shared) : sharedWorld;
        Actor actor = actor(world, role);
        Case c = new Case(world, role, target, actor.id(), actor.password());
        int n = ADDRESSES.incrementAndGet();
        String address = "10.73." + (n / 250 % 250) + "." + (n % 250 + 1);
        MockHttpServletRequestBuilder request = e.request(c)
                .with(r -> {
                    // Every case from its own address: the rate limits (S11) must not answer instead.
                    r.setRemoteAddr(address);
                    return r;
                })
                .with(csrf());
        if (actor.principal() != null) {
            request = request.with(user(actor.principal()));
        }
        MvcResult result = mvc.perform(request).andReturn();
        MockHttpServletResponse response = result.getResponse();
        Outcome actual = Outcome.of(response);
        observations
                .computeIfAbsent(e.key(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(role, k -> new ConcurrentHashMap<>())
                .put(target, new Observation(expected, actual, Outcome.describe(response)));

        assertThat(result.getRequest().getMethod()).as("the request's method").isEqualTo(e.method);
        Object pattern = result.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            assertThat(pattern).as("the handler the request reached").hasToString(e.pattern);
        }
        assertThat(actual)
                .withFailMessage(
                        "%s as %s%s answered %s, expected %s",
                        e.key(),
                        role,
                        target == Target.NONE ? "" : " on " + target.name().toLowerCase() + " object",
                        Outcome.describe(response),
                        expected.label)
                .isEqualTo(expected);
    }

    /** The person who plays {@code role} in {@code world}. */
    private Actor actor(World world, Role role) {
        return switch (role) {
            case ANONYMOUS -> new Actor(null, null, null);
            case MEMBER -> person(world.member(World.Side.A));
            case OWNER -> person(world.owner(World.Side.A));
            case SAME_VENDOR_OTHER_ORG_MEMBER -> person(world.member(World.Side.B));
            case SAME_VENDOR_OTHER_ORG_OWNER -> person(world.owner(World.Side.B));
            case OTHER_VENDOR_MEMBER -> person(world.member(World.Side.C));
            case STAFF_ADMIN -> new Actor(admin, ((ClanqPrincipal) admin).id(), demo.password());
            case STAFF_MODERATOR -> new Actor(moderator, ((ClanqPrincipal) moderator).id(), demo.password());
            case LOCKED_ORG_MEMBER -> person(world.lockedMember());
        };
    }

    private Actor person(long userId) {
        return new Actor(fixtures.principal(userId), userId, Fixtures.PASSWORD);
    }

    private void writeReport() throws IOException {
        StringBuilder md = new StringBuilder();
        long mismatches = observations.values().stream()
                .flatMap(m -> m.values().stream())
                .flatMap(m -> m.values().stream())
                .filter(o -> !o.matches())
                .count();
        md.append("# Authorization matrix\n\n")
                .append("Observed by `AuthorizationMatrixTests` (rules S9, G2, G4) on ")
                .append(started)
                .append(" in ")
                .append(Duration.between(started, Instant.now()).toSeconds())
                .append(" s: ")
                .append(table.size())
                .append(" endpoints, ")
                .append(observations.values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToInt(Map::size)
                        .sum())
                .append(" requests, ")
                .append(mismatches)
                .append(
                        " differing from the expectation (in `src/test/java/nl/clanq/security/AuthorizationMatrix.java`).\n\n")
                .append("Cells show the observed answer: `200`, `302→/target`, `404`. `own … / foreign …` where the ")
                .append(
                        "endpoint addresses an organisation's object: the role's own organisation's, or another one's. ")
                .append("**✗** marks an answer that differs from the expectation in `AuthorizationMatrix` (given in ")
                .append("brackets). Roles: A and B are organisations in the same vendor community, C one in another ")
                .append("vendor's; MEMBER and OWNER belong to A, SAME_VENDOR_OTHER_ORG_* to B, OTHER_VENDOR_MEMBER ")
                .append("to C. Staff and visitors have no organisation: their \"own\" objects are A's.\n\n");
        md.append("| Endpoint |");
        for (Role role : Role.values()) {
            md.append(' ').append(role);
            if (role.isPending()) {
                md.append(" (pending: ").append(role.pending).append(')');
            }
            md.append(" |");
        }
        md.append(" Notes |\n|---|");
        md.append("---|".repeat(Role.values().length)).append("---|\n");
        for (Endpoint e : table) {
            md.append("| `").append(e.key()).append("` |");
            for (Role role : Role.values()) {
                md.append(' ').append(cell(e, role)).append(" |");
            }
            md.append(' ')
                    .append(e.isFresh() ? "fresh organisations per case. " : "")
                    .append(e.note().replace("|", "\\|"))
                    .append(" |\n");
        }
        md.append("\n## Differences from the expectation\n\n");
        if (mismatches == 0) {
            md.append("None.\n");
        }
        for (Endpoint e : table) {
            observations.getOrDefault(e.key(), Map.of()).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(byRole -> byRole.getValue().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .filter(t -> !t.getValue().matches())
                            .forEach(t -> md.append("- `")
                                    .append(e.key())
                                    .append("` as ")
                                    .append(byRole.getKey())
                                    .append(
                                            t.getKey() == Target.NONE
                                                    ? ""
                                                    : " on " + t.getKey().name().toLowerCase() + " object")
                                    .append(": ")
                                    .append(t.getValue().shown())
                                    .append(", expected ")
                                    .append(t.getValue().expected().label)
                                    .append('\n')));
        }
        md.append("\n## Left out\n\n");
        if (AuthorizationMatrix.EXCLUDED.isEmpty()) {
            md.append("- No mapped endpoint of Clanq is left out.\n");
        }
        AuthorizationMatrix.EXCLUDED.forEach(
                (k, why) -> md.append("- `").append(k).append("`: ").append(why).append('\n'));
        frameworkMappings.forEach((k, type) -> md.append("- `")
                .append(k)
                .append("`: framework mapping of `")
                .append(type)
                .append("`\n"));
        md.append("- Not in Spring MVC's request mappings, so not in this matrix: the login form's `POST /login` and ")
                .append("`POST /logout` (Spring Security filters), `/actuator/**` (actuator's own handler mapping) ")
                .append("and static resources (`/css/**`, `/js/**`, `/webjars/**`, `/favicon.ico`).\n");
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, md.toString());
    }

    private String cell(Endpoint e, Role role) {
        if (role.isPending()) {
            return "pending";
        }
        Map<Target, Observation> seen =
                observations.getOrDefault(e.key(), Map.of()).get(role);
        if (seen == null || seen.isEmpty()) {
            return "not run";
        }
        if (!e.isPerObject()) {
            return show(seen.get(Target.NONE));
        }
        Observation own = seen.get(Target.OWN);
        Observation foreign = seen.get(Target.FOREIGN);
        if (own != null
                && foreign != null
                && own.shown().equals(foreign.shown())
                && own.matches()
                && foreign.matches()) {
            return show(own);
        }
        List<String> parts = new ArrayList<>();
        parts.add("own " + show(own));
        parts.add("foreign " + show(foreign));
        return String.join(" / ", parts);
    }

    private static String show(Observation o) {
        if (o == null) {
            return "not run";
        }
        return o.matches() ? o.shown() : "**✗ " + o.shown() + "** (expected " + o.expected().label + ")";
    }
}
