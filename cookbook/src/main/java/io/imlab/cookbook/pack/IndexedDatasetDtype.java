package io.imlab.cookbook.pack;

/**
 * Element types of Megatron-LM's indexed dataset, with the codes its {@code .idx} header stores
 * ({@code megatron/core/datasets/indexed_dataset.py}, {@code DType}). Only the integer types imlab writes.
 */
public enum IndexedDatasetDtype {
    UINT8(1, 1),
    INT32(4, 4),
    UINT16(8, 2);

    private final int code;
    private final int bytes;

    IndexedDatasetDtype(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The code in the {@code .idx} header. */
    public int code() {
        return code;
    }

    /** Bytes per element in the {@code .bin} file. */
    public int bytes() {
        return bytes;
    }

    public static IndexedDatasetDtype ofCode(int code) {
        for (IndexedDatasetDtype dtype : values()) {
            if (dtype.code == code) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("unsupported indexed-dataset dtype code " + code
                + " (imlab reads 1 = uint8, 4 = int32, 8 = uint16)");
    }

    /** The smallest type holding values in [0, maxValue], as Megatron's {@code optimal_dtype} picks for tokens. */
    public static IndexedDatasetDtype forMaxValue(long maxValue) {
        if (maxValue <= 0xff && maxValue >= 0) {
            return UINT8;
        }
        return maxValue <= 0xffff ? UINT16 : INT32;
    }

    /** Whether {@code value} fits this type. */
    public boolean fits(int value) {
        return switch (this) {
            case UINT8 -> value >= 0 && value <= 0xff;
            case UINT16 -> value >= 0 && value <= 0xffff;
            case INT32 -> true;
        };
    }
}
