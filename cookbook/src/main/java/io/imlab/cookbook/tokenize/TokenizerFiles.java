package io.imlab.cookbook.tokenize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes of vocabulary files, so a tokenizer's id changes when its files do. */
public final class TokenizerFiles {
    private TokenizerFiles() {
    }

    /** SHA-256 (hex) over the files' bytes, each followed by its length so that boundaries count. */
    public static String sha256(byte[]... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] file : files) {
                digest.update(file);
                digest.update(Long.toString(file.length).getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
