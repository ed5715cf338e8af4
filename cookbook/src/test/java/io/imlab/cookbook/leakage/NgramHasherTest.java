package io.imlab.cookbook.leakage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The branch-free hasher against a straightforward string-based reference of the documented hashes. */
class NgramHasherTest {

    private static final long BASE = 0x9E3779B97F4A7C15L;

    /** Tokens as strings: maximal runs of letters or digits, lower-cased, never spanning two texts. */
    private static List<String> referenceTokens(String... texts) {
        List<String> tokens = new ArrayList<>();
        for (String text : texts) {
            StringBuilder token = new StringBuilder();
            for (int i = 0; i <= text.length(); i++) {
                if (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    token.append(Character.toLowerCase(text.charAt(i)));
                } else if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            }
        }
        return tokens;
    }

    /** The documented token hash: each unit's value rotated by its distance from the token's end, XORed. */
    private static long referenceTokenHash(String token) {
        long hash = 0;
        for (int i = 0; i < token.length(); i++) {
            hash ^= Long.rotateLeft(NgramHasher.mix((token.charAt(i) + 1L) * BASE), token.length() - 1 - i);
        }
        return hash;
    }

    private static List<Long> referenceNgrams(int n, String... texts) {
        List<String> tokens = referenceTokens(texts);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            long polynomial = 0;
            for (int j = 0; j < n; j++) {
                polynomial = polynomial * BASE + referenceTokenHash(tokens.get(i + j));
            }
            hashes.add(NgramHasher.mix(polynomial));
        }
        return hashes;
    }

    private static List<Long> hashes(NgramHasher hasher, String... texts) {
        int count = hasher.hash(texts);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(hasher.hash(i));
        }
        return hashes;
    }

    @Test
    void matchesTheReferenceOnMixedScriptsPunctuationAndEdges() {
        NgramHasher hasher = new NgramHasher(3);
        String[][] cases = {
            {"One, two; THREE four"},
            {"  leading and trailing separators...  "},
            {"ÉCOLE élève Straße ΣΟΦΙΑ σοφία 東京 タワー"},
            {"x"}, {""}, {"!!!"}, {"a b", "c d", "e"},
            {"emoji \uD83D\uDE00 split a token? yes\uD83D\uDE00no"},
            {"digits 123 and 4x4 and ١٢٣"},
        };
        for (String[] texts : cases) {
            assertThat(hashes(hasher, texts)).as(String.join("|", texts)).isEqualTo(referenceNgrams(3, texts));
        }
        NgramHasher unigrams = new NgramHasher(1);
        assertThat(hashes(unigrams, "Straße STRASSE strasse")).hasSize(3)
                .satisfies(h -> assertThat(h.get(1)).isEqualTo(h.get(2)).isNotEqualTo(h.get(0)));
    }

    @Test
    void matchesTheReferenceOnRandomTextFedInPieces() {
        Random random = new Random(20221222);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 ,.;:'\"-\n\téèüßΩωж中文";
        NgramHasher hasher = new NgramHasher(13);
        for (int round = 0; round < 300; round++) {
            int pieces = 1 + random.nextInt(4);
            String[] texts = new String[pieces];
            for (int p = 0; p < pieces; p++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(round < 10 ? 20_000 : 400);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                texts[p] = text.toString();
            }
            assertThat(hashes(hasher, texts)).isEqualTo(referenceNgrams(13, texts));
        }
    }

    @Test
    void tokensLongerThanTheRotationPeriodStillHash() {
        NgramHasher hasher = new NgramHasher(1);
        String long1 = "a".repeat(63) + "bc" + "d".repeat(70);
        String long2 = "a".repeat(63) + "cb" + "d".repeat(70);
        assertThat(hashes(hasher, long1 + " " + long2)).isEqualTo(referenceNgrams(1, long1 + " " + long2))
                .doesNotHaveDuplicates();
    }

    /**
     * Every distinct token of up to three characters over letters and digits, plus every anagram of a few words and
     * every single letter of the BMP after case folding, hashes to a distinct value: a hash without positions (a plain
     * XOR) or with a weak mix would collide here.
     */
    @Test
    void distinctTokensHashToDistinctValues() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Set<String> tokens = new HashSet<>();
        for (char a : alphabet.toCharArray()) {
            tokens.add("" + a);
            for (char b : alphabet.toCharArray()) {
                tokens.add("" + a + b);
                for (char c : alphabet.toCharArray()) {
                    tokens.add("" + a + b + c);
                }
            }
        }
        permutations("", "listen", tokens);
        permutations("", "abcdefg", tokens);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isLetterOrDigit((char) c)) {
                tokens.add(String.valueOf(Character.toLowerCase((char) c)));
            }
        }
        NgramHasher hasher = new NgramHasher(1);
        Map<Long, String> seen = new HashMap<>();
        for (String token : tokens) {
            assertThat(hasher.hash(token)).as(token).isEqualTo(1);
            String other = seen.put(hasher.hash(0), token);
            assertThat(other).as("tokens " + token + " and " + other + " share a hash").isNull();
        }
        assertThat(seen).hasSizeGreaterThan(50_000);
    }

    private static void permutations(String prefix, String rest, Set<String> out) {
        if (rest.isEmpty()) {
            out.add(prefix);
        }
        for (int i = 0; i < rest.length(); i++) {
            permutations(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
        }
    }
}
