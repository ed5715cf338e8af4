package io.imlab.cookbook.eval;

/**
 * The Porter stemming algorithm as published (M.F. Porter, "An algorithm for suffix stripping", 1980),
 * for lower-case ASCII words. Rouge-L in Super-NaturalInstructions is computed with Google's
 * {@code rouge_score} and {@code use_stemmer=True}, which stems every token longer than three characters
 * with NLTK's Porter stemmer; NLTK's own extensions (a list of irregular forms, a few changed rules) are
 * not reproduced, so rare words can stem differently.
 *
 * <p>In steps 2 to 4 only the rule with the longest matching suffix is considered, and when its
 * condition fails the word is left as it is, as in the paper.
 */
public final class PorterStemmer {
    private static final String[][] STEP2 = {
            {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
            {"abli", "able"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"},
            {"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"},
            {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"}};
    private static final String[][] STEP3 = {
            {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""},
            {"ness", ""}};
    private static final String[] STEP4 = {
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
            "ate", "iti", "ous", "ive", "ize"};

    private PorterStemmer() {
    }

    /** The stem of a lower-case word; words of one or two letters and words with other characters are kept. */
    public static String stem(String word) {
        if (word.length() <= 2 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return word;
        }
        String w = step1a(word);
        w = step1b(w);
        w = step1c(w);
        w = replaceLongest(w, STEP2, 0);
        w = replaceLongest(w, STEP3, 0);
        w = step4(w);
        w = step5a(w);
        return step5b(w);
    }

    private static String step1a(String w) {
        if (w.endsWith("sses")) {
            return cut(w, 2);
        }
        if (w.endsWith("ies")) {
            return cut(w, 2);
        }
        if (w.endsWith("ss")) {
            return w;
        }
        return w.endsWith("s") ? cut(w, 1) : w;
    }

    private static String step1b(String w) {
        if (w.endsWith("eed")) {
            return measure(cut(w, 3)) > 0 ? cut(w, 1) : w;
        }
        String stem;
        if (w.endsWith("ed") && hasVowel(cut(w, 2))) {
            stem = cut(w, 2);
        } else if (w.endsWith("ing") && hasVowel(cut(w, 3))) {
            stem = cut(w, 3);
        } else {
            return w;
        }
        if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
            return stem + "e";
        }
        if (endsWithDoubleConsonant(stem)) {
            char last = stem.charAt(stem.length() - 1);
            return last == 'l' || last == 's' || last == 'z' ? stem : cut(stem, 1);
        }
        if (measure(stem) == 1 && endsConsonantVowelConsonant(stem)) {
            return stem + "e";
        }
        return stem;
    }

    private static String step1c(String w) {
        return w.endsWith("y") && hasVowel(cut(w, 1)) ? cut(w, 1) + "i" : w;
    }

    /** Applies the rule with the longest suffix that ends the word, when the stem's measure exceeds {@code minMeasure}. */
    private static String replaceLongest(String w, String[][] rules, int minMeasure) {
        String[] best = null;
        for (String[] rule : rules) {
            if (w.endsWith(rule[0]) && (best == null || rule[0].length() > best[0].length())) {
                best = rule;
            }
        }
        if (best == null) {
            return w;
        }
        String stem = cut(w, best[0].length());
        return measure(stem) > minMeasure ? stem + best[1] : w;
    }

    private static String step4(String w) {
        String best = null;
        for (String suffix : STEP4) {
            if (w.endsWith(suffix) && (best == null || suffix.length() > best.length())) {
                best = suffix;
            }
        }
        if (best == null) {
            return w;
        }
        String stem = cut(w, best.length());
        if (measure(stem) <= 1) {
            return w;
        }
        if (best.equals("ion") && !(stem.endsWith("s") || stem.endsWith("t"))) {
            return w;
        }
        return stem;
    }

    private static String step5a(String w) {
        if (!w.endsWith("e")) {
            return w;
        }
        String stem = cut(w, 1);
        int m = measure(stem);
        return m > 1 || (m == 1 && !endsConsonantVowelConsonant(stem)) ? stem : w;
    }

    private static String step5b(String w) {
        return measure(w) > 1 && endsWithDoubleConsonant(w) && w.endsWith("l") ? cut(w, 1) : w;
    }

    private static String cut(String w, int n) {
        return w.substring(0, w.length() - n);
    }

    /** Porter's consonant: not a, e, i, o, u, and not a y that follows a consonant. */
    private static boolean consonant(String w, int i) {
        char c = w.charAt(i);
        return switch (c) {
            case 'a', 'e', 'i', 'o', 'u' -> false;
            case 'y' -> i == 0 || !consonant(w, i - 1);
            default -> true;
        };
    }

    /** m in [C](VC)^m[V]: the number of vowel-to-consonant transitions. */
    static int measure(String w) {
        int m = 0;
        boolean previousVowel = false;
        for (int i = 0; i < w.length(); i++) {
            boolean vowel = !consonant(w, i);
            if (!vowel && previousVowel) {
                m++;
            }
            previousVowel = vowel;
        }
        return m;
    }

    private static boolean hasVowel(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!consonant(w, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithDoubleConsonant(String w) {
        int n = w.length();
        return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && consonant(w, n - 1);
    }

    /** *o: the word ends consonant-vowel-consonant and the last consonant is not w, x or y. */
    private static boolean endsConsonantVowelConsonant(String w) {
        int n = w.length();
        if (n < 3 || !consonant(w, n - 1) || consonant(w, n - 2) || !consonant(w, n - 3)) {
            return false;
        }
        char last = w.charAt(n - 1);
        return last != 'w' && last != 'x' && last != 'y';
    }
}
