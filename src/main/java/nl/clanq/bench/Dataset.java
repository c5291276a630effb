package nl.clanq.bench;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The rows of a generated community, produced as a pure function of the scale, the seed and the
 * inputs: no database. Ids are assigned here (from the given first ids), so derived columns — reply
 * counts, last posts, accepted answers, positions — are known when a row is written. Rows go to a
 * {@link RowSink} table by table in foreign-key order within each phase.
 */
final class Dataset {

    /** The tables rows are written to, in an order that satisfies every foreign key. */
    enum Table {
        APP_USER("app_user (id, email, password_hash, first_name, last_name, job_title, city, locale,"
                + " email_verified, created_at, message_mail)"),
        DOCUMENT_ACCEPTANCE("document_acceptance (user_id, document, version, accepted_at, ip)"),
        VENDOR("vendor (id, name, slug, website, description, created_at)"),
        SOFTWARE_MODULE("software_module (id, vendor_id, name, slug, description, position, created_at)"),
        FORUM("forum (id, vendor_id, module_id, kind, name, slug, description, position, created_at)"),
        ORGANISATION("organisation (id, name, kvk_number, city, industry, employees, owner_user_id, created_at)"),
        ORGANISATION_MEMBER("organisation_member (organisation_id, user_id, status, joined_at)"),
        MEMBERSHIP("membership (id, organisation_id, vendor_id, plan_code, status, applied_by, applied_at,"
                + " decided_at)"),
        MEMBERSHIP_SEAT("membership_seat (membership_id, user_id, assigned_at)"),
        LICENCE("licence (membership_id, module_id, confirmed_at)"),
        TOPIC("topic (id, forum_id, title, author_id, created_at, last_post_at, last_poster_id, reply_count,"
                + " view_count, pinned, closed)"),
        POST("post (id, topic_id, position, author_id, body_source, body_html, created_at, edited_at, edited_by)"),
        POST_REVISION("post_revision (id, post_id, number, body_source, edited_by, edited_at)"),
        /** Accepted answers, applied to {@code topic} once the posts exist (the foreign keys are circular). */
        ACCEPTED("bench_accepted (topic_id, post_id)"),
        TOPIC_READ("topic_read (user_id, topic_id, last_position, read_at)"),
        CONVERSATION("conversation (id, subject, created_by, created_at, last_message_at)"),
        CONVERSATION_PARTICIPANT("conversation_participant (conversation_id, user_id, joined_at, last_read_id)"),
        MESSAGE("message (id, conversation_id, author_id, body_encrypted, key_id, created_at)");

        final String target;

        Table(String target) {
            this.target = target;
        }
    }

    /** Where rows go: the database loader in production, a list in tests. */
    interface RowSink {
        void row(Table table, Object... values);
    }

