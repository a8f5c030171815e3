package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric functions against hand-computed values (NDCG = 1/log2(rank + 2)). */
class RankingMetricsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    // 1/log2(r + 2), computed by hand (independently of the code under test).
    private static final double R0 = 1.0;
    private static final double R1 = 0.6309297535714575;  // 1/log2 3
    private static final double R4 = 0.38685280723454163; // 1/log2 6
    private static final double R5 = 0.3562071871080222;  // 1/log2 7
    private static final double R9 = 0.2890648263178879;  // 1/log2 11
    private static final double R10 = 0.27894294565112987; // 1/log2 12
    private static final double R19 = 0.227670248696953;  // 1/log2 21

    @ParameterizedTest(name = "rank {0}, k {1}: HR {2}, NDCG {3}")
    @CsvSource({
        "0, 5, 1, 1.0", "0, 10, 1, 1.0", "0, 20, 1, 1.0",
        "1, 5, 1, 0.6309297535714575", "1, 10, 1, 0.6309297535714575", "1, 20, 1, 0.6309297535714575",
        "4, 5, 1, 0.38685280723454163", "4, 10, 1, 0.38685280723454163", "4, 20, 1, 0.38685280723454163",
        "5, 5, 0, 0", "5, 10, 1, 0.3562071871080222", "5, 20, 1, 0.3562071871080222",
        "9, 5, 0, 0", "9, 10, 1, 0.2890648263178879", "9, 20, 1, 0.2890648263178879",
        "10, 5, 0, 0", "10, 10, 0, 0", "10, 20, 1, 0.27894294565112987",
        "19, 5, 0, 0", "19, 10, 0, 0", "19, 20, 1, 0.227670248696953",
        "20, 5, 0, 0", "20, 10, 0, 0", "20, 20, 0, 0",
    })
    void hitRateAndNdcgAtTheCutoffBoundaries(int rank, int k, double hr, double ndcg) {
        assertThat(RankingMetrics.hitRate(rank, k)).isEqualTo(hr);
        assertThat(RankingMetrics.ndcg(rank, k)).isCloseTo(ndcg, EXACT);
    }

    @Test
    void ndcgConstantsAreOneOverLog2OfRankPlusTwo() {
        // Sanity of the literals above: 2^(1/x) = r + 2.
        double[][] table = {{0, R0}, {1, R1}, {4, R4}, {5, R5}, {9, R9}, {10, R10}, {19, R19}};
        for (double[] row : table) {
            assertThat(Math.pow(2, 1 / row[1])).isCloseTo(row[0] + 2, within(1e-9));
        }
    }

    @Test
    void rankCountsNegativesScoringAtLeastThePositive() {
        float[] negatives = {0.1f, 0.9f, 0.5f, 0.5f, 0.2f, 0.7f};
        assertThat(RankingMetrics.rank(0.5f, negatives, 0, 6)).as("0.9, 0.7 above; two ties").isEqualTo(4);
        assertThat(RankingMetrics.rank(0.95f, negatives, 0, 6)).isZero();
        assertThat(RankingMetrics.rank(0.0f, negatives, 0, 6)).isEqualTo(6);
        // Only the given range counts.
        assertThat(RankingMetrics.rank(0.5f, negatives, 2, 4)).isEqualTo(2);
        assertThat(RankingMetrics.rank(0.5f, negatives, 3, 3)).isZero();
    }

    @Test
    void tiesCountAgainstThePositive() {
        // Every negative ties with the positive: the positive is ranked last, not first.
        float[] allTied = new float[99];
        assertThat(RankingMetrics.rank(0f, allTied, 0, 99)).isEqualTo(99);
        assertThat(RankingMetrics.hitRate(RankingMetrics.rank(0f, allTied, 0, 99), 10)).isZero();
        // One tie: rank 1, not 0.
        assertThat(RankingMetrics.rank(3f, new float[] {3f, 1f, 2f}, 0, 3)).isEqualTo(1);
        // -0.0 and 0.0 are equal scores, so a tie.
        assertThat(RankingMetrics.rank(0.0f, new float[] {-0.0f}, 0, 1)).isEqualTo(1);
    }

    @Test
    void nanPositiveIsRankedLast() {
        float[] negatives = {-1e30f, Float.NEGATIVE_INFINITY, 0f, Float.NaN};
        assertThat(RankingMetrics.rank(Float.NaN, negatives, 0, 4)).isEqualTo(4);
    }

    @Test
    void nanNegativesCountAgainstThePositive() {
        float[] negatives = {Float.NaN, 1f, Float.NaN, 3f};
        assertThat(RankingMetrics.rank(2f, negatives, 0, 4)).as("two NaNs and the 3").isEqualTo(3);
        assertThat(RankingMetrics.rank(Float.POSITIVE_INFINITY, negatives, 0, 4)).as("NaNs still count").isEqualTo(2);
    }

    @Test
    void infiniteScoresAreOrdinaryValues() {
        float[] negatives = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThat(RankingMetrics.rank(Float.POSITIVE_INFINITY, negatives, 0, 2)).as("tie with +inf").isEqualTo(1);
        assertThat(RankingMetrics.rank(0f, negatives, 0, 2)).isEqualTo(1);
    }

    @Test
    void fullRankingRecallAndNdcgHandComputed() {
        // 3 positives, hits at positions 0 and 2 of the top 5:
        // recall 2/3; DCG = 1 + 1/log2 4 = 1.5; IDCG = 1 + 1/log2 3 + 1/log2 4 = 2.1309297535714578.
        double[] m = RankingMetrics.fullRanking(new int[] {0, 2}, 2, 3, 5);
        assertThat(m[0]).isCloseTo(2.0 / 3, EXACT);
        assertThat(m[1]).isCloseTo(1.5 / 2.1309297535714578, EXACT);
        assertThat(m[1]).isCloseTo(0.7039180890341347, EXACT);
    }

    @Test
    void fullRankingIdealDcgIsOverMinOfKAndPositives() {
        // 5 positives, k = 2, one hit at position 1: recall 1/5; NDCG = (1/log2 3) / (1 + 1/log2 3).
        double[] m = RankingMetrics.fullRanking(new int[] {1}, 1, 5, 2);
        assertThat(m[0]).isCloseTo(0.2, EXACT);
        assertThat(m[1]).isCloseTo(R1 / (1 + R1), EXACT);
        // Both top slots hit with more positives than k: NDCG 1 although recall is 2/5.
        double[] full = RankingMetrics.fullRanking(new int[] {0, 1}, 2, 5, 2);
        assertThat(full[0]).isCloseTo(0.4, EXACT);
        assertThat(full[1]).isCloseTo(1.0, EXACT);
    }

    @Test
    void fullRankingEdgeCases() {
        assertThat(RankingMetrics.fullRanking(new int[20], 0, 4, 20)).containsExactly(0.0, 0.0);
        double[] perfect = RankingMetrics.fullRanking(new int[] {0, 1, 2}, 3, 3, 20);
        assertThat(perfect[0]).isCloseTo(1.0, EXACT);
        assertThat(perfect[1]).isCloseTo(1.0, EXACT);
        // One positive at position 3: recall 1, NDCG 1/log2 5.
        double[] one = RankingMetrics.fullRanking(new int[] {3}, 1, 1, 10);
        assertThat(one[0]).isEqualTo(1.0);
        assertThat(one[1]).isCloseTo(0.43067655807339306, EXACT);
        // Only the first `hits` entries of hitPositions are read.
        double[] partial = RankingMetrics.fullRanking(new int[] {3, 0, 0}, 1, 1, 10);
        assertThat(partial[1]).isCloseTo(0.43067655807339306, EXACT);
    }

    @Test
    void withOnePositiveFullRankingAgreesWithTheSampledFormulas() {
        for (int rank = 0; rank < 25; rank++) {
            for (int k : Split.CUTOFFS) {
                boolean hit = rank < k;
                double[] m = RankingMetrics.fullRanking(new int[] {rank}, hit ? 1 : 0, 1, k);
                assertThat(m[0]).isEqualTo(RankingMetrics.hitRate(rank, k));
                assertThat(m[1]).isCloseTo(RankingMetrics.ndcg(rank, k), EXACT);
            }
        }
    }
}
