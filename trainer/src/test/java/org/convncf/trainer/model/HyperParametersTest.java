package org.convncf.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.store.IdMap;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.bpr.BprConfig;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;
import org.convncf.trainer.model.bpr.ShallowAlgorithm;
import org.convncf.trainer.model.convncf.ConvNcf;
import org.convncf.trainer.model.mf.MfBpr;
import org.junit.jupiter.api.Test;

/** Binding {@code key=value} overrides onto hyper-parameter records, and the records' own validation. */
class HyperParametersTest {

    enum Shape {
        ROUND, SQUARE_ISH
    }

    record Inner(int depth, double rate) {
        Inner {
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be >= 1, got " + depth);
            }
        }
    }

    record Outer(String label, Inner inner, Shape shape, boolean flag, long seed, float scale, Integer boxed) {
    }

    record Clash(int depth, Inner inner) {
    }

    private static final Outer OUTER = new Outer("x", new Inner(2, 0.5), Shape.ROUND, false, 7L, 1.5f, 3);

    // ------------------------------------------------------------------ binding

    @Test
    void bindsEveryTypeAndNestedRecordsFromOneFlatMap() {
        Outer bound = HyperParameters.bind(OUTER, Map.of("label", "  hello ", "depth", " 4", "rate", "1e-3", "shape",
                "square-ish", "flag", "TRUE", "seed", "-12", "scale", "0.25", "boxed", "9"));
        assertThat(bound).isEqualTo(new Outer("hello", new Inner(4, 1e-3), Shape.SQUARE_ISH, true, -12L, 0.25f, 9));
        assertThat(HyperParameters.bind(OUTER, Map.of())).isEqualTo(OUTER);
        assertThat(HyperParameters.bind(OUTER, Map.of("rate", "2"))).isEqualTo(
                new Outer("x", new Inner(2, 2.0), Shape.ROUND, false, 7L, 1.5f, 3));
    }

    @Test
    void bindsTheNestedTrainingRecipeOfTheRealAlgorithms() {
        ConvNcf convNcf = new ConvNcf(UserEmbeddingKind.SVDPP);
        ConvNcf.Config c = HyperParameters.bind(convNcf.defaults(), Map.of("channels", "8", "factors", "16",
                "lambdaOutput", "0.5", "warmupEpoch", "false", "pretrain", " mf "));
        assertThat(c.channels()).isEqualTo(8);
        assertThat(c.training().factors()).isEqualTo(16);
        assertThat(c.training().lambdaOutput()).isEqualTo(0.5);
        assertThat(c.training().warmupEpoch()).isFalse();
        assertThat(c.training().pretrain()).isEqualTo("mf");
        assertThat(c.training().epochs()).isEqualTo(convNcf.defaults().training().epochs());

        NeuralAlgorithm.Config n = HyperParameters.bind(new NeuralAlgorithm.Config(3, NeuralAlgorithm.neuralDefaults()),
                Map.of("layers", "1", "batchSize", "64"));
        assertThat(n.layers()).isEqualTo(1);
        assertThat(n.training().batchSize()).isEqualTo(64);

        ShallowAlgorithm.Config s = HyperParameters.bind(new MfBpr().defaults(), Map.of("alpha", "0"));
        assertThat(s.training().alpha()).isZero();
    }

    // ------------------------------------------------------------------ error messages

    @Test
    void unknownKeyNamesItAndListsTheValidKeysSorted() {
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("dept", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown hyper-parameter 'dept'; valid ones are [boxed, depth, flag, label, rate, scale, seed, shape]");
        assertThatThrownBy(() -> HyperParameters.bind(new ConvNcf(UserEmbeddingKind.MF).defaults(), Map.of("lambda4", "1")))
                .hasMessageStartingWith("unknown hyper-parameter 'lambda4'; valid ones are [")
                .hasMessageContaining("channels").hasMessageContaining("lambdaOutput").hasMessageContaining("factors");
    }

    @Test
    void badNumbersBooleansAndEnumsAreReportedWithKeyAndValue() {
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("depth", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter 'depth' must be a finite int, got 'ten'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("depth", "2.5")))
                .hasMessage("hyper-parameter 'depth' must be a finite int, got '2.5'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("depth", "99999999999")))
                .hasMessage("hyper-parameter 'depth' must be a finite int, got '99999999999'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("rate", "NaN")))
                .hasMessage("hyper-parameter 'rate' must be a finite double, got 'NaN'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("rate", "Infinity")))
                .hasMessage("hyper-parameter 'rate' must be a finite double, got 'Infinity'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("scale", "")))
                .hasMessage("hyper-parameter 'scale' must be a finite float, got ''");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("seed", "0x10")))
                .hasMessage("hyper-parameter 'seed' must be a finite long, got '0x10'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("boxed", "one")))
                .hasMessage("hyper-parameter 'boxed' must be a finite Integer, got 'one'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("flag", "yes")))
                .hasMessage("hyper-parameter 'flag' must be true or false, got 'yes'");
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("shape", "triangle")))
                .hasMessage("hyper-parameter 'shape' must be one of [round, square_ish], got 'triangle'");
    }

    @Test
    void theRecordsOwnValidationMessagesComeThrough() {
        assertThatThrownBy(() -> HyperParameters.bind(OUTER, Map.of("depth", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("depth must be >= 1, got 0");

        ConvNcf.Config convNcf = new ConvNcf(UserEmbeddingKind.FISM).defaults();
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("lambdaUser", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lambdaUser must be >= 0, got -1.0");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("alpha", "1.5")))
                .hasMessage("alpha must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("alpha", "-0.1")))
                .hasMessage("alpha must be >= 0, got -0.1");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("channels", "0")))
                .hasMessage("channels must be in 1..1024, got 0");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("factors", "0")))
                .hasMessageStartingWith("factors must be > 0, got 0");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("lrEmbedding", "0")))
                .hasMessage("lrEmbedding must be > 0, got 0.0");
        assertThatThrownBy(() -> HyperParameters.bind(convNcf, Map.of("patience", "-1")))
                .hasMessageStartingWith("patience must be >= 0, got -1");
        assertThatThrownBy(() -> HyperParameters.bind(new NeuralAlgorithm.Config(3, NeuralAlgorithm.neuralDefaults()),
                Map.of("layers", "4"))).hasMessage("layers must be 1, 2 or 3, got 4");
        assertThatThrownBy(() -> new BprConfig(8, 1, 1, 0.1, 0.1, 0, 0, 0, 0, 1, 0, 1, 0.01, 0.1, false, 1, 2.0, null))
                .hasMessage("alpha must be in [0, 1], got 2.0");
        assertThat(new BprConfig(8, 1, 1, 0.1, 0.1, 0, 0, 0, 0, 1, 0, 1, 0.01, 0.1, false, 1, 1.0, null).pretrain()).isEmpty();
    }

    @Test
    void convNcfChecksItsArchitectureBeforeAnyWork() {
        Interactions tiny = Interactions.ofCsr(IdMap.range(1), IdMap.range(3), new int[] {0, 2}, new int[] {0, 1}, null);
        ConvNcf convNcf = new ConvNcf(UserEmbeddingKind.MF);
        // K must be a power of two: caught before the (absent) pre-trained model is asked for.
        assertThatThrownBy(() -> convNcf.fit(tiny, Map.of("factors", "12"), TrainingContext.simple(1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding size must be a power of two >= 2, got 12");
    }

    // ------------------------------------------------------------------ toMap

    @Test
    void toMapFlattensNestedRecordsInDeclarationOrder() {
        assertThat(HyperParameters.toMap(OUTER)).containsExactly(Map.entry("label", "x"), Map.entry("depth", 2),
                Map.entry("rate", 0.5), Map.entry("shape", "round"), Map.entry("flag", false), Map.entry("seed", 7L),
                Map.entry("scale", 1.5f), Map.entry("boxed", 3));
        List<String> keys = List.copyOf(HyperParameters.toMap(new ConvNcf(UserEmbeddingKind.SVDPP).defaults()).keySet());
        assertThat(keys).containsExactly("channels", "factors", "epochs", "batchSize", "lrEmbedding", "lrNetwork",
                "lambdaUser", "lambdaItem", "lambdaNetwork", "lambdaOutput", "evalEvery", "patience", "negativeCandidates",
                "initStd", "adagradInitial", "warmupEpoch", "historyLength", "alpha", "pretrain");
        assertThat(HyperParameters.toMap(new ConvNcf(UserEmbeddingKind.SVDPP).defaults()))
                .containsEntry("pretrain", "svdpp").containsEntry("channels", 32).containsEntry("factors", 64);
        assertThatThrownBy(() -> HyperParameters.toMap(new Clash(1, new Inner(2, 0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'depth' is declared twice");
    }

    @Test
    void everyRegisteredAlgorithmsKeysAreUniqueAndRoundTrip() {
        for (Algorithm<?> a : Algorithms.all()) {
            Map<String, Object> map = HyperParameters.toMap(a.defaults()); // throws on a clash
            Map<String, String> asText = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> asText.put(k, String.valueOf(v)));
            assertThat(HyperParameters.bind(a.defaults(), asText)).as(a.name()).isEqualTo(a.defaults());
        }
    }
}
