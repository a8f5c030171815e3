package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.eval.EvalFixtures.byUser;
import static org.convncf.trainer.eval.EvalFixtures.interactions;
import static org.convncf.trainer.eval.EvalFixtures.sampledValidation;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalFixtures.RecordingScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SplitInfo} as a manifest value, {@link EvalResult}, and validation on a capped user subset. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SplitTest {

    private static Interactions randomData(int users, int items, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] h = new int[users][];
        for (int u = 0; u < users; u++) {
            Set<Integer> s = new LinkedHashSet<>();
            int d = rnd.nextInt(3, 12);
            while (s.size() < d) {
                s.add(rnd.nextInt(items));
            }
            h[u] = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return interactions(items, h);
    }

    @Test
    void toMapHasEveryFieldUnderItsComponentName() throws ReflectiveOperationException {
        SplitInfo info = new SplitInfo("sampled", "leave-one-out", "ds", "abc123", 42L, 10, 20, 30, 8, 9, 9, 99, "given", 7);
        Map<String, Object> m = info.toMap();
        RecordComponent[] components = SplitInfo.class.getRecordComponents();
        assertThat(m.keySet()).containsExactly(java.util.Arrays.stream(components).map(RecordComponent::getName)
                .toArray(String[]::new));
        for (RecordComponent c : components) {
            assertThat(m.get(c.getName())).as(c.getName()).isEqualTo(c.getAccessor().invoke(info));
        }
        // JSON-compatible values only.
        assertThat(m.values()).allMatch(v -> v instanceof String || v instanceof Number);
        assertThat(m).containsEntry("seed", 42L).containsEntry("givenNegativeCollisions", 7)
                .containsEntry("fingerprint", "abc123").containsEntry("negatives", 99);
    }

    @Test
    void toMapOfARealSplit() {
        Interactions all = randomData(50, 80, 1);
        SplitInfo info = Splits.leaveOneOut("r", all, 10, 5L).info();
        Map<String, Object> m = info.toMap();
        assertThat(m).containsEntry("protocol", "sampled").containsEntry("dataset", "r")
                .containsEntry("fingerprint", all.fingerprint()).containsEntry("seed", 5L)
                .containsEntry("users", 50).containsEntry("items", 80).containsEntry("testUsers", 50)
                .containsEntry("validationUsers", 50).containsEntry("trainInteractions", all.size() - 100)
                .containsEntry("negatives", 10).containsEntry("negativeSource", "sampled");
    }

    /** The users a validation run scored, in order. */
    private static List<Integer> scoredUsers(Split split, int cap, long seed) {
        List<Integer> users = new ArrayList<>();
        RecordingScorer scorer = new RecordingScorer((u, i) -> (float) ((u * 31 + i) % 7));
        EvalResult r = split.evaluateValidation(scorer, cap, seed);
        for (int[][] call : scorer.calls) {
            for (int k = 0; k < call[0].length; k++) {
                if (users.isEmpty() || users.get(users.size() - 1) != call[0][k]) {
                    users.add(call[0][k]);
                }
            }
        }
        assertThat(r.users()).isEqualTo(users.size());
        return users;
    }

    @Test
    void validationWithAUserCapUsesAFixedSubsetForAFixedSeed() {
        Split split = Splits.leaveOneOut("cap", randomData(300, 400, 2), 20, 1L);
        List<Integer> a = scoredUsers(split, 50, 7L);
        assertThat(a).hasSize(50).doesNotHaveDuplicates().isSorted();
        assertThat(scoredUsers(split, 50, 7L)).as("same seed, same users").isEqualTo(a);
        List<Integer> b = scoredUsers(split, 50, 8L);
        assertThat(b).hasSize(50).isNotEqualTo(a);
        assertThat(byUser(sampledValidation(split)).keySet()).containsAll(a).containsAll(b);
        // The same subset gives the same metrics.
        RecordingScorer s = new RecordingScorer((u, i) -> (float) ((u * 31 + i) % 7));
        assertThat(split.evaluateValidation(s, 50, 7L).metrics()).isEqualTo(split.evaluateValidation(s, 50, 7L).metrics());
        // No cap (or a cap above the number of users): everyone.
        assertThat(scoredUsers(split, Integer.MAX_VALUE, 7L)).hasSize(300);
        assertThat(scoredUsers(split, 300, 7L)).hasSize(300);
        assertThat(split.evaluateValidation(s).users()).isEqualTo(300);
        assertThat(split.validationUsers()).isEqualTo(300);
    }

    @Test
    void cappedValidationMetricsAreThoseOfTheSubset() {
        Split split = Splits.leaveOneOut("cap", randomData(120, 200, 3), 15, 2L);
        RecordingScorer s = new RecordingScorer((u, i) -> (float) ((u * 17 + i * 3) % 11));
        EvalResult all = split.evaluateValidation(s);
        EvalResult capped = split.evaluateValidation(s, 40, 9L);
        List<Integer> users = scoredUsers(split, 40, 9L);
        // Per-user values of the subset are the full run's values of those users.
        List<Integer> allUsers = new ArrayList<>(byUser(sampledValidation(split)).keySet());
        double[] full = all.perUser().get("NDCG@10");
        double[] sub = capped.perUser().get("NDCG@10");
        double sum = 0;
        for (int k = 0; k < users.size(); k++) {
            assertThat(sub[k]).isEqualTo(full[allUsers.indexOf(users.get(k))]);
            sum += sub[k];
        }
        assertThat(capped.get("NDCG@10")).isCloseTo(sum / 40, within(1e-12));
    }

    @Test
    void evalResultIsImmutableAndNamesMissingMetrics() {
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(Map.of("HR@10", 0.5));
        EvalResult r = new EvalResult(metrics, Map.of(), 1, 1, 0);
        metrics.put("HR@20", 1.0);
        assertThat(r.metrics()).containsOnlyKeys("HR@10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.get("NDCG@10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NDCG@10").hasMessageContaining("HR@10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.metrics().put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
