package org.convncf.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.convncf.nn.Embeddings;
import org.convncf.nn.UserEmbedding;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.rank.TopK;
import org.junit.jupiter.api.Test;

class CandidateGeneratorTest {

    static final int ITEMS = 100;
    static final int DIM = 4;

    /** Item i's retrieval score for the user (1, 0, 0, 0) is i: the dot product ranks by id, highest first. */
    private static Embeddings byId() {
        float[] q = new float[ITEMS * DIM];
        for (int i = 0; i < ITEMS; i++) {
            q[i * DIM] = i;
        }
        return new Embeddings(new UserEmbedding(UserEmbeddingKind.MF, DIM, 0.5f, new float[DIM], null), q);
    }

    private static final float[] USER = {1f, 0f, 0f, 0f};

    /** Popularity is the reverse: item 0 is the most popular. */
    private static final int[] POPULARITY = IntStream.range(0, ITEMS).toArray();

    @Test
    void retrievalOnlyTakesTheTopDotProducts() {
        int[] c = CandidateGenerator.generate(USER, byId(), POPULARITY, new boolean[ITEMS], 10, 0.0);
        assertThat(c).containsExactly(99, 98, 97, 96, 95, 94, 93, 92, 91, 90);
    }

    @Test
    void thePopularityShareIsFilledFromTheMostPopularItems() {
        int[] c = CandidateGenerator.generate(USER, byId(), POPULARITY, new boolean[ITEMS], 10, 0.3);
        assertThat(c).hasSize(10);
        assertThat(Arrays.copyOf(c, 7)).containsExactly(99, 98, 97, 96, 95, 94, 93);
        assertThat(Arrays.copyOfRange(c, 7, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void popularItemsAlreadyRetrievedAreNotRepeated() {
        int[] reversed = IntStream.range(0, ITEMS).map(i -> ITEMS - 1 - i).toArray(); // 99 most popular
        int[] c = CandidateGenerator.generate(USER, byId(), reversed, new boolean[ITEMS], 10, 0.5);
        assertThat(c).hasSize(10).doesNotHaveDuplicates();
        assertThat(c).containsExactly(99, 98, 97, 96, 95, 94, 93, 92, 91, 90);
    }

    @Test
    void aPopularityShareOfOneTakesOnlyPopularItems() {
        int[] c = CandidateGenerator.generate(USER, byId(), POPULARITY, new boolean[ITEMS], 5, 1.0);
        assertThat(c).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void excludedItemsAreNeverCandidates() {
        boolean[] excluded = new boolean[ITEMS];
        for (int i : new int[] {99, 97, 0, 2}) {
            excluded[i] = true;
        }
        int[] c = CandidateGenerator.generate(USER, byId(), POPULARITY, excluded, 10, 0.3);
        assertThat(c).hasSize(10).doesNotContain(99, 97, 0, 2).doesNotHaveDuplicates();
        assertThat(Arrays.copyOfRange(c, 7, 10)).containsExactly(1, 3, 4);
    }

    @Test
    void fewerItemsThanRequestedGivesWhatThereIs() {
        boolean[] excluded = new boolean[ITEMS];
        Arrays.fill(excluded, 0, ITEMS - 6, true); // only 94..99 are allowed
        int[] c = CandidateGenerator.generate(USER, byId(), POPULARITY, excluded, 20, 0.5);
        assertThat(c).containsExactlyInAnyOrder(94, 95, 96, 97, 98, 99);
    }

    @Test
    void randomInputsRespectCountExclusionAndUniqueness() {
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            int n = 20 + random.nextInt(200);
            float[] q = new float[n * DIM];
            for (int i = 0; i < q.length; i++) {
                q[i] = (float) random.nextGaussian();
            }
            Embeddings e = new Embeddings(new UserEmbedding(UserEmbeddingKind.MF, DIM, 0.5f, new float[DIM], null), q);
            float[] user = {(float) random.nextGaussian(), (float) random.nextGaussian(), 0.3f, -0.2f};
            boolean[] excluded = new boolean[n];
            int allowed = 0;
            for (int i = 0; i < n; i++) {
                excluded[i] = random.nextInt(4) == 0;
                allowed += excluded[i] ? 0 : 1;
            }
            int[] popularity = IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = popularity[i];
                popularity[i] = popularity[j];
                popularity[j] = t;
            }
            int count = 1 + random.nextInt(n);
            double share = random.nextDouble();
            int[] c = CandidateGenerator.generate(user, e, popularity, excluded, count, share);
            assertThat(c).hasSize(Math.min(count, allowed)).doesNotHaveDuplicates();
            for (int item : c) {
                assertThat(excluded[item]).as("item %d is excluded", item).isFalse();
            }
            // the retrieval part is the top (count - share*count) by dot product among allowed items
            int fromRetrieval = count - (int) Math.round(count * share);
            int[] expected = TopK.select(scores(user, e), n, excluded, fromRetrieval);
            assertThat(Arrays.copyOf(c, Math.min(expected.length, c.length))).containsExactly(expected);
        }
    }

    private static float[] scores(float[] user, Embeddings e) {
        float[] s = new float[e.numItems()];
        for (int i = 0; i < s.length; i++) {
            s[i] = e.dot(user, i);
        }
        return s;
    }
}
