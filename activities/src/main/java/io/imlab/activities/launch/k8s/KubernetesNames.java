package io.imlab.activities.launch.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns free text (run ids, job names) into names and label values Kubernetes accepts. A name that had to be
 * shortened ends with a hash of the original, so two long names that share a prefix stay distinct.
 */
public final class KubernetesNames {

    /** Longest DNS-1123 label, label value and Service name. */
    public static final int MAX_LABEL_LENGTH = 63;
    private static final int HASH_LENGTH = 8;

    private KubernetesNames() {
    }

    /**
     * A DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit.
     *
     * @param raw       any text
     * @param maxLength at most this many characters (at least {@value #HASH_LENGTH} + 2)
     */
    public static String dns1123Label(String raw, int maxLength) {
        if (maxLength < HASH_LENGTH + 2 || maxLength > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("maxLength: must be " + (HASH_LENGTH + 2) + "-" + MAX_LABEL_LENGTH
                    + ", was " + maxLength);
        }
        String text = raw == null ? "" : raw;
        if (isDns1123Label(text, maxLength)) {
            return text;
        }
        // Changed or shortened: append a hash of the original so that distinct inputs keep distinct names.
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
        String head = trimDashes(cleaned.substring(0, Math.min(cleaned.length(), maxLength - HASH_LENGTH - 1)));
        return (head.isEmpty() ? "x" : head) + "-" + hash(text);
    }

    /** A DNS-1035 label (what a Service name must be): a DNS-1123 label that starts with a letter. */
    public static String dns1035Label(String raw, int maxLength) {
        String label = dns1123Label(raw, maxLength);
        return Character.isLetter(label.charAt(0)) ? label : dns1123Label("s-" + label, maxLength);
    }

    /** Whether {@code name} is already a DNS-1123 label of at most {@code maxLength} characters. */
    public static boolean isDns1123Label(String name, int maxLength) {
        return name != null && name.length() <= maxLength && name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+|-+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
