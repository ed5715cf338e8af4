package io.imlab.cookbook.tokenize;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2 byte-level BPE (Radford et al. 2019), the tokenizer of OPT and so of OPT-IML, in pure Java, from
 * the two files OPT ships: {@code gpt2-vocab.json} (token to id, already in OPT's id space with
 * {@code <s>=0 <pad>=1 </s>=2 <unk>=3}) and {@code gpt2-merges.txt} (merges by priority).
 *
 * <p>Encoding: the text is split by GPT-2's pre-tokenizer pattern, each piece's UTF-8 bytes are mapped to
 * the printable stand-ins of GPT-2's {@code bytes_to_unicode}, and adjacent symbols are merged lowest rank
 * first until no merge applies. Symbols are vocabulary ids throughout, so a merge is one hash look-up of an
 * id pair. Pieces are cached (bounded), since natural text repeats words.
 *
 * <p>Thread-safe.
 */
public final class Gpt2BpeTokenizer implements Tokenizer {
    /** GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, whitespace. */
    private static final Pattern PRE_TOKENIZER = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** Enough for the working vocabulary of a mixture; cleared when full, so memory stays bounded. */
    private static final int CACHE_LIMIT = 200_000;
    private static final int EMBEDDING_MULTIPLE = 8;
    private static final int[] CHAR_TO_BYTE = unicodeToBytes();

    private final String id;
    private final String[] tokens;
    private final int[] byteIds = new int[256];
    private final Map<Long, Merge> merges;
    private final Map<String, Integer> vocabulary;
    private final int eosId;
    private final int padId;
    private final int vocabSize;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /** What merging a pair of symbols gives, and how early the merge applies. */
    private record Merge(int rank, int result) {
    }

    private Gpt2BpeTokenizer(String id, Map<String, Integer> vocabulary, List<String[]> mergeList) {
        this.id = id;
        this.vocabulary = Map.copyOf(vocabulary);
        int maxId = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        tokens = new String[maxId + 1];
        vocabulary.forEach((token, tokenId) -> tokens[tokenId] = token);
        char[] byteChars = bytesToUnicode();
        for (int b = 0; b < 256; b++) {
            Integer byteId = vocabulary.get(String.valueOf(byteChars[b]));
            if (byteId == null) {
                throw new IllegalArgumentException("vocabulary has no token for byte " + b + "; not a byte-level BPE vocabulary");
            }
            byteIds[b] = byteId;
        }
        merges = new HashMap<>(mergeList.size() * 2);
        for (int rank = 0; rank < mergeList.size(); rank++) {
            String[] pair = mergeList.get(rank);
            Integer left = vocabulary.get(pair[0]);
            Integer right = vocabulary.get(pair[1]);
            Integer result = vocabulary.get(pair[0] + pair[1]);
            if (left == null || right == null || result == null) {
                throw new IllegalArgumentException("merge " + rank + " '" + pair[0] + " " + pair[1]
                        + "' names a token that is not in the vocabulary");
            }
            merges.putIfAbsent(key(left, right), new Merge(rank, result));
        }
        eosId = firstPresent(vocabulary, "</s>", "<|endoftext|>");
        padId = vocabulary.containsKey("<pad>") ? vocabulary.get("<pad>") : eosId;
        // OPT pads its embedding from 50,265 to 50,272 rows (a multiple of 8); the trainer sizes its
        // embedding from vocabSize(), so report the padded size.
        vocabSize = (maxId + 1 + EMBEDDING_MULTIPLE - 1) / EMBEDDING_MULTIPLE * EMBEDDING_MULTIPLE;
    }

