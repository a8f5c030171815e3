package org.convncf.store;

import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, immutable, dense row-major array of {@link DType#F32}, {@link DType#I32} or
 * {@link DType#I64} elements: one entry of a safetensors file.
 *
 * <p>The factories copy their input and the array accessors return copies, so a tensor can be shared
 * freely. {@link #buffer()} is the zero-copy alternative, e.g. for
 * {@code manager.create(t.buffer(), new Shape(t.shape()), t.dtype().dataType())}.
 */
public final class Tensor {

    /** The reserved safetensors header key, which cannot name a tensor. */
    static final String METADATA_KEY = "__metadata__";

    /** The largest array the JVM reliably allocates. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final Object data; // float[], int[] or long[], matching dtype; never handed out

    private Tensor(String name, DType dtype, long[] shape, Object data, int length) {
        if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
            throw new IllegalArgumentException("invalid tensor name '" + name + "'");
        }
        Objects.requireNonNull(shape, "shape");
        long count = elementCount(shape);
        if (count != length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " has " + count + " elements but the data has " + length);
        }
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    /** An F32 tensor holding a copy of {@code data}. */
    public static Tensor of(String name, long[] shape, float[] data) {
        return new Tensor(name, DType.F32, shape, data.clone(), data.length);
    }

    /** An I32 tensor holding a copy of {@code data}. */
    public static Tensor of(String name, long[] shape, int[] data) {
        return new Tensor(name, DType.I32, shape, data.clone(), data.length);
    }

    /** An I64 tensor holding a copy of {@code data}. */
    public static Tensor of(String name, long[] shape, long[] data) {
        return new Tensor(name, DType.I64, shape, data.clone(), data.length);
    }

    /** A tensor that takes ownership of {@code data}, which must be the array type of {@code dtype}. */
    static Tensor wrap(String name, DType dtype, long[] shape, Object data) {
        int length = switch (dtype) {
            case F32 -> ((float[]) data).length;
            case I32 -> ((int[]) data).length;
            case I64 -> ((long[]) data).length;
        };
        return new Tensor(name, dtype, shape, data, length);
    }

    /**
     * The number of elements of {@code shape} (1 for a scalar, shape {@code []}).
     *
     * @throws IllegalArgumentException if a dimension is negative or the count does not fit a Java array
     */
    static long elementCount(long[] shape) {
        long count = 1;
        boolean overflow = false;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            if (dim == 0) {
                return 0;
            }
            if (count > Long.MAX_VALUE / dim) {
                overflow = true;
            } else {
                count *= dim;
            }
        }
        if (overflow || count > MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has too many elements for a Java array");
        }
        return count;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** The dimensions, outermost first (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return switch (dtype) {
            case F32 -> ((float[]) data).length;
            case I32 -> ((int[]) data).length;
            case I64 -> ((long[]) data).length;
        };
    }

    /** The size of the raw data in bytes. */
    public long byteSize() {
        return (long) size() * dtype.byteSize();
    }

    /**
     * The elements in row-major order (a copy).
     *
     * @throws IllegalStateException if this tensor is not {@link DType#F32}
     */
    public float[] floats() {
        return ((float[]) dataAs(DType.F32)).clone();
    }

    /**
     * The elements in row-major order (a copy).
     *
     * @throws IllegalStateException if this tensor is not {@link DType#I32}
     */
    public int[] ints() {
        return ((int[]) dataAs(DType.I32)).clone();
    }

    /**
     * The elements in row-major order (a copy).
     *
     * @throws IllegalStateException if this tensor is not {@link DType#I64}
     */
    public long[] longs() {
        return ((long[]) dataAs(DType.I64)).clone();
    }

    /**
     * A read-only view of the elements without copying: a {@link FloatBuffer}, {@link IntBuffer} or
     * {@link LongBuffer} according to {@link #dtype()}.
     */
    public Buffer buffer() {
        return switch (dtype) {
            case F32 -> FloatBuffer.wrap((float[]) data).asReadOnlyBuffer();
            case I32 -> IntBuffer.wrap((int[]) data).asReadOnlyBuffer();
            case I64 -> LongBuffer.wrap((long[]) data).asReadOnlyBuffer();
        };
    }

    private Object dataAs(DType expected) {
        if (dtype != expected) {
            throw new IllegalStateException(
                    "tensor '" + name + "' is " + dtype + ", not " + expected + "; use the " + dtype + " accessor");
        }
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor other)) {
            return false;
        }
        if (!name.equals(other.name) || dtype != other.dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        return switch (dtype) {
            case F32 -> Arrays.equals((float[]) data, (float[]) other.data);
            case I32 -> Arrays.equals((int[]) data, (int[]) other.data);
            case I64 -> Arrays.equals((long[]) data, (long[]) other.data);
        };
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(name, dtype, Arrays.hashCode(shape));
        return 31 * h + switch (dtype) {
            case F32 -> Arrays.hashCode((float[]) data);
            case I32 -> Arrays.hashCode((int[]) data);
            case I64 -> Arrays.hashCode((long[]) data);
        };
    }

    @Override
    public String toString() {
        return "Tensor[name=" + name + ", dtype=" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
