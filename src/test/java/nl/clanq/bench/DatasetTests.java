package nl.clanq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.clanq.bench.Dataset.Table;
import org.junit.jupiter.api.Test;

class DatasetTests {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 21, 2, 0, 0, 0, ZoneOffset.UTC);

    private static Map<Table, List<Object[]>> generate(long seed) {
        Map<Table, List<Object[]>> rows = new EnumMap<>(Table.class);
        Dataset.Inputs inputs = new Dataset.Inputs(
                "hash", Map.of("TERMS", "t1", "PRIVACY", "p1"), (body, id) -> "enc:" + id + ":" + body, "bench", NOW);
        Dataset dataset = new Dataset(
                Scale.SMALL, seed, inputs, Dataset.FirstIds.ofOne(), (table, values) -> rows.computeIfAbsent(
                                table, t -> new ArrayList<>())
                        .add(values));
        dataset.community();
        dataset.forums(null);
        dataset.reads();
        dataset.messages(null);
        return rows;
    }

    @Test
    void smallScaleHasAHundredthOfTheLargeNumbersAndEveryMemberAcceptedTheCurrentTerms() {
        Map<Table, List<Object[]>> rows = generate(1);
        assertThat(rows.get(Table.APP_USER)).hasSize(60);
        assertThat(rows.get(Table.DOCUMENT_ACCEPTANCE)).hasSize(120);
        assertThat(rows.get(Table.ORGANISATION)).hasSize(20);
        assertThat(rows.get(Table.TOPIC)).hasSize(2_000);
        assertThat(rows.get(Table.POST).size()).isBetween(19_000, 21_000);
        assertThat(rows.get(Table.CONVERSATION)).hasSize(600);
        assertThat(rows.get(Table.MESSAGE).size()).isBetween(2_700, 3_300);
        assertThat(rows.get(Table.VENDOR)).hasSize(5);
        assertThat(rows.get(Table.FORUM)).hasSize(25 + 4 * 4 + 5);
    }

    @Test
    void theSameSeedGivesTheSameCommunity() {
        Map<Table, List<Object[]>> a = generate(5);
        Map<Table, List<Object[]>> b = generate(5);
        for (Table table : List.of(Table.APP_USER, Table.TOPIC, Table.POST, Table.MESSAGE)) {
            assertThat(a.get(table)).hasSameSizeAs(b.get(table));
            for (int i = 0; i < a.get(table).size(); i++) {
                assertThat(a.get(table).get(i)).containsExactly(b.get(table).get(i));
            }
        }
    }

    @Test
    void everyOrganisationHasOneOwnerWhoIsAMemberAndAtMostThreeSeatsPerMembership() {
        Map<Table, List<Object[]>> rows = generate(2);
        Map<Long, Long> owners =
                rows.get(Table.ORGANISATION).stream().collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[6]));
        Set<String> members = rows.get(Table.ORGANISATION_MEMBER).stream()
                .map(r -> r[0] + ":" + r[1])
                .collect(Collectors.toSet());
        owners.forEach((org, owner) -> assertThat(members).contains(org + ":" + owner));
        Set<Object> oneOrganisationEach = new HashSet<>();
        rows.get(Table.ORGANISATION_MEMBER)
                .forEach(r -> assertThat(oneOrganisationEach.add(r[1])).isTrue());
        Map<Object, Long> seats = rows.get(Table.MEMBERSHIP_SEAT).stream()
                .collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
        assertThat(seats.values()).allMatch(n -> n >= 1 && n <= 3);
        Set<Object> licensed = rows.get(Table.LICENCE).stream().map(r -> r[0]).collect(Collectors.toSet());
        assertThat(licensed).containsAll(seats.keySet());
    }

    @Test
    void topicCountersMatchTheirPostsAndAboutAThirdIsSolved() {
        Map<Table, List<Object[]>> rows = generate(3);
        Map<Long, List<Object[]>> postsByTopic =
                rows.get(Table.POST).stream().collect(Collectors.groupingBy(r -> (Long) r[1]));
        Map<Long, Long> postTopic = new HashMap<>();
        rows.get(Table.POST).forEach(r -> postTopic.put((Long) r[0], (Long) r[1]));
        for (Object[] topic : rows.get(Table.TOPIC)) {
            List<Object[]> posts = postsByTopic.get((Long) topic[0]);
            int replies = (int) topic[7];
            assertThat(posts).hasSize(replies + 1);
            for (int i = 0; i < posts.size(); i++) {
                assertThat(posts.get(i)[2]).as("positions").isEqualTo(i);
                assertThat(((String) posts.get(i)[4]).length()).isBetween(100, 2_000);
            }
            Object[] last = posts.getLast();
            assertThat(topic[5]).as("last_post_at").isEqualTo(last[6]);
            assertThat(topic[6]).as("last_poster_id").isEqualTo(last[3]);
            assertThat(topic[3]).as("author writes the question").isEqualTo(posts.getFirst()[3]);
            assertThat(((OffsetDateTime) last[6])).isBeforeOrEqualTo(NOW);
        }
        List<Object[]> accepted = rows.get(Table.ACCEPTED);
        accepted.forEach(a -> assertThat(postTopic.get((Long) a[1])).isEqualTo(a[0]));
        double solved = (double) accepted.size() / rows.get(Table.TOPIC).size();
        assertThat(solved).isBetween(0.25, 0.35);
        assertThat(rows.get(Table.POST_REVISION)).isNotEmpty();
    }

    @Test
    void conversationsHaveTwoToNineParticipantsAndEncryptedBodiesBoundToTheConversation() {
        Map<Table, List<Object[]>> rows = generate(4);
        Map<Object, Long> sizes = rows.get(Table.CONVERSATION_PARTICIPANT).stream()
                .collect(Collectors.groupingBy(r -> r[0], Collectors.counting()));
        assertThat(sizes).hasSize(600);
        assertThat(sizes.values()).allMatch(n -> n >= 2 && n <= 9);
        assertThat(rows.get(Table.MESSAGE))
                .allMatch(m -> ((String) m[3]).startsWith("enc:" + m[1] + ":") && "bench".equals(m[4]));
    }

    @Test
    void copyRowsEscapeTabsNewlinesAndBackslashesAndWriteNulls() {
        StringBuilder b = new StringBuilder();
        DatasetGenerator.appendRow(b, 1L, "a\tb\nc\\d", null, true);
        assertThat(b).hasToString("1\ta\\tb\\nc\\\\d\t\\N\tt\n");
    }
}
