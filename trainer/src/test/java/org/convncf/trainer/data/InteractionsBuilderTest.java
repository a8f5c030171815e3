package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.convncf.store.IdMap;
import org.junit.jupiter.api.Test;

class InteractionsBuilderTest {

    private static List<String> externalItems(Interactions x, String user) {
        int u = x.users().indexOf(user);
        List<String> out = new ArrayList<>();
        for (int i : x.itemsOf(u)) {
            out.add(x.items().externalId(i));
        }
        return out;
    }

    private static List<Long> times(Interactions x, String user) {
        int u = x.users().indexOf(user);
        List<Long> out = new ArrayList<>();
        for (int k = x.start(u); k < x.end(u); k++) {
            out.add(x.timeAt(k));
        }
        return out;
    }

    @Test
    void ordersEachUsersItemsByTimeStablyForTies() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x", 30);
        b.add("b", "q", 5);
        b.add("a", "y", 10);
        b.add("a", "z", 20);
        b.add("a", "w", 10);
        b.add("b", "p", 1);
        Interactions x = b.build();

        assertThat(x.hasTimestamps()).isTrue();
        assertThat(externalItems(x, "a")).containsExactly("y", "w", "z", "x");
        assertThat(times(x, "a")).containsExactly(10L, 10L, 20L, 30L);
        assertThat(externalItems(x, "b")).containsExactly("p", "q");
        assertThat(b.duplicates()).isZero();
        assertThat(b.events()).isEqualTo(6);
    }

    @Test
    void longUserHistoriesMatchAStableReferenceSort() {
        // More than the insertion-sort cutoff, with many ties, so the merge path is exercised.
        Random rnd = new Random(7);
        InteractionsBuilder b = new InteractionsBuilder();
        Map<String, List<long[]>> reference = new LinkedHashMap<>();
        int serial = 0;
        for (int e = 0; e < 3000; e++) {
            String user = "u" + rnd.nextInt(5);
            long t = rnd.nextInt(40) - 10; // negative times and ties
            int item = serial++; // unique items: no dedup here
            b.add(user, "i" + item, t);
            reference.computeIfAbsent(user, k -> new ArrayList<>()).add(new long[] {t, item});
        }
        Interactions x = b.build();
        assertThat(x.size()).isEqualTo(3000);
        for (var entry : reference.entrySet()) {
            List<long[]> expected = new ArrayList<>(entry.getValue());
            expected.sort(Comparator.comparingLong(a -> a[0])); // List.sort is stable
            List<String> expectedItems = expected.stream().map(a -> "i" + a[1]).toList();
            List<Long> expectedTimes = expected.stream().map(a -> a[0]).toList();
            assertThat(externalItems(x, entry.getKey())).containsExactlyElementsOf(expectedItems);
            assertThat(times(x, entry.getKey())).containsExactlyElementsOf(expectedTimes);
        }
    }

    @Test
    void withoutTimestampsKeepsArrivalOrder() {
        InteractionsBuilder b = new InteractionsBuilder();
        for (String i : new String[] {"c", "a", "b"}) {
            b.add("u", i);
        }
        Interactions x = b.build();
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(externalItems(x, "u")).containsExactly("c", "a", "b");
        assertThatThrownBy(() -> x.timeAt(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void duplicatesKeepTheLatestOccurrenceAndAreCounted() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x", 10);
        b.add("a", "y", 20);
        b.add("a", "x", 30);
        b.add("b", "x", 50); // other user: not a duplicate
        b.add("b", "y", 40);
        b.add("b", "y", 5); // earlier in time although later in the file: the t=40 one is the latest
        b.add("b", "y", 40); // exact repeat
        assertThat(b.duplicates()).as("before build").isEqualTo(-1);
        Interactions x = b.build();

        assertThat(externalItems(x, "a")).containsExactly("y", "x");
        assertThat(times(x, "a")).containsExactly(20L, 30L);
        assertThat(externalItems(x, "b")).containsExactly("y", "x");
        assertThat(times(x, "b")).containsExactly(40L, 50L);
        assertThat(b.duplicates()).isEqualTo(3);
        assertThat(x.size()).isEqualTo(4);
        assertThat(b.events()).isEqualTo(7);
    }

    @Test
    void duplicatesWithoutTimestampsKeepTheLastInFileOrder() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x");
        b.add("a", "y");
        b.add("a", "z");
        b.add("a", "x");
        b.add("a", "x");
        Interactions x = b.build();
        assertThat(externalItems(x, "a")).containsExactly("y", "z", "x");
        assertThat(b.duplicates()).isEqualTo(2);
    }

    @Test
    void usersAndItemsWithoutInteractionsKeepTheirIds() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x");
        int ghost = b.userIds().intern("ghost");
        int lonely = b.itemIds().intern("lonely");
        b.add("c", "y");
        Interactions x = b.build();

        assertThat(x.numUsers()).isEqualTo(3);
        assertThat(x.numItems()).isEqualTo(3);
        assertThat(x.users().externalIds()).containsExactly("a", "ghost", "c");
        assertThat(x.items().externalIds()).containsExactly("x", "lonely", "y");
        assertThat(x.degree(ghost)).isZero();
        assertThat(x.itemsOf(ghost)).isEmpty();
        assertThat(x.contains(ghost, lonely)).isFalse();
        assertThat(x.itemCounts()).containsExactly(1, 0, 1);
        assertThat(x.users().indexOf("c")).isEqualTo(2);
        assertThat(x.users().externalId(2)).isEqualTo("c");
        assertThat(x.users().indexOf("nobody")).isEqualTo(-1);
    }

    @Test
    void emptyBuilderGivesAnEmptyDataset() {
        Interactions x = new InteractionsBuilder().build();
        assertThat(x.numUsers()).isZero();
        assertThat(x.numItems()).isZero();
        assertThat(x.size()).isZero();
        assertThat(x.fingerprint()).hasSize(64);
    }

    @Test
    void csrInvariantsContainsAndItemCountsAgreeWithAReferenceSet() {
        Random rnd = new Random(11);
        InteractionsBuilder b = new InteractionsBuilder();
        Set<String> pairs = new HashSet<>();
        for (int e = 0; e < 5000; e++) {
            String u = "u" + rnd.nextInt(60);
            String i = "i" + rnd.nextInt(80);
            b.add(u, i, rnd.nextInt(100));
            pairs.add(u + "|" + i);
        }
        b.userIds().intern("idle");
        Interactions x = b.build();

        assertThat(x.size()).isEqualTo(pairs.size());
        assertThat(b.duplicates()).isEqualTo(5000 - pairs.size());
        assertThat(x.start(0)).isZero();
        assertThat(x.end(x.numUsers() - 1)).isEqualTo(x.size());
        int[] counts = new int[x.numItems()];
        long total = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            if (u + 1 < x.numUsers()) {
                assertThat(x.start(u + 1)).isEqualTo(x.end(u));
            }
            assertThat(x.degree(u)).isEqualTo(x.end(u) - x.start(u)).isNotNegative();
            total += x.degree(u);
            int[] items = x.itemsOf(u);
            int[] sorted = x.sortedItemsOf(u);
            assertThat(sorted).isSorted().doesNotHaveDuplicates().containsExactlyInAnyOrder(items);
            for (int k = x.start(u) + 1; k < x.end(u); k++) {
                assertThat(x.timeAt(k)).isGreaterThanOrEqualTo(x.timeAt(k - 1));
            }
            for (int k = x.start(u); k < x.end(u); k++) {
                assertThat(x.itemAt(k)).isEqualTo(items[k - x.start(u)]);
                counts[x.itemAt(k)]++;
            }
            String user = x.users().externalId(u);
            for (int i = 0; i < x.numItems(); i++) {
                assertThat(x.contains(u, i)).isEqualTo(pairs.contains(user + "|" + x.items().externalId(i)));
            }
        }
        assertThat(total).isEqualTo(x.size());
        assertThat(x.itemCounts()).containsExactly(counts);
        assertThat(x.degree(x.users().indexOf("idle"))).isZero();
    }

    @Test
    void itemsOfReturnsCopies() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x");
        b.add("a", "y");
        Interactions x = b.build();
        x.itemsOf(0)[0] = 99;
        x.sortedItemsOf(0)[0] = 99;
        assertThat(x.itemsOf(0)).containsExactly(0, 1);
        assertThat(x.contains(0, 0)).isTrue();
    }

    private static Interactions build(Consumer<InteractionsBuilder> events) {
        InteractionsBuilder b = new InteractionsBuilder();
        events.accept(b);
        return b.build();
    }

    private static void base(InteractionsBuilder b) {
        b.add("a", "x", 1);
        b.add("a", "y", 2);
        b.add("b", "x", 3);
    }

    @Test
    void fingerprintIsStableAndSensitiveToEveryIdPairAndTime() {
        String f = build(InteractionsBuilderTest::base).fingerprint();
        assertThat(f).matches("[0-9a-f]{64}");
        assertThat(build(InteractionsBuilderTest::base).fingerprint()).as("rebuilt").isEqualTo(f);
        InteractionsBuilder reused = new InteractionsBuilder();
        base(reused);
        assertThat(reused.build().fingerprint()).isEqualTo(reused.build().fingerprint()).isEqualTo(f);

        List<String> variants = List.of(
                build(b -> { b.add("a", "x", 1); b.add("a", "y", 2); b.add("B", "x", 3); }).fingerprint(), // user id
                build(b -> { b.add("a", "x", 1); b.add("a", "Y", 2); b.add("b", "x", 3); }).fingerprint(), // item id
                build(b -> { b.add("a", "x", 1); b.add("a", "y", 2); b.add("b", "y", 3); }).fingerprint(), // pair
                build(b -> { b.add("a", "x", 1); b.add("a", "y", 2); b.add("b", "x", 4); }).fingerprint(), // time
                build(b -> { base(b); b.add("b", "y", 5); }).fingerprint(), // one more pair
                build(b -> { base(b); b.itemIds().intern("z"); }).fingerprint(), // one more item
                build(b -> { base(b); b.userIds().intern("c"); }).fingerprint(), // one more user
                build(b -> { b.add("b", "x", 3); b.add("a", "x", 1); b.add("a", "y", 2); }).fingerprint(), // id order
                build(b -> { b.add("a", "x"); b.add("a", "y"); b.add("b", "x"); }).fingerprint()); // no times
        assertThat(variants).doesNotContain(f).doesNotHaveDuplicates();
    }

    @Test
    void fingerprintOfOfCsrMatchesTheBuilder() {
        Interactions built = build(InteractionsBuilderTest::base);
        Interactions csr = Interactions.ofCsr(IdMap.of(List.of("a", "b")), IdMap.of(List.of("x", "y")),
                new int[] {0, 2, 3}, new int[] {0, 1, 0}, new long[] {1, 2, 3});
        assertThat(csr.fingerprint()).isEqualTo(built.fingerprint());
    }

    @Test
    void ofCsrRejectsInconsistentArrays() {
        IdMap users = IdMap.of(List.of("a", "b"));
        IdMap items = IdMap.of(List.of("x", "y"));
        assertThatThrownBy(() -> Interactions.ofCsr(users, items, new int[] {0, 2, 2}, new int[] {1, 1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Interactions.ofCsr(users, items, new int[] {0, 2, 1}, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interactions.ofCsr(users, items, new int[] {0, 1, 1}, new int[] {2}, null))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Interactions.ofCsr(users, items, new int[] {0, 1}, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interactions.ofCsr(users, items, new int[] {0, 1, 2}, new int[] {0, 1}, new long[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixingTimestampedAndUntimestampedEventsIsRejected() {
        InteractionsBuilder b = new InteractionsBuilder();
        b.add("a", "x", 1);
        assertThatThrownBy(() -> b.add("a", "y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamps");
        InteractionsBuilder c = new InteractionsBuilder();
        c.add("a", "x");
        assertThatThrownBy(() -> c.add("a", "y", 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.addInternal(0, 0, 5, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsPastItsInitialCapacity() {
        InteractionsBuilder b = new InteractionsBuilder();
        for (int e = 0; e < 20_000; e++) {
            b.add("u" + (e % 97), "i" + e);
        }
        Interactions x = b.build();
        assertThat(x.size()).isEqualTo(20_000);
        assertThat(x.numUsers()).isEqualTo(97);
        assertThat(x.items().externalId(19_999)).isEqualTo("i19999");
    }
}