    /** The first free id per table with an identity column. */
    record FirstIds(
            long user,
            long vendor,
            long module,
            long forum,
            long organisation,
            long membership,
            long topic,
            long post,
            long revision,
            long conversation,
            long message) {

        static FirstIds ofOne() {
            return new FirstIds(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        }
    }

    /** What the generator needs from the application: hashed password, legal versions, encryption. */
    record Inputs(
            String passwordHash,
            Map<String, String> currentLegalVersions,
            BiFunction<String, Long, String> encryptMessage,
            String keyId,
            OffsetDateTime now) {}

    static final int MAIN_VENDOR_MODULES = 25;
    static final int OTHER_VENDOR_MODULES = 4;
    static final int VENDORS = 5;
    static final int SEATS = 3;
    static final int READS_PER_ACTIVE_MEMBER = 40;

    private static final String[] VENDOR_NAMES = {"Personeelsplein", "Loonwerk", "HR Kompas", "Roosterwijs", "Talentum"
    };
    private static final String[] MODULE_NAMES = {
        "Salarisadministratie",
        "Verlof",
        "Verzuim",
        "Personeelsdossier",
        "Werving en selectie",
        "Roosterplanning",
        "Declaraties",
        "Selfservice",
        "Gesprekscyclus",
        "Opleidingen",
        "Urenregistratie",
        "Pensioen",
        "Rapportages",
        "Onboarding",
        "Autorisaties",
        "Organisatiestructuur",
        "Formatieplanning",
        "Loonkosten",
        "Arbo",
        "Mobiliteit",
        "Beloningsbeleid",
        "Jaarwerk",
        "Koppelingen",
        "Workflow",
        "Documentgeneratie"
    };
    private static final String[] FIRST_NAMES = {
        "Anne", "Bram", "Carla", "Daan", "Eva", "Femke", "Gert", "Hanna", "Inge", "Joost", "Karin", "Lars", "Marieke",
        "Niels", "Olga", "Pieter", "Renske", "Sander", "Tessa", "Ulrike", "Vincent", "Wendy", "Yvonne", "Zeger"
    };
    private static final String[] LAST_NAMES = {
        "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits"
    };
    private static final String[] JOB_TITLES = {
        "Functioneel beheerder HR", "Salarisadministrateur", "HR-adviseur", "Applicatiebeheerder", "Teamleider HR"
    };
    private static final String[] CITIES = {
        "Utrecht", "Amsterdam", "Rotterdam", "Den Haag", "Zwolle", "Groningen", "Eindhoven", "Arnhem", "Tilburg"
    };
    private static final String[] ORG_KINDS = {
        "Gemeente", "Zorggroep", "Woonstichting", "Scholengroep", "Stichting", "Bouwbedrijf", "Logistiek"
    };
    private static final String[] INDUSTRIES = {
        "government", "healthcare", "education", "housing", "retail", "industry", "services", "finance", "other"
    };
    private static final String[] EMPLOYEES = {"1-50", "51-250", "251-1000", "1001-5000", "5000+"};

    private final Scale scale;
    private final SplittableRandom random;
    private final Inputs in;
    private final FirstIds first;
    private final RowSink sink;

    // What later phases need from earlier ones.
    private int[] vendorModules; // modules per vendor
    private long[][] moduleIds; // per vendor
    private long[][] forumIds; // per vendor: general forum first, then one per module
    private final List<List<Long>> seated = new ArrayList<>(); // per vendor: users with a seat
    private final List<List<long[]>> vendorTopics = new ArrayList<>(); // per vendor: {topic id, reply count}

    Dataset(Scale scale, long seed, Inputs in, FirstIds first, RowSink sink) {
        this.scale = scale;
        this.random = new SplittableRandom(seed);
        this.in = in;
        this.first = first;
        this.sink = sink;
    }

    /** Members, organisations, memberships, seats and licences; and the vendors with their forums. */
    void community() {
        long userCount = scale.members();
        for (long i = 0; i < userCount; i++) {
            long id = first.user() + i;
            String firstName = pick(FIRST_NAMES);
            String lastName = pick(LAST_NAMES);
            OffsetDateTime created = in.now().minusDays(400 + random.nextInt(700));
            sink.row(
                    Table.APP_USER,
                    id,
                    "lid" + (i + 1) + "@bench.clanq.test",
                    in.passwordHash(),
                    firstName,
                    lastName,
                    pick(JOB_TITLES),
                    pick(CITIES),
                    random.nextInt(10) == 0 ? "en" : "nl",
                    true,
                    created,
                    // No unread-message mail: the scheduler would mail every unread conversation.
                    false);
            for (Map.Entry<String, String> legal : in.currentLegalVersions().entrySet()) {
                sink.row(Table.DOCUMENT_ACCEPTANCE, id, legal.getKey(), legal.getValue(), created, "127.0.0.1");
            }
        }
        vendorModules = new int[VENDORS];
        moduleIds = new long[VENDORS][];
        forumIds = new long[VENDORS][];
        long module = first.module();
        long forum = first.forum();
        OffsetDateTime founded = in.now().minusYears(3);
        for (int v = 0; v < VENDORS; v++) {
            long vendorId = first.vendor() + v;
            String slug = slug(VENDOR_NAMES[v]) + "-bench";
            sink.row(
                    Table.VENDOR,
                    vendorId,
                    VENDOR_NAMES[v],
                    slug,
                    "https://" + slug + ".example",
                    "Leverancier van HR-software.",
                    founded);
            vendorModules[v] = v == 0 ? MAIN_VENDOR_MODULES : OTHER_VENDOR_MODULES;
            moduleIds[v] = new long[vendorModules[v]];
            forumIds[v] = new long[vendorModules[v] + 1];
            for (int m = 0; m < vendorModules[v]; m++) {
                String name = MODULE_NAMES[(m + 5 * v) % MODULE_NAMES.length];
                moduleIds[v][m] = module++;
                sink.row(
                        Table.SOFTWARE_MODULE,
                        moduleIds[v][m],
                        vendorId,
                        name,
                        slug(name),
                        "De module " + name + ".",
                        m + 1,
                        founded);
            }
            forumIds[v][0] = forum++;
            sink.row(
                    Table.FORUM,
                    forumIds[v][0],
                    vendorId,
                    null,
                    "GENERAL",
                    "Algemeen",
                    "algemeen",
                    "Voor alles wat niet bij één module hoort.",
                    0,
                    founded);
            for (int m = 0; m < vendorModules[v]; m++) {
                String name = MODULE_NAMES[(m + 5 * v) % MODULE_NAMES.length];
                forumIds[v][m + 1] = forum++;
                sink.row(
                        Table.FORUM,
                        forumIds[v][m + 1],
                        vendorId,
                        moduleIds[v][m],
                        "MODULE",
                        name,
                        slug(name),
                        "De module " + name + ".",
                        m + 1,
                        founded);
            }
            seated.add(new ArrayList<>());
        }
        int orgCount = scale.organisations();
        // Every organisation has its owner; the other members go to organisations at random.
        List<List<Long>> people = new ArrayList<>();
        for (int o = 0; o < orgCount; o++) {
            people.add(new ArrayList<>());
            people.get(o).add(first.user() + (o % userCount));
        }
        for (long i = orgCount; i < userCount; i++) {
            people.get(random.nextInt(orgCount)).add(first.user() + i);
        }
        long membership = first.membership();
        for (int o = 0; o < orgCount; o++) {
            long orgId = first.organisation() + o;
            List<Long> staff = people.get(o);
            long owner = staff.getFirst();
            OffsetDateTime joined = in.now().minusDays(365 + random.nextInt(300));
            sink.row(
                    Table.ORGANISATION,
                    orgId,
                    pick(ORG_KINDS) + " " + pick(CITIES) + " " + (o + 1),
                    String.format("%08d", 10_000_000 + o),
                    pick(CITIES),
                    pick(INDUSTRIES),
                    pick(EMPLOYEES),
                    owner,
                    joined);
            if (o < userCount) {
                for (long user : staff) {
                    sink.row(Table.ORGANISATION_MEMBER, orgId, user, "ACTIVE", joined);
                }
            }
            // The main vendor for all; a second vendor for a quarter of them.
            List<Integer> vendors = new ArrayList<>(List.of(0));
            if (random.nextInt(4) == 0) {
                vendors.add(1 + random.nextInt(VENDORS - 1));
            }
            for (int v : vendors) {
                long id = membership++;
                sink.row(
                        Table.MEMBERSHIP,
                        id,
                        orgId,
                        first.vendor() + v,
                        "COMMUNITY",
                        "ACTIVE",
                        owner,
                        joined,
                        joined.plusDays(1));
                if (o < userCount) {
                    for (long user : staff.subList(0, Math.min(SEATS, staff.size()))) {
                        sink.row(Table.MEMBERSHIP_SEAT, id, user, joined.plusDays(1));
                        seated.get(v).add(user);
                    }
                }
                boolean any = false;
                for (int m = 0; m < vendorModules[v]; m++) {
                    // A realistic mix: the core modules nearly always, the rest now and then.
                    double chance = v == 0 ? (m < 5 ? 0.9 : 0.3) : 0.6;
                    if (random.nextDouble() < chance || (!any && m == vendorModules[v] - 1)) {
                        sink.row(Table.LICENCE, id, moduleIds[v][m], joined.plusDays(1));
                        any = true;
                    }
                }
            }
        }
    }

    /** Topics and their posts, revisions and accepted answers; the main vendor gets most of them. */
    void forums(Runnable progress) {
        // Per vendor, a few busy forums and a long tail of quiet ones.
        Zipf[] forumRanks = new Zipf[VENDORS];
        for (int v = 0; v < VENDORS; v++) {
            vendorTopics.add(new ArrayList<>());
            forumRanks[v] = new Zipf(forumIds[v].length, 1);
        }
        int topics = scale.topics();
        double meanReplies = (double) (scale.posts() - topics) / topics;
        long post = first.post();
        long revision = first.revision();
        for (int t = 0; t < topics; t++) {
            long topicId = first.topic() + t;
            int v = random.nextInt(100) < 80 ? 0 : 1 + random.nextInt(VENDORS - 1);
            long forumId = forumIds[v][forumRanks[v].draw(random)];
            List<Long> writers = seated.get(v).isEmpty() ? seated.getFirst() : seated.get(v);
            long author = writers.get(random.nextInt(writers.size()));
            int replies = (int) Math.min(400, Math.round(-meanReplies * Math.log(1.0 - random.nextDouble())));
            OffsetDateTime at = in.now().minusMinutes(random.nextLong(2L * 365 * 24 * 60));
            OffsetDateTime created = at;
            DutchHrText.Theme theme = DutchHrText.theme(random);
            String title = DutchHrText.title(random, theme);
            long lastPoster = author;
            long accepted = 0;
            boolean solved = replies > 0 && random.nextInt(100) < 33;
            int acceptedPosition = solved ? 1 + random.nextInt(replies) : -1;
            List<Object[]> posts = new ArrayList<>(replies + 1);
            for (int p = 0; p <= replies; p++) {
                long postId = post++;
                long writer = p == 0 || random.nextInt(10) < 2 ? author : writers.get(random.nextInt(writers.size()));
                if (p > 0) {
                    at = min(at.plusMinutes(2 + random.nextInt(24 * 60)), in.now());
                }
                String body = DutchHrText.post(random, theme);
                OffsetDateTime editedAt = null;
                Long editedBy = null;
                if (random.nextInt(100) < 3) {
                    editedAt = min(at.plusHours(1), in.now());
                    editedBy = writer;
                }
                posts.add(new Object[] {postId, topicId, p, writer, body, DutchHrText.html(body), at, editedAt, editedBy
                });
                if (editedAt != null) {
                    String previous = DutchHrText.post(random, theme);
                    posts.add(new Object[] {Table.POST_REVISION, revision++, postId, 1, previous, writer, editedAt});
                }
                if (p == acceptedPosition) {
                    accepted = postId;
                }
                lastPoster = writer;
            }
            sink.row(
                    Table.TOPIC,
                    topicId,
                    forumId,
                    title,
                    author,
                    created,
                    at,
                    lastPoster,
                    replies,
                    replies * 7 + random.nextInt(50),
                    random.nextInt(1000) == 0,
                    random.nextInt(50) == 0);
            for (Object[] row : posts) {
                if (row[0] == Table.POST_REVISION) {
                    sink.row(Table.POST_REVISION, java.util.Arrays.copyOfRange(row, 1, row.length));
                } else {
                    sink.row(Table.POST, row);
                }
            }
            if (accepted != 0) {
                sink.row(Table.ACCEPTED, topicId, accepted);
            }
            vendorTopics.get(v).add(new long[] {topicId, replies});
            if (progress != null && (t + 1) % 10_000 == 0) {
                progress.run();
            }
        }
    }

    /** Reading state: half of the seated members have read some of their communities' topics. */
    void reads() {
        for (int v = 0; v < VENDORS; v++) {
            List<long[]> topics = vendorTopics.get(v);
            if (topics.isEmpty()) {
                continue;
            }
            Set<Long> readers = new HashSet<>();
            for (long user : seated.get(v)) {
                if (random.nextBoolean() && readers.add(user)) {
                    Set<Long> seen = new HashSet<>();
                    int reads = Math.min(READS_PER_ACTIVE_MEMBER, topics.size());
                    for (int r = 0; r < reads; r++) {
                        long[] topic = topics.get(random.nextInt(topics.size()));
                        if (seen.add(topic[0])) {
                            sink.row(Table.TOPIC_READ, user, topic[0], random.nextLong(topic[1] + 1), in.now());
                        }
                    }
                }
            }
        }
    }

    /** Private conversations of 2 to 9 participants; bodies encrypted as Messaging does. */
    void messages(Runnable progress) {
        int conversations = scale.conversations();
        long users = scale.members();
        double meanExtra = (double) (scale.messages() - conversations) / conversations;
        long message = first.message();
        for (int c = 0; c < conversations; c++) {
            long conversationId = first.conversation() + c;
            int size = (int) Math.min(users, participants());
            List<Long> people = new ArrayList<>();
            Set<Long> chosen = new HashSet<>();
            while (people.size() < size) {
                long user = first.user() + random.nextLong(users);
                if (chosen.add(user)) {
                    people.add(user);
                }
            }
            int count = 1 + (int) Math.min(200, Math.round(-meanExtra * Math.log(1.0 - random.nextDouble())));
            OffsetDateTime created = in.now().minusMinutes(random.nextLong(365L * 24 * 60));
            OffsetDateTime at = created;
            DutchHrText.Theme theme = DutchHrText.theme(random);
            List<Object[]> rows = new ArrayList<>(count);
            for (int m = 0; m < count; m++) {
                if (m > 0) {
                    at = min(at.plusMinutes(1 + random.nextInt(12 * 60)), in.now());
                }
                long author = m == 0 ? people.getFirst() : people.get(random.nextInt(people.size()));
                long id = message++;
                String body = DutchHrText.message(random, theme);
                rows.add(new Object[] {
                    id, conversationId, author, in.encryptMessage().apply(body, conversationId), in.keyId(), at
                });
            }
            long last = (long) rows.getLast()[0];
            sink.row(
                    Table.CONVERSATION,
                    conversationId,
                    DutchHrText.subject(random, theme),
                    people.getFirst(),
                    created,
                    at);
            for (long user : people) {
                long read = user == people.getFirst() || random.nextInt(10) < 7 ? last : 0;
                sink.row(Table.CONVERSATION_PARTICIPANT, conversationId, user, created, read);
            }
            for (Object[] row : rows) {
                sink.row(Table.MESSAGE, row);
            }
            if (progress != null && (c + 1) % 10_000 == 0) {
                progress.run();
            }
        }
    }

    /** Mostly two people, now and then a group of up to nine (C9: one to nine others). */
    private int participants() {
        int draw = random.nextInt(100);
        if (draw < 70) {
            return 2;
        }
        if (draw < 90) {
            return 3 + random.nextInt(2);
        }
        return 5 + random.nextInt(5);
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    static String slug(String name) {
        return java.text.Normalizer.normalize(name.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
