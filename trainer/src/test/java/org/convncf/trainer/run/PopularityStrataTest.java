package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.convncf.trainer.eval.EvalResult;
import org.junit.jupiter.api.Test;

class PopularityStrataTest {

    @Test
    void tertilesSplitCountsIntoThirds() {
        PopularityStrata strata = PopularityStrata.ofTertiles(new int[] {9, 1, 8, 2, 7, 3, 6, 4, 5}).orElseThrow();
        assertThat(strata.labels()).containsExactly("≤ 3", "4–6", "> 6");
        assertThat(strata.sizes(new int[] {0, 3, 4, 6, 7, 100})).containsExactly(2, 2, 2);
        assertThat(strata.select(new double[] {0.1, 0.2, 0.3}, new int[] {7, 1, 9}, 2)).containsExactly(0.1, 0.3);
    }

    @Test
    void tiedCountsLeaveTheMiddleStratumEmpty() {
        PopularityStrata strata = PopularityStrata.ofTertiles(new int[] {4, 4, 4, 4}).orElseThrow();
        assertThat(strata.labels()).containsExactly("≤ 4", "(empty)", "> 4");
        assertThat(strata.sizes(new int[] {4, 4, 5})).containsExactly(2, 0, 1);
        assertThat(PopularityStrata.ofTertiles(new int[0])).isEmpty();
    }

    @Test
    void sectionShowsWhereTheGainIs() {
        // 600 users, held-out counts 0..599: strata <= 199, 200-399, > 399. The ConvNCF model gains
        // only on the most popular third; on validation (300 users, counts 0..299) it sees two strata.
        int[] testCounts = IntStream.range(0, 600).toArray();
        int[] validationCounts = IntStream.range(0, 300).toArray();
        SplittableRandom rnd = new SplittableRandom(1);
        double[] base = rnd.doubles(600, 0.2, 0.4).toArray();
        double[] better = IntStream.range(0, 600).mapToDouble(u -> base[u] + (u > 399 ? 0.3 : 0)).toArray();
        double[] baseValidation = rnd.doubles(300, 0.2, 0.4).toArray();
        List<ModelRun> runs = List.of(
                run("mf", result(baseValidation, validationCounts), result(base, testCounts)),
                run("convncf-mf", result(baseValidation, validationCounts), result(better, testCounts)));

        StringBuilder sb = new StringBuilder();
        PopularityStrata.appendTo(sb, runs);
        String md = sb.toString();

        assertThat(md).contains("strata at the test users' tertiles: ≤ 199, 200–399, > 399")
                .contains("Users per stratum: test 200 / 200 / 200; validation (the users selection saw) 200 / 100 / 0.")
                .contains("| convncf-mf | mf | validation | +0.0000 (p = 1.0000) | +0.0000 (p = 1.0000) | n/a |")
                .contains("| convncf-mf | mf | test | +0.0000 (p = 1.0000) | +0.0000 (p = 1.0000) | +0.3000 (p < 1e-4) |");
        String mfRow = md.lines().filter(l -> l.startsWith("| mf |")).findFirst().orElseThrow();
        assertThat(mfRow).endsWith("| " + mean(base, 400, 600) + " |").contains("| – |");
    }

    @Test
    void noSectionUnderFullRanking() {
        EvalResult fullRanking = new EvalResult(Map.of("NDCG@20", 0.1), Map.of("NDCG@20", new double[] {0.1}), 1, 1, 0);
        StringBuilder sb = new StringBuilder();
        PopularityStrata.appendTo(sb, List.of(run("mf", null, fullRanking)));
        assertThat(sb).isEmpty();
    }

    private static String mean(double[] v, int from, int to) {
        return String.format(Locale.ROOT, "%.4f", IntStream.range(from, to).mapToDouble(u -> v[u]).average().orElseThrow());
    }

    private static EvalResult result(double[] ndcg10, int[] counts) {
        double mean = IntStream.range(0, ndcg10.length).mapToDouble(u -> ndcg10[u]).average().orElseThrow();
        return new EvalResult(Map.of("NDCG@10", mean), Map.of("NDCG@10", ndcg10), ndcg10.length, 0, 0, counts);
    }

    private static ModelRun run(String name, EvalResult validation, EvalResult test) {
        return new ModelRun(name, null, validation, test, null, 0);
    }
}
