package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void factoriesAndAccessorsCopy() {
        float[] data = {1, 2, 3, 4, 5, 6};
        long[] shape = {2, 3};
        Tensor t = Tensor.of("w", shape, data);
        data[0] = 99;
        shape[0] = 99;
        t.floats()[1] = 99;
        t.shape()[1] = 99;

        assertThat(t.floats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.size()).isEqualTo(6);
        assertThat(t.byteSize()).isEqualTo(24);
    }

    @Test
    void wrongDtypeAccessorNamesBothTypes() {
        Tensor t = Tensor.of("ids", new long[] {2}, new int[] {1, 2});

        assertThatThrownBy(t::floats).isInstanceOf(IllegalStateException.class)
                .hasMessage("tensor 'ids' is I32, not F32; use the I32 accessor");
        assertThatThrownBy(t::longs).isInstanceOf(IllegalStateException.class).hasMessageContaining("not I64");
        assertThat(t.ints()).containsExactly(1, 2);
    }

    @Test
    void shapeMustMatchData() {
        assertThatThrownBy(() -> Tensor.of("w", new long[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape [2, 2] has 4 elements but the data has 3");
        assertThatThrownBy(() -> Tensor.of("w", new long[] {-1}, new float[0]))
                .hasMessageContaining("negative dimension");
        assertThatThrownBy(() -> Tensor.of("w", new long[] {1L << 32, 1L << 32}, new float[0]))
                .hasMessageContaining("too many elements");
    }

    @Test
    void scalarsAndEmptyTensors() {
        assertThat(Tensor.of("s", new long[] {}, new long[] {7}).size()).isEqualTo(1);
        assertThat(Tensor.of("e", new long[] {3, 0}, new int[0]).size()).isZero();
        assertThat(Tensor.of("e", new long[] {1L << 40, 1L << 40, 0}, new int[0]).size()).isZero();
    }

    @Test
    void reservedAndEmptyNamesAreRejected() {
        assertThatThrownBy(() -> Tensor.of("__metadata__", new long[] {0}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.of("", new long[] {0}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bufferIsAReadOnlyViewOfTheRightType() {
        Tensor t = Tensor.of("w", new long[] {2}, new float[] {1.5f, 2.5f});

        FloatBuffer buffer = (FloatBuffer) t.buffer();
        assertThat(buffer.get(1)).isEqualTo(2.5f);
        assertThatThrownBy(() -> buffer.put(0, 0f)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void buffersLoadIntoDjlWithoutConversion() {
        Tensor f = Tensor.of("f", new long[] {2, 2}, new float[] {1.5f, -2f, 0f, 3.25f});
        Tensor i = Tensor.of("i", new long[] {3}, new int[] {7, -1, Integer.MAX_VALUE});
        Tensor l = Tensor.of("l", new long[] {}, new long[] {Long.MIN_VALUE});

        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray fa = manager.create(f.buffer(), new Shape(f.shape()), f.dtype().dataType());
            NDArray ia = manager.create(i.buffer(), new Shape(i.shape()), i.dtype().dataType());
            NDArray la = manager.create(l.buffer(), new Shape(l.shape()), l.dtype().dataType());

            assertThat(fa.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(fa.toFloatArray()).containsExactly(f.floats());
            assertThat(ia.getDataType()).isEqualTo(DataType.INT32);
            assertThat(ia.toIntArray()).containsExactly(i.ints());
            assertThat(la.getShape().isScalar()).isTrue();
            assertThat(la.toLongArray()).containsExactly(l.longs());
        }
    }

    @Test
    void equalityIsByValue() {
        assertThat(Tensor.of("a", new long[] {2}, new long[] {1, 2}))
                .isEqualTo(Tensor.of("a", new long[] {2}, new long[] {1, 2}))
                .hasSameHashCodeAs(Tensor.of("a", new long[] {2}, new long[] {1, 2}))
                .isNotEqualTo(Tensor.of("a", new long[] {1, 2}, new long[] {1, 2}))
                .isNotEqualTo(Tensor.of("a", new long[] {2}, new int[] {1, 2}));
    }
}
