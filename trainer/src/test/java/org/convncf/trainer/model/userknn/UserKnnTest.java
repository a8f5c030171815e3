package org.convncf.trainer.model.userknn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.model.knn.KnnFixtures.allScores;
import static org.convncf.trainer.model.knn.KnnFixtures.context;
import static org.convncf.trainer.model.knn.KnnFixtures.pairScores;
import static org.convncf.trainer.model.knn.KnnFixtures.tiny;

import java.io.IOException;
import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.knn.KnnFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UserKnnTest {

    private static final int A = 0, B = 1, C = 2, D = 3, E = 4;
    private static final int U0 = 0, U1 = 1, U2 = 2, U3 = 3, U4 = 4;
    private static final double S6 = Math.sqrt(6); // sqrt|R_u| · sqrt|R_v| for a 3-item and a 2-item user

    private static UserKnn.UserKnnModel fit(Interactions x, int k, double shrink) {
        return (UserKnn.UserKnnModel) new UserKnn().fit(x, new UserKnn.Config(k, shrink), context(0));
    }

    @Test
    void cosineWithShrinkMatchesHandComputedValues() {
        // Profiles: u0 {A,B,C}, u1 {A,B}, u2 {B,C,D}, u3 {A,D}, u4 {E}.
        UserKnn.UserKnnModel m = fit(tiny(), 100, 10);
        assertThat((double) m.similarity(U0, U1)).isCloseTo(2 / (S6 + 10), within(1e-7));
        assertThat((double) m.similarity(U0, U2)).isCloseTo(2 / (3 + 10.0), within(1e-7));
        assertThat((double) m.similarity(U1, U3)).isCloseTo(1 / (2 + 10.0), within(1e-7));
        assertThat((double) m.similarity(U2, U3)).isCloseTo(1 / (S6 + 10), within(1e-7));
        assertThat(m.similarity(U0, U0)).isZero();
        assertThat(m.neighbours().idsOf(U4)).isEmpty();
        assertThat(m.neighbours().idsOf(U0)).containsExactly(U1, U2, U3);

        UserKnn.UserKnnModel plain = fit(tiny(), 100, 0);
        assertThat((double) plain.similarity(U0, U2)).isCloseTo(2 / 3.0, within(1e-7));
        assertThat((double) plain.similarity(U1, U3)).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void topKKeepsTheMostSimilarUsersAndBreaksTiesByLowerId() {
        UserKnn.UserKnnModel m = fit(tiny(), 2, 10);
        // u0: u1 (2/(√6+10)) and u2 (2/13); u3 (1/(√6+10)) is cut.
        assertThat(m.neighbours().idsOf(U0)).containsExactly(U1, U2);
        // u2: u0 (2/13), then the tie u1 = u3 (1/(√6+10)) goes to u1.
        assertThat(m.neighbours().idsOf(U2)).containsExactly(U0, U1);
        // u3: u1 (1/12), then the tie u0 = u2 goes to u0.
        assertThat(m.neighbours().idsOf(U3)).containsExactly(U0, U1);
        // u1: u0 (2/(√6+10)) and u3 (1/12) beat u2 (1/(√6+10)).
        assertThat(m.neighbours().idsOf(U1)).containsExactly(U0, U3);

        UserKnn.UserKnnModel one = fit(tiny(), 1, 10);
        assertThat(one.neighbours().idsOf(U3)).containsExactly(U1);
    }

    @Test
    void scoresSumTheSimilaritiesOfNeighboursHoldingTheItem() {
        UserKnn.UserKnnModel m = fit(tiny(), 2, 10);
        float[] all = new float[5];
        m.scoreAllItems(U2, all); // N(u2) = {u0, u1}
        assertThat((double) all[A]).isCloseTo(2 / 13.0 + 1 / (S6 + 10), within(1e-7)); // both hold A
        assertThat((double) all[C]).isCloseTo(2 / 13.0, within(1e-7)); // only u0
        assertThat(all[D]).isZero(); // u3 holds D but lost the tie to u1
        assertThat(all[E]).isZero();

        m.scoreAllItems(U3, all); // N(u3) = {u0, u1}
        assertThat((double) all[C]).isCloseTo(1 / (S6 + 10), within(1e-7));
        assertThat((double) all[B]).isCloseTo(1 / (S6 + 10) + 1 / 12.0, within(1e-7));

        m.scoreAllItems(U4, all); // no neighbour
        assertThat(all).containsOnly(0f);
    }

    @Test
    void pairAndFullRankingScoresAreBitIdentical() {
        Interactions x = KnnFixtures.random(120, 60, 15, 3);
        UserKnn.UserKnnModel m = fit(x, 9, 2);
        float[][] all = allScores(m, x);
        float[][][] pairs = pairScores(m, x);
        assertThat(pairs[0]).isDeepEqualTo(all);
        assertThat(pairs[1]).isDeepEqualTo(all);
    }

    @Test
    void matchesADenseReferenceOnRandomData() {
        Interactions x = KnnFixtures.random(60, 40, 12, 5);
        int nu = x.numUsers();
        int k = 6;
        double shrink = 3;
        UserKnn.UserKnnModel m = fit(x, k, shrink);
        float[][] all = allScores(m, x);
        for (int u = 0; u < nu; u++) {
            float[] sim = new float[nu];
            for (int v = 0; v < nu; v++) {
                int common = 0;
                for (int i : x.sortedItemsOf(u)) {
                    if (x.contains(v, i)) {
                        common++;
                    }
                }
                sim[v] = v == u || common == 0 ? 0f
                        : (float) (common / (Math.sqrt(x.degree(u)) * Math.sqrt(x.degree(v)) + shrink));
            }
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int v = 0; v < nu; v++) {
                if (sim[v] > 0) {
                    order.add(v);
                }
            }
            order.sort((p, q) -> sim[p] != sim[q] ? Float.compare(sim[q], sim[p]) : Integer.compare(p, q));
            int[] kept = order.subList(0, Math.min(k, order.size())).stream().mapToInt(Integer::intValue).sorted().toArray();
            assertThat(m.neighbours().idsOf(u)).as("neighbours of %d", u).containsExactly(kept);
            for (int i = 0; i < x.numItems(); i++) {
                double expected = 0;
                for (int v : kept) {
                    if (x.contains(v, i)) {
                        expected += sim[v];
                    }
                }
                assertThat((double) all[u][i]).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void fitsAreDeterministicWhateverTheThreads() {
        Interactions x = KnnFixtures.random(400, 150, 30, 11);
        UserKnn.Config c = new UserKnn.Config(10, 5);
        float[][] first = allScores(new UserKnn().fit(x, c, context(0)), x);
        assertThat(allScores(new UserKnn().fit(x, c, context(0)), x)).isDeepEqualTo(first);
        assertThat(allScores(new UserKnn().fit(x, c, context(1)), x)).isDeepEqualTo(first);
        assertThat(allScores(new UserKnn().fit(x, c, context(3)), x)).isDeepEqualTo(first);
    }

    @Test
    void validatesHyperParameters() {
        assertThatThrownBy(() -> new UserKnn.Config(-3, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK must be >= 1, got -3");
        assertThatThrownBy(() -> new UserKnn.Config(10, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shrink must be a finite number >= 0, got Infinity");
        UserKnn algo = new UserKnn();
        assertThat(algo.name()).isEqualTo("userknn");
        assertThat(algo.defaults()).isEqualTo(new UserKnn.Config(100, 10.0));
        assertThatThrownBy(() -> HyperParameters.bind(algo.defaults(), Map.of("topK", "0")))
                .hasMessage("topK must be >= 1, got 0");
        var model = algo.fit(tiny(), algo.defaults(), context(0));
        assertThat(model.algorithm()).isEqualTo("userknn");
        assertThat(model.hyperParameters()).containsEntry("topK", 100).containsEntry("shrink", 10.0);
    }

    @Test
    void beatsItemPopOnMl100k() throws IOException {
        KnnFixtures.Ml100k r = KnnFixtures.ml100k(new UserKnn(), new UserKnn().defaults());
        assertThat(r.test().users()).isEqualTo(943);
        // Observed with the defaults (seed 42): HR@10 0.1601, NDCG@10 0.0850; ItemPop: 0.1135 / 0.0591.
        assertThat(r.test().get("HR@10")).isGreaterThan(0.145).isGreaterThan(KnnFixtures.ITEMPOP_ML100K_HR10 + 0.03);
        assertThat(r.test().get("NDCG@10")).isGreaterThan(0.07);
    }
}
