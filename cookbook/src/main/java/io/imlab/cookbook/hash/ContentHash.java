package io.imlab.cookbook.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Content hashes of configuration values, used as cache keys: a bench is named by
 * {@code ContentHash.of(codeFormatVersion, benchSpec, splitSpec)}, a mixture by
 * {@code ContentHash.of(codeFormatVersion, benchHash, recipeSpec)}, so equal inputs find the
 * artifact already built and any change to them builds a new one.
 *
 * <p>The hash is the SHA-256 (lower-case hex) of a canonical JSON rendering: object keys sorted by
 * code point, no whitespace, and numbers in one form whatever their Java type — {@code 1}, {@code 1L}
 * and {@code 1.0} all render as {@code 1}, {@code 0.010} as {@code 0.01}. Records, maps, lists,
 * strings, numbers, booleans, enums and nulls are accepted; NaN and infinities are rejected, since
 * JSON cannot represent them.
 */
public final class ContentHash {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    /** Decimal exponents outside this range render in exponent form, to keep huge and tiny numbers short. */
    private static final int MAX_PLAIN_DIGITS = 21;

    private ContentHash() {
    }

    /**
     * The hash of {@code parts} taken together, as the canonical JSON array of them. Order matters:
     * {@code of(a, b)} differs from {@code of(b, a)}. A single part is hashed as a one-element array,
     * so pass earlier hashes as parts to combine them.
     */
    public static String of(Object... parts) {
        return sha256Hex(canonicalJson(Arrays.asList(parts)));
    }

    /** The canonical JSON rendering of {@code value} (see the class comment). */
    public static String canonicalJson(Object value) {
        StringBuilder out = new StringBuilder();
        write(MAPPER.valueToTree(value), out);
        return out.toString();
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> elements = node.elements();
            boolean first = true;
            while (elements.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(elements.next(), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(canonicalNumber(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.getNodeType() == JsonNodeType.STRING || node.isBinary()) {
            writeString(node.asText(), out);
        } else {
            throw new IllegalArgumentException("cannot hash a JSON " + node.getNodeType() + " value");
        }
    }

    static String canonicalNumber(JsonNode node) {
        BigDecimal decimal;
        if (node.isIntegralNumber()) {
            decimal = new BigDecimal(node.bigIntegerValue());
        } else if (node.isBigDecimal()) {
            decimal = node.decimalValue();
        } else {
            double value = node.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("cannot hash " + value + ": JSON has no such number");
            }
            // Float.toString / Double.toString give the shortest decimal that round-trips the value.
            decimal = new BigDecimal(node.isFloat() ? Float.toString(node.floatValue()) : Double.toString(value));
        }
        decimal = decimal.stripTrailingZeros();
        if (decimal.signum() == 0) {
            return "0";
        }
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -MAX_PLAIN_DIGITS && exponent < MAX_PLAIN_DIGITS) {
            return decimal.toPlainString();
        }
        return decimal.unscaledValue() + "e" + (-decimal.scale());
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
