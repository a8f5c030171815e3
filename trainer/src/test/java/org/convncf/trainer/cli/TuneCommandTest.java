package org.convncf.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convncf.trainer.model.ModelFixtures;
import org.convncf.trainer.run.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The grid of {@code tune} and the table it keeps rewriting while the grid runs. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TuneCommandTest {

    @Test
    void theGridIsTheProductOfTheValuesInTheOrderGiven() {
        assertThat(TuneCommand.product(List.of("topK=5,50", "shrink= 0 , 10")))
                .containsExactly(Map.of("topK", "5", "shrink", "0"), Map.of("topK", "5", "shrink", "10"),
                        Map.of("topK", "50", "shrink", "0"), Map.of("topK", "50", "shrink", "10"));
        for (String bad : List.of("topK", "=5", "topK=")) {
            assertThatThrownBy(() -> TuneCommand.product(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("KEY=V1,V2").hasMessageContaining(bad);
        }
    }

    @Test
    void everyFinishedConfigurationIsReportedBeforeTheNextOneStarts() {
        List<Map<String, String>> grid = TuneCommand.product(List.of("topK=1,20,200"));
        List<String> tables = new ArrayList<>();
        try (Experiment experiment = new Experiment(ModelFixtures.split(60), ModelFixtures.SEED, ModelFixtures.cpu(), 0,
                ModelFixtures.quiet(), Map.of(), false)) {
            Experiment.Tuning tuning = experiment.tune("itemknn", grid,
                    (trials, best) -> tables.add(TuneCommand.table("itemknn", trials, best, grid.size())));

            assertThat(tables).hasSize(3);
            assertThat(tables.get(0)).contains("(1 of 3 configurations so far; unfinished: no test score yet,")
                    .contains("| {topK=1} |").contains("| best so far |").doesNotContain("{topK=20}");
            assertThat(tables.get(1)).contains("(2 of 3 configurations so far;").contains("| {topK=20} |")
                    .doesNotContain("{topK=200}").doesNotContain("selected |");
            // The last report is the finished grid: the same table the command prints at the end.
            String last = TuneCommand.table("itemknn", tuning.trials(), tuning.best(), grid.size());
            assertThat(tables.get(2)).isEqualTo(last).startsWith("Grid search for itemknn (3 configurations, selected")
                    .doesNotContain("best so far");
            assertThat(last.lines().filter(l -> l.endsWith("| selected |"))).hasSize(1);
            double bestNdcg = tuning.trials().get(tuning.best()).validation().get("NDCG@10");
            assertThat(tuning.trials()).allSatisfy(t -> assertThat(t.validation().get("NDCG@10")).isLessThanOrEqualTo(bestNdcg));
            assertThat(tuning.run().test()).isNotNull();
        }
    }
}
