package io.imlab.cookbook.tokenize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level tokenizer: one token per UTF-8 byte, after four special ids laid out as OPT's
 * ({@code <s>=0 <pad>=1 </s>=2 <unk>=3}). Needs no vocabulary file, so the mini benchmark trains anywhere.
 */
public final class ByteTokenizer implements Tokenizer {
    public static final int BOS = 0;
    public static final int PAD = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    private static final int OFFSET = 4;

    @Override
    public String id() {
        return "byte-v1";
    }

    @Override
    public int vocabSize() {
        return OFFSET + 256;
    }

    @Override
    public int eosId() {
        return EOS;
    }

    @Override
    public int padId() {
        return PAD;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = OFFSET + (bytes[i] & 0xff);
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id >= OFFSET && id < OFFSET + 256) {
                out.write(id - OFFSET);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
