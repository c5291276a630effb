package nl.clanq.bench.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.CookieKey;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.getCookieValue;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Clanq under load (issue #10). Members sign in once each (their own account, from an address of
 * their own as behind a reverse proxy); their sessions then serve every step, run one after the
 * other:
 *
 * <ol>
 *   <li>a warm-up with the mixed load (not reported);
 *   <li>one closed-model step per page at {@code bench.users} concurrent members (32), each
 *       clicking as fast as the server answers: forum index, a forum page, the reference topic
 *       page (a topic page of 20 posts), the same page's bytes served statically by nginx (the
 *       limit beside us), posting a reply, searching for two words, the directory filtered by a
 *       module, opening a conversation, sending a message;
 *   <li>the mixed load (about 85 % reads) at the same concurrency;
 *   <li>an open-model ramp of the mixed load at rising arrival rates, one group per rate, to find
 *       the rate where p99 passes 100 ms.
 * </ol>
 *
 * Every step's requests carry the step's name, so the summary reads each step from Gatling's
 * statistics.
 */
public class ClanqSimulation extends Simulation {

    static final String BASE_URL = System.getProperty("bench.baseUrl", "http://127.0.0.1:8080");
    static final String JDBC_URL = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/clanq");
    static final String NGINX_URL = System.getProperty("bench.nginxUrl", "");
    static final String PASSWORD = System.getProperty("bench.password", "Clanq-bench-2026!");
    static final int USERS = Integer.getInteger("bench.users", 32);
    static final Duration STEP = Duration.ofSeconds(Long.getLong("bench.stepSeconds", 30));
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 60));
    static final Duration RAMP_STEP = Duration.ofSeconds(Long.getLong("bench.rampStepSeconds", 20));
    static final List<Integer> RAMP_RATES = Arrays.stream(
                    System.getProperty("bench.rampRates", "25,50,75,100,125,150,200").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Integer::valueOf)
            .toList();
    static final List<String> STEPS = Arrays.stream(System.getProperty(
                            "bench.steps",
                            "forums,forum,topic,nginx,reply,search,directory,conversation,message,mixed,ramp")
                    .split(","))
            .map(String::trim)
            .toList();

    /** Two-word questions members ask; the words occur in the generated titles and bodies. */
    static final List<String> QUERIES = List.of(
            "loonstrook export",
            "ziekmelding workflow",
            "verlof registratie",
            "reiskostenvergoeding instellen",
            "jaaropgaaf verwerken",
            "proefperiode roosterplanning",
            "loonheffingskorting formulier",
            "ouderschapsverlof update");

    /** Signed-in members, filled by the sign-in step and handed round by the later steps. */
    private final List<Map<String, Object>> signedIn = new ArrayList<>();

    private final ConcurrentLinkedQueue<Map<String, Object>> justSignedIn = new ConcurrentLinkedQueue<>();

    private final AtomicLong replies = new AtomicLong();

    private final Results results = new Results();

    HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
            .acceptHeader("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .acceptEncodingHeader("gzip, deflate")
            .acceptLanguageHeader("nl-NL,nl;q=0.9,en;q=0.8")
            .userAgentHeader("Mozilla/5.0 (X11; Linux x86_64) Clanq-bench")
            .header("X-Forwarded-For", "#{address}")
            .disableCaching();

    /** One member signs in with its own account and keeps its cookies and form token for the run. */
    ChainBuilder signIn = exec(http("sign in: form")
                    .get("/login")
                    .check(status().is(200), css("input[name='_csrf']", "value").saveAs("csrf")))
            .exec(http("sign in")
                    .post("/login")
                    .formParam("email", "#{email}")
                    .formParam("password", PASSWORD)
                    .formParam("_csrf", "#{csrf}")
                    .check(status().is(200), css("input[name='_csrf']", "value").saveAs("csrf")))
            .exec(getCookieValue(CookieKey("CLANQ_SESSION").saveAs("sessionCookie")))
            .exec(getCookieValue(CookieKey("XSRF-TOKEN").saveAs("xsrfCookie")))
            .exec(session -> {
                Map<String, Object> member = new HashMap<>();
                for (String key : List.of(
                        "email",
                        "forumPath",
                        "moduleId",
                        "topics",
                        "conversation",
                        "address",
                        "csrf",
                        "sessionCookie",
                        "xsrfCookie")) {
                    member.put(key, session.get(key));
                }
                justSignedIn.add(member);
                return session;
            });

    static final String REFERENCE_FILE = System.getProperty("bench.referenceFile", "");

    /**
     * The reference page's bytes, as Clanq serves the topic page of 20 posts to the first member,
     * for nginx to serve statically (and precompressed, as a static server would) beside Clanq.
     */
    ChainBuilder saveReference = exec(http("reference page")
                    .get(session -> "/topics/" + session.getList("topics").getFirst() + "?page=1")
                    .header("Accept-Encoding", "identity")
                    .check(status().is(200), bodyBytes().saveAs("reference")))
            .exec(session -> {
                byte[] page = session.get("reference");
                try {
                    Path file = Path.of(REFERENCE_FILE);
                    Files.createDirectories(file.getParent());
                    Files.write(file, page);
                    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(Path.of(file + ".gz")))) {
                        gz.write(page);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return session.remove("reference");
            });

    /** Takes the session of a signed-in member (in turn) into a new virtual user. */
    ChainBuilder asMember = exec(session -> {
                synchronized (signedIn) {
                    if (signedIn.isEmpty()) {
                        signedIn.addAll(justSignedIn);
                    }
                }
                Map<String, Object> member =
                        signedIn.get((int) (session.userId() % signedIn.size()));
                return session.setAll(member);
            })
            .exec(addCookie(Cookie("CLANQ_SESSION", "#{sessionCookie}").withDomain("127.0.0.1").withPath("/")))
            .exec(addCookie(Cookie("XSRF-TOKEN", "#{xsrfCookie}").withDomain("127.0.0.1").withPath("/")));

    private static String topic(Session session) {
        List<String> topics = session.getList("topics");
        return topics.get(ThreadLocalRandom.current().nextInt(topics.size()));
    }

    private static String query(Session session) {
        return QUERIES.get(ThreadLocalRandom.current().nextInt(QUERIES.size()));
    }

    /**
     * One request of a step, measured: Gatling's response time goes into {@link #results} under
     * the step and request name, with failures counted (and then forgotten, so a virtual user goes on).
     */
    private ChainBuilder measured(
            String step, String what, Function<Http, HttpRequestActionBuilder> request, CheckBuilder... checks) {
        return exec(request.apply(http(step + ": " + what))
                        .check(responseTimeInMillis().saveAs("rt"))
                        .check(checks))
                .exec(session -> {
                    results.record(
                            step,
                            what,
                            session.contains("rt") ? session.getLong("rt") : -1,
                            session.isFailed(),
                            System.currentTimeMillis());
                    return session.remove("rt").markAsSucceeded();
                });
    }

    ChainBuilder forums(String step) {
        return measured(step, "forum index", r -> r.get("/forums"), status().is(200));
    }

    ChainBuilder forum(String step) {
        return measured(step, "forum page", r -> r.get("/forums/#{forumPath}"), status().is(200));
    }

    ChainBuilder topic(String step) {
        return measured(
                step,
                "topic page",
                r -> r.get(session -> "/topics/" + topic(session) + "?page=1"),
                status().is(200),
                regex("<article[^>]* id=\"post-\\d+\"").count().gte(20));
    }

    ChainBuilder reply(String step) {
        return measured(
                step,
                "post a reply",
                r -> r.post(session -> "/topics/" + topic(session) + "/replies")
                        .formParam("_csrf", "#{csrf}")
                        .formParam(
                                "body",
                                session -> "Bij ons werkt dat via de export van de salarisadministratie; reactie "
                                        + replies.incrementAndGet()
                                        + " uit de benchmark.")
                        .disableFollowRedirect(),
                status().is(302));
    }

    ChainBuilder search(String step) {
        return measured(
                step,
                "search two words",
                r -> r.get("/search").queryParam("q", ClanqSimulation::query),
                status().is(200));
    }

    ChainBuilder directory(String step) {
        return measured(
                step, "directory by module", r -> r.get("/members").queryParam("module", "#{moduleId}"), status()
                        .is(200));
    }

    ChainBuilder conversation(String step) {
        return measured(step, "open a conversation", r -> r.get("/messages/#{conversation}"), status().is(200));
    }

    ChainBuilder message(String step) {
        return measured(
                step,
                "send a message",
                r -> r.post("/messages/#{conversation}")
                        .formParam("_csrf", "#{csrf}")
                        .formParam("body", "Dank je, dat probeer ik morgen meteen uit.")
                        .disableFollowRedirect(),
                status().is(302));
    }

    ChainBuilder nginx(String step) {
        return measured(step, "static reference page (nginx)", r -> r.get(NGINX_URL), status().is(200));
    }

    /** The mixed load: about 85 % reads, as members use a community. */
    ChainBuilder mixed(String step) {
        return randomSwitch()
                .on(
                        percent(35).then(topic(step)),
                        percent(15).then(forum(step)),
                        percent(10).then(forums(step)),
                        percent(10).then(search(step)),
                        percent(5).then(directory(step)),
                        percent(10).then(conversation(step)),
                        percent(8).then(reply(step)),
                        percent(7).then(message(step)));
    }

    /** A closed-model step: {@link #USERS} members each repeat {@code action} for the step's time. */
    private PopulationBuilder closed(String step, Duration time, Function<String, ChainBuilder> action) {
        ScenarioBuilder s = scenario(step)
                .exec(asMember)
                .during(time)
                .on(exec(action.apply(step)));
        return s.injectOpen(atOnceUsers(USERS));
    }

    private PopulationBuilder ramp() {
        List<PopulationBuilder> steps = new ArrayList<>();
        for (int rate : RAMP_RATES) {
            String name = String.format("ramp %03d per s", rate);
            steps.add(scenario(name)
                    .exec(asMember)
                    .exec(mixed(name))
                    .injectOpen(constantUsersPerSec(rate).during(RAMP_STEP)));
        }
        return chain(steps);
    }

    private static PopulationBuilder chain(List<PopulationBuilder> steps) {
        PopulationBuilder next = steps.getLast();
        for (int i = steps.size() - 2; i >= 0; i--) {
            next = steps.get(i).andThen(next);
        }
        return next;
    }

    {
        List<Map<String, Object>> members = Members.load(JDBC_URL, USERS);
        AtomicLong first = new AtomicLong();
        ScenarioBuilder signingIn = scenario("sign in")
                .feed(listFeeder(members).queue())
                .exec(signIn)
                .doIf(session -> !REFERENCE_FILE.isEmpty() && first.getAndIncrement() == 0)
                .then(saveReference);

        List<PopulationBuilder> steps = new ArrayList<>();
        steps.add(signingIn.injectOpen(atOnceUsers(members.size())));
        steps.add(closed("warm-up", WARM_UP, this::mixed));
        for (String step : STEPS) {
            switch (step) {
                case "forums" -> steps.add(closed("forums", STEP, this::forums));
                case "forum" -> steps.add(closed("forum", STEP, this::forum));
                case "topic" -> steps.add(closed("topic", STEP, this::topic));
                case "nginx" -> {
                    if (!NGINX_URL.isEmpty()) {
                        steps.add(closed("nginx", STEP, this::nginx));
                    }
                }
                case "reply" -> steps.add(closed("reply", STEP, this::reply));
                case "search" -> steps.add(closed("search", STEP, this::search));
                case "directory" -> steps.add(closed("directory", STEP, this::directory));
                case "conversation" -> steps.add(closed("conversation", STEP, this::conversation));
                case "message" -> steps.add(closed("message", STEP, this::message));
                case "mixed" -> steps.add(closed("mixed", STEP, this::mixed));
                case "ramp" -> steps.add(ramp());
                default -> throw new IllegalArgumentException("Unknown step " + step);
            }
        }
        setUp(chain(steps)).protocols(protocol);
    }

    @Override
    public void after() {
        Summary.write(results.series());
    }
}
