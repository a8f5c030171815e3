package org.convncf.store;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The element types the model store writes, named as in the safetensors header. */
public enum DType {
    /** IEEE 754 32-bit float. */
    F32(4, DataType.FLOAT32),
    /** Signed 32-bit integer. */
    I32(4, DataType.INT32),
    /** Signed 64-bit integer. */
    I64(8, DataType.INT64);

    private final int byteSize;
    private final DataType dataType;

    DType(int byteSize, DataType dataType) {
        this.byteSize = byteSize;
        this.dataType = dataType;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The matching DJL data type, for {@code NDManager.create(tensor.buffer(), shape, dataType)}. */
    public DataType dataType() {
        return dataType;
    }

    /** The dtype named {@code name} in a safetensors header, e.g. {@code "F32"}. */
    static DType parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "' (supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