    /**
     * Loads the tokenizer from OPT's (or GPT-2's) vocabulary and merges files.
     *
     * @throws IllegalArgumentException when the files are not a byte-level BPE vocabulary and merges
     * @throws UncheckedIOException     when they cannot be read
     */
    public static Gpt2BpeTokenizer load(Path vocabFile, Path mergesFile) {
        byte[] vocabBytes;
        byte[] mergesBytes;
        try {
            vocabBytes = Files.readAllBytes(vocabFile);
            mergesBytes = Files.readAllBytes(mergesFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GPT-2 vocabulary " + vocabFile + " / merges " + mergesFile, e);
        }
        Map<String, Integer> vocabulary;
        try {
            vocabulary = new ObjectMapper().readValue(vocabBytes, new TypeReference<Map<String, Integer>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(vocabFile + ": not a JSON map of token to id: " + e.getMessage(), e);
        }
        List<String[]> mergeList = new ArrayList<>();
        String[] lines = new String(mergesBytes, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ");
            if (pair.length != 2) {
                throw new IllegalArgumentException(mergesFile + ":" + (i + 1) + ": expected two symbols, got '" + line + "'");
            }
            mergeList.add(pair);
        }
        // The id enters content hashes: a mixture tokenized with other vocabulary files is another mixture.
        String id = "gpt2-bpe:" + TokenizerFiles.sha256(vocabBytes, mergesBytes).substring(0, 16);
        return new Gpt2BpeTokenizer(id, vocabulary, mergeList);
    }

    @Override
    public String id() {
        return id;
    }

    /** The embedding size: the largest id plus one, rounded up to a multiple of 8 as OPT does (50,272). */
    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    /** The id of one vocabulary token, or -1. */
    public int tokenId(String token) {
        return vocabulary.getOrDefault(token, -1);
    }

    @Override
    public int[] encode(String text) {
        int[] out = new int[Math.max(16, text.length())];
        int size = 0;
        Matcher matcher = PRE_TOKENIZER.matcher(text);
        while (matcher.find()) {
            int[] piece = encodePiece(matcher.group());
            if (size + piece.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + piece.length));
            }
            System.arraycopy(piece, 0, out, size, piece.length);
            size += piece.length;
        }
        return Arrays.copyOf(out, size);
    }

    private int[] encodePiece(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = byteIds[bytes[i] & 0xff];
        }
        int length = symbols.length;
        while (length > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < length; i++) {
                Merge merge = merges.get(key(symbols[i], symbols[i + 1]));
                if (merge != null && merge.rank() < bestRank) {
                    bestRank = merge.rank();
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            // Merge every occurrence of the best pair, left to right, as GPT-2's reference bpe() does.
            int left = symbols[bestAt];
            int right = symbols[bestAt + 1];
            int result = merges.get(key(left, right)).result();
            int write = 0;
            for (int read = 0; read < length; ) {
                if (read + 1 < length && symbols[read] == left && symbols[read + 1] == right) {
                    symbols[write++] = result;
                    read += 2;
                } else {
                    symbols[write++] = symbols[read++];
                }
            }
            length = write;
        }
        int[] ids = Arrays.copyOf(symbols, length);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(piece, ids);
        return ids;
    }

    /** Decodes ids to text; special tokens ({@code <s>}, {@code <pad>}, {@code </s>}, {@code <unk>}) are dropped. */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        int[] charToByte = CHAR_TO_BYTE;
        for (int tokenId : ids) {
            if (tokenId < 0 || tokenId >= tokens.length || tokens[tokenId] == null || isSpecial(tokens[tokenId])) {
                continue;
            }
            String token = tokens[tokenId];
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                int b = c < charToByte.length ? charToByte[c] : -1;
                if (b >= 0) {
                    out.write(b);
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isSpecial(String token) {
        return token.equals("<s>") || token.equals("<pad>") || token.equals("</s>") || token.equals("<unk>")
                || token.equals("<|endoftext|>");
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private static int firstPresent(Map<String, Integer> vocabulary, String... candidates) {
        for (String candidate : candidates) {
            Integer tokenId = vocabulary.get(candidate);
            if (tokenId != null) {
                return tokenId;
            }
        }
        throw new IllegalArgumentException("vocabulary has no end-of-document token (one of " + String.join(", ", candidates) + ")");
    }

    /**
     * GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the other bytes map
     * to code points from 256 up, so every byte has a visible, whitespace-free stand-in.
     */
    static char[] bytesToUnicode() {
        char[] map = new char[256];
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int next = 256;
        for (int b = 0; b < 256; b++) {
            map[b] = printable[b] ? (char) b : (char) next++;
        }
        return map;
    }

    private static int[] unicodeToBytes() {
        char[] forward = bytesToUnicode();
        int[] inverse = new int[512];
        Arrays.fill(inverse, -1);
        for (int b = 0; b < 256; b++) {
            inverse[forward[b]] = b;
        }
        return inverse;
    }
}
