package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.SplitInfo;
import org.junit.jupiter.api.Test;

class SeedSummaryTest {

    private static final SplitInfo SPLIT = new SplitInfo("sampled", "leave-one-out", "toy", "f", 1, 10, 20, 100, 10, 10, 10,
            99, "sampled", 0);

    private static ModelRun run(String name, double hr, double ndcg, double seconds) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("HR@10", hr);
        metrics.put("NDCG@10", ndcg);
        return new ModelRun(name, null, null, new EvalResult(metrics, Map.of(), 10, 0, 0), null, seconds);
    }

    @Test
    void meanAndSampleStandardDeviationPerModelAndWinsPerSeed() {
        SeedSummary s = new SeedSummary();
        s.add(1, SPLIT, List.of(run("svdpp", 0.5, 0.30, 10), run("convncf-svdpp", 0.6, 0.32, 100)));
        s.add(2, SPLIT, List.of(run("svdpp", 0.7, 0.34, 12), run("convncf-svdpp", 0.6, 0.33, 110)));
        s.add(3, SPLIT, List.of(run("svdpp", 0.6, 0.30, 14)));
        String md = s.markdown();
        assertThat(md).contains("Seeds: [1, 2, 3]");
        // HR@10 of svdpp: 0.5, 0.7, 0.6 → mean 0.6, sample std 0.1.
        assertThat(md).contains("| svdpp | 3 | 0.6000 ± 0.1000 | 0.3133 ± 0.0231 | 12.0 ± 2.0 |");
        assertThat(md).contains("| convncf-svdpp | 2 | 0.6000 ± 0.0000 | 0.3250 ± 0.0071 | 105.0 ± 7.1 |");
        assertThat(md).contains("convncf-svdpp beats svdpp on test NDCG@10 in 1 of 2 seeds");
    }

    @Test
    void aSingleValueHasNoDeviation() {
        assertThat(SeedSummary.meanStd(new double[] {0.25}, "%.2f")).isEqualTo("0.25");
    }
}
