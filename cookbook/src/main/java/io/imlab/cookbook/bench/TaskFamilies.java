package io.imlab.cookbook.bench;

import io.imlab.cookbook.task.MetricKind;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static io.imlab.cookbook.task.Collections.CROSSFIT;
import static io.imlab.cookbook.task.Collections.EXMIX;
import static io.imlab.cookbook.task.Collections.FLAN;
import static io.imlab.cookbook.task.Collections.PROMPTSOURCE;
import static io.imlab.cookbook.task.Collections.REASONING;
import static io.imlab.cookbook.task.Collections.SUPER_NATURAL_INSTRUCTIONS;
import static io.imlab.cookbook.task.Collections.T5;
import static io.imlab.cookbook.task.Collections.UNIFIED_SKG;

/**
 * The catalogue of task families of the built-in mini benchmark. Every rule is simple enough for a tiny
 * byte-level transformer trained for minutes to learn: inputs are short compositions of small lexicons,
 * so held-out instances are new combinations of words seen in training, never unseen words.
 * {@code docs/task-families.md} is rendered from this catalogue by {@link TaskFamiliesDoc}.
 */
public final class TaskFamilies {
    static final List<String> NAMES = List.of("Ann", "Bob", "Tom", "Eva", "Max", "Lia", "Sam", "Zoe", "Ben", "Amy", "Leo", "Mia");
    static final List<String> ANIMALS = List.of("cat", "dog", "cow", "fox", "owl", "pig", "bee", "hen", "rat", "bat", "elk", "yak");
    static final List<String> FRUITS = List.of("apple", "pear", "plum", "fig", "lime", "kiwi", "grape", "mango", "peach", "lemon", "melon", "date");
    static final List<String> COLORS = List.of("red", "blue", "green", "pink", "gray", "black", "white", "brown", "gold", "teal");
    static final List<String> OBJECTS = List.of("ball", "kite", "hat", "cup", "bag", "pen", "box", "car", "bike", "lamp");
    static final List<String> THINGS = List.of("movie", "film", "book", "song", "show", "meal", "game", "play");
    static final List<String> PLACES = List.of("Rome", "Oslo", "Lima", "Kyiv", "Cairo", "Paris", "Tokyo", "Quito", "Doha", "Bern");
    static final List<String> DAYS = List.of("Monday", "Tuesday", "Friday", "Sunday");
    private static final List<String> GOOD = List.of("good", "great", "fun", "nice", "lovely", "superb", "fine", "sweet", "cool", "bright");
    private static final List<String> BAD = List.of("bad", "awful", "dull", "poor", "sad", "boring", "ugly", "weak", "grim", "bland");
    private static final List<String> GOOD_FEELINGS = List.of("happy", "glad", "calm", "proud", "cheerful", "joyful", "relaxed");
    private static final List<String> BAD_FEELINGS = List.of("upset", "angry", "gloomy", "tired", "bored", "grumpy", "tense");
    private static final List<List<String>> WORD_KINDS = List.of(ANIMALS, FRUITS, COLORS);
    private static final List<List<String>> TOPICS = List.of(
            List.of("goal", "match", "team", "race", "coach", "score"),
            List.of("bread", "soup", "rice", "cake", "salad", "cheese"),
            List.of("rain", "snow", "wind", "storm", "fog", "frost"));
    /** word, synonym, antonym. */
    private static final List<List<String>> ADJECTIVE_TRIPLES = List.of(
            List.of("happy", "glad", "sad"), List.of("big", "large", "small"), List.of("fast", "quick", "slow"),
            List.of("smart", "clever", "dull"), List.of("rich", "wealthy", "poor"), List.of("cold", "chilly", "hot"),
            List.of("wet", "damp", "dry"), List.of("easy", "simple", "hard"), List.of("kind", "nice", "mean"),
            List.of("tired", "sleepy", "awake"));
    private static final List<String> UN_ADJECTIVES = List.of("happy", "kind", "fair", "safe", "clear", "lucky", "wise",
            "true", "tidy", "well", "fit", "easy", "able", "known", "real", "usual", "sure", "ripe");
    private static final List<String> SUBJECTS = List.of("He", "She", "It", "Ann", "Bob", "Tom", "Eva", "Max", "Zoe", "Leo");
    private static final List<String> COUNTABLES = List.of("cups", "pens", "hats", "bags", "eggs", "cats", "keys", "mugs");
    private static final List<String> VERBS = List.of("walk", "run", "jump", "sing", "read", "swim", "cook", "play", "talk", "sleep", "dance", "knit");
    private static final List<String> TIMES = List.of("day", "week", "morning", "night", "evening");
    /** cause, effect; {n} is a name. */
    private static final List<List<String>> CAUSES = List.of(
            List.of("{n} was hungry", "{n} ate soup"), List.of("{n} was tired", "{n} went to bed"),
            List.of("it rained", "{n} got wet"), List.of("{n} dropped a cup", "the cup broke"),
            List.of("{n} ran a race", "{n} was thirsty"), List.of("{n} studied hard", "{n} passed the test"),
            List.of("{n} was cold", "{n} wore a coat"), List.of("the sun came out", "{n} felt warm"),
            List.of("{n} told a joke", "we laughed"), List.of("{n} lost the key", "{n} was locked out"),
            List.of("{n} missed the bus", "{n} was late"), List.of("the phone rang", "{n} answered it"));
    /** situation, consequence; {n} is a name. */
    private static final List<List<String>> CONSEQUENCES = List.of(
            List.of("{n} was sleepy", "{n} took a nap"), List.of("{n} was thirsty", "{n} drank water"),
            List.of("{n} felt sick", "{n} saw a doctor"), List.of("the room was dark", "{n} lit a lamp"),
            List.of("{n} found a coin", "{n} kept it"), List.of("{n} was late", "{n} ran fast"),
            List.of("the tea was hot", "{n} waited"), List.of("{n} was bored", "{n} read a book"),
            List.of("the floor was wet", "{n} slipped"), List.of("{n} won a prize", "{n} smiled"),
            List.of("the door was shut", "{n} knocked"), List.of("{n} was lost", "{n} asked for help"));
    private static final List<String> WHEN = List.of("", "At noon", "Today", "Later", "On Sunday");
    private static final List<String> REMARK_FRAMES = List.of("{n}, you are so {a}.", "{n} is really {a}.", "honestly, {n} is {a}.");
    private static final List<String> INSULTS = List.of("stupid", "dumb", "useless", "lazy", "rude", "pathetic", "nasty", "vile");
    private static final List<String> COMPLIMENTS = List.of("smart", "kind", "brave", "clever", "funny", "helpful", "sweet", "gentle");
    private static final List<String> POST_FRAMES = List.of("{n} said: hi, {w}!", "{n} wrote: bye, {w}.", "{n} said: well done, {w}.", "{n} wrote: see you, {w}.");
    private static final List<String> INSULT_NOUNS = List.of("idiot", "loser", "fool", "clown", "moron", "creep");
    private static final List<String> FRIENDLY_NOUNS = List.of("friend", "buddy", "pal", "hero", "champ", "mate");
    private static final List<String> ENTITY_FRAMES = List.of("I visited {e} {t}.", "We talked about {e} {t}.", "I missed {e} {t}.", "They saw {e} {t}.");
    private static final List<String> ENTITY_TIMES = List.of("today", "last year", "in May", "in spring", "at night", "on Monday");
    private static final List<String> TRIP_FRAMES = List.of("{n} flew to {p} on {d}", "on {d} {n} visited {p}", "{p} welcomed {n} on {d}", "{n} left {p} on {d}");
    private static final List<String> EVENTS = List.of("found a cat", "lost a pen", "won a race", "baked a cake", "fixed a bike",
            "painted a box", "sold a car", "read a book", "met a friend", "planted a tree");
    private static final List<String> FILLERS = List.of("The sky was gray.", "It was a Monday.", "The wind was cold.",
            "Birds sang outside.", "It was very late.", "The street was quiet.", "Rain fell all day.", "The sun was out.");
    /** past, headline present, object. */
    private static final List<List<String>> NEWS_VERBS = List.of(List.of("won", "wins"), List.of("lost", "loses"), List.of("found", "finds"),
            List.of("sold", "sells"), List.of("fixed", "fixes"), List.of("painted", "paints"), List.of("opened", "opens"), List.of("closed", "closes"));
    private static final List<String> NEWS_OBJECTS = List.of("race", "shop", "car", "house", "gate", "boat", "game", "cafe");
    private static final List<String> SPORTS = List.of("chess", "golf", "tennis", "polo", "rugby");

    private TaskFamilies() {
    }

    /** All families, in a fixed order; the generator makes their tasks in this order. */
    public static List<TaskFamily> all() {
        List<TaskFamily> f = new ArrayList<>();
        // Sentiment Analysis
        f.add(closed("sentiment_review", "Sentiment Analysis", "mini_reviews", List.of("positive", "negative"),
                "positive iff the two adjectives come from the positive lexicon",
                "Given a short review, answer positive if the reviewer liked it and negative otherwise.",
                "Is this review positive or negative?", "sentiment",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, FLAN, CROSSFIT),
                (r, label) -> {
                    List<String> words = label == 0 ? GOOD : BAD;
                    List<String> two = distinct(r, words, 2);
                    return new FamilyExample("the " + pick(r, THINGS) + " was " + two.get(0) + " and " + two.get(1), label == 0 ? "positive" : "negative");
                }));
        f.add(closed("sentiment_feeling", "Sentiment Analysis", "mini_feelings", List.of("positive", "negative"),
                "positive iff the feeling word comes from the positive lexicon",
                "Decide whether the person in the sentence feels positive or negative.",
                "Does the person feel positive or negative?", "feeling",
                List.of(PROMPTSOURCE, T5, SUPER_NATURAL_INSTRUCTIONS, EXMIX),
                (r, label) -> new FamilyExample(pick(r, NAMES) + " felt " + pick(r, label == 0 ? GOOD_FEELINGS : BAD_FEELINGS)
                        + " after the " + pick(r, THINGS), label == 0 ? "positive" : "negative")));
        // Text Categorization
        f.add(closed("word_kind", "Text Categorization", "mini_word_lists", List.of("animal", "fruit", "color"),
                "three words of one kind (animal, fruit or color); the answer is the kind",
                "You get a list of three words of the same kind. Say if they are animals, fruits or colors.",
                "Are these words animals, fruits or colors?", "word kind",
                List.of(SUPER_NATURAL_INSTRUCTIONS, CROSSFIT, FLAN, T5),
                (r, label) -> new FamilyExample(String.join(", ", distinct(r, WORD_KINDS.get(label), 3)), List.of("animal", "fruit", "color").get(label))));
        f.add(closed("topic", "Text Categorization", "mini_topics", List.of("sports", "food", "weather"),
                "a sentence about two topic words; the answer is the topic of the words",
                "Classify the topic of the sentence as sports, food or weather.",
                "What is the topic: sports, food or weather?", "topic",
                List.of(PROMPTSOURCE, FLAN, EXMIX, T5),
                (r, label) -> {
                    List<String> two = distinct(r, TOPICS.get(label), 2);
                    return new FamilyExample(pick(r, NAMES) + " talked about the " + two.get(0) + " and the " + two.get(1),
                            List.of("sports", "food", "weather").get(label));
                }));
        // Question Answering
        f.add(generation("color_qa", "Question Answering", "mini_color_facts", MetricKind.EXACT_MATCH,
                "copy the color of the object named in the question",
                "Answer the question about the short text with one word from the text.",
                "What is the answer to the question?", "extractive qa",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, FLAN),
                (r, label) -> {
                    String object = pick(r, OBJECTS);
                    String color = pick(r, COLORS);
                    return new FamilyExample(pick(r, NAMES) + " has a " + color + " " + object + ". What color is the " + object + "?", color);
                }));
        f.add(generation("who_has", "Question Answering", "mini_ownership", MetricKind.EXACT_MATCH,
                "two owners of two animals; answer the owner of the animal asked about",
                "Read the two sentences and answer who owns the animal in the question.",
                "Who has the animal asked about?", "who has",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, CROSSFIT),
                (r, label) -> {
                    List<String> names = distinct(r, NAMES, 2);
                    List<String> animals = distinct(r, ANIMALS, 2);
                    int asked = r.nextInt(2);
                    return new FamilyExample(names.get(0) + " has a " + animals.get(0) + ". " + names.get(1) + " has a " + animals.get(1)
                            + ". Who has the " + animals.get(asked) + "?", names.get(asked));
                }));
        f.add(generation("table_qa", "Question Answering", "mini_people_tables", MetricKind.EXACT_MATCH,
                "a linearized two-row table of names and ages; answer the name with the larger age",
                "Read the table of people and answer with the name of the older person.",
                "Who is older in this table?", "table qa",
                List.of(UNIFIED_SKG, SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE),
                (r, label) -> {
                    List<String> names = distinct(r, NAMES, 2);
                    int a = 10 + r.nextInt(80);
                    int b = 10 + r.nextInt(80);
                    while (b == a) {
                        b = 10 + r.nextInt(80);
                    }
                    return new FamilyExample("col: name | age row 1: " + names.get(0) + " | " + a + " row 2: " + names.get(1) + " | " + b,
                            a > b ? names.get(0) : names.get(1));
                }));
        // Textual Entailment
        f.add(closed("entail_adjectives", "Textual Entailment", "mini_adjective_pairs", List.of("entailment", "neutral", "contradiction"),
                "same person; synonym adjective entails, antonym contradicts, unrelated adjective is neutral",
                "Does the premise P entail the hypothesis H? Answer entailment, neutral or contradiction.",
                "Is H entailed, neutral or contradicted by P?", "nli",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, FLAN),
                (r, label) -> {
                    List<String> triple = pick(r, ADJECTIVE_TRIPLES);
                    boolean base = r.nextBoolean();
                    String premise = base ? triple.get(0) : triple.get(1);
                    String hypothesis = switch (label) {
                        case 0 -> base ? triple.get(1) : triple.get(0);
                        case 1 -> otherTriple(r, triple).get(r.nextInt(3));
                        default -> triple.get(2);
                    };
                    String name = pick(r, NAMES);
                    return new FamilyExample("P: " + name + " is " + premise + ". H: " + name + " is " + hypothesis + ".",
                            List.of("entailment", "neutral", "contradiction").get(label));
                }));
        f.add(closed("entail_numbers", "Textual Entailment", "mini_counts", List.of("entailment", "contradiction"),
                "a count n and a claim 'over k' or 'under k'; entailment iff the claim holds for n",
                "Say entailment if sentence H follows from sentence P, else contradiction.",
                "Does H follow from P?", "count nli",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, EXMIX),
                (r, label) -> {
                    int n = 1 + r.nextInt(20);
                    boolean over = r.nextBoolean();
                    // pick k on the side of n that makes the claim true (label 0) or false (label 1)
                    boolean claimTrue = label == 0;
                    int k;
                    if (over) {
                        k = claimTrue ? n - 1 - r.nextInt(3) : n + r.nextInt(3);
                    } else {
                        k = claimTrue ? n + 1 + r.nextInt(3) : n - r.nextInt(3);
                    }
                    k = Math.max(0, k);
                    boolean holds = over ? n > k : n < k;
                    String things = pick(r, COUNTABLES);
                    return new FamilyExample("P: There are " + n + " " + things + ". H: There are " + (over ? "over " : "under ") + k + " " + things + ".",
                            holds ? "entailment" : "contradiction");
                }));
        // Word Semantics
        f.add(generation("antonym_un", "Word Semantics", "mini_un_adjectives", MetricKind.EXACT_MATCH,
                "rewrite the sentence with the opposite adjective by adding or removing the prefix un",
                "Rewrite the sentence so that the adjective means the opposite.",
                "What is the opposite of this sentence?", "antonym",
                List.of(SUPER_NATURAL_INSTRUCTIONS, T5, PROMPTSOURCE),
                (r, label) -> {
                    String subject = pick(r, SUBJECTS);
                    String adjective = pick(r, UN_ADJECTIVES);
                    boolean negated = r.nextBoolean();
                    String from = negated ? "un" + adjective : adjective;
                    String to = negated ? adjective : "un" + adjective;
                    return new FamilyExample(subject + " is " + from + ".", subject + " is " + to + ".");
                }));
        f.add(generation("odd_one_out", "Word Semantics", "mini_word_sets", MetricKind.EXACT_MATCH,
                "three words of one kind and one of another kind; answer the odd word",
                "Find the word that does not belong with the other three.",
                "Which word does not belong?", "odd one out",
                List.of(CROSSFIT, SUPER_NATURAL_INSTRUCTIONS, FLAN),
                (r, label) -> {
                    int kind = r.nextInt(3);
                    int other = (kind + 1 + r.nextInt(2)) % 3;
                    List<String> words = new ArrayList<>(distinct(r, WORD_KINDS.get(kind), 3));
                    String odd = pick(r, WORD_KINDS.get(other));
                    words.add(r.nextInt(4), odd);
                    return new FamilyExample(String.join(", ", words), odd);
                }));
        // Named Entity Recognition
        f.add(generation("find_name", "Named Entity Recognition", "mini_trips", MetricKind.EXACT_MATCH,
                "a trip sentence with a person, a city and a day; answer the person",
                "Find the name of the person in the sentence.",
                "Who is the person in this sentence?", "person name",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, CROSSFIT),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    return new FamilyExample(fill(pick(r, TRIP_FRAMES), "{n}", name, "{p}", pick(r, PLACES), "{d}", pick(r, DAYS)), name);
                }));
        f.add(closed("entity_type", "Named Entity Recognition", "mini_entities", List.of("person", "place"),
                "one capitalized entity in a neutral frame; person iff it is in the name lexicon",
                "Say whether the capitalized entity in the sentence is a person or a place.",
                "Is the entity a person or a place?", "entity type",
                List.of(FLAN, EXMIX, SUPER_NATURAL_INSTRUCTIONS),
                (r, label) -> new FamilyExample(fill(pick(r, ENTITY_FRAMES), "{e}", pick(r, label == 0 ? NAMES : PLACES), "{t}", pick(r, ENTITY_TIMES)),
                        label == 0 ? "person" : "place")));
        // Grammar Error Correction
        f.add(generation("capitalize", "Grammar Error Correction", "mini_lowercase_sentences", MetricKind.EXACT_MATCH,
                "capitalize the first letter of an all-lowercase sentence",
                "Correct the sentence: it must start with a capital letter.",
                "How should this sentence be capitalized?", "fix case",
                List.of(SUPER_NATURAL_INSTRUCTIONS, T5, CROSSFIT),
                (r, label) -> {
                    String sentence = "the " + pick(r, ANIMALS) + " saw a " + pick(r, COLORS) + " " + pick(r, OBJECTS) + ".";
                    return new FamilyExample(sentence, Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1));
                }));
        f.add(generation("agreement", "Grammar Error Correction", "mini_agreement", MetricKind.EXACT_MATCH,
                "third-person subject with a bare verb gets the verb's -s form; correct sentences stay unchanged",
                "Fix the verb so that it agrees with the subject. Keep correct sentences as they are.",
                "What is the corrected sentence?", "fix grammar",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE),
                (r, label) -> {
                    String subject = pick(r, SUBJECTS);
                    String verb = pick(r, VERBS);
                    String time = pick(r, TIMES);
                    String correct = subject + " " + verb + "s every " + time + ".";
                    boolean alreadyCorrect = r.nextInt(4) == 0;
                    return new FamilyExample(alreadyCorrect ? correct : subject + " " + verb + " every " + time + ".", correct);
                }));
        // Cause Effect Classification
        f.add(closed("cause_or_effect", "Cause Effect Classification", "mini_cause_effect", List.of("cause", "effect"),
                "a fixed table of cause/effect pairs; is the second sentence the cause or the effect of the first",
                "Is the second sentence the cause or the effect of the first one?",
                "Is the second sentence the cause or the effect?", "cause effect",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, CROSSFIT),
                (r, label) -> {
                    List<String> pair = pick(r, CAUSES);
                    String name = pick(r, NAMES);
                    String cause = capitalize(pair.get(0).replace("{n}", name));
                    String effect = capitalize(pair.get(1).replace("{n}", name));
                    return label == 0
                            ? new FamilyExample(effect + ". " + cause + ".", "cause")
                            : new FamilyExample(cause + ". " + effect + ".", "effect");
                }));
        f.add(generation("effect_generation", "Cause Effect Classification", "mini_consequences", MetricKind.ROUGE_L,
                "a fixed table of situations (with an optional time phrase) and consequences; write the consequence",
                "Write what the person did next because of the situation.",
                "What happened as a result?", "effect",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, T5),
                (r, label) -> {
                    List<String> pair = pick(r, CONSEQUENCES);
                    String name = pick(r, NAMES);
                    String when = pick(r, WHEN);
                    String situation = pair.get(0).replace("{n}", name);
                    return new FamilyExample((when.isEmpty() ? capitalize(situation) : when + " " + situation) + ".",
                            capitalize(pair.get(1).replace("{n}", name)) + ".");
                }));
        // Word Analogy
        f.add(generation("analogy_plural", "Word Analogy", "mini_plurals", MetricKind.EXACT_MATCH,
                "a : as :: b : ?  -> the plural of b (all nouns take -s)",
                "Complete the analogy a : b :: c : ? with one word.",
                "What word completes the analogy?", "analogy",
                List.of(SUPER_NATURAL_INSTRUCTIONS, CROSSFIT, PROMPTSOURCE),
                (r, label) -> {
                    List<String> nouns = distinct(r, r.nextBoolean() ? ANIMALS : OBJECTS, 2);
                    return new FamilyExample(nouns.get(0) + " : " + nouns.get(0) + "s :: " + nouns.get(1) + " : ?", nouns.get(1) + "s");
                }));
        f.add(generation("analogy_upper", "Word Analogy", "mini_case_pairs", MetricKind.EXACT_MATCH,
                "a : A :: b : ?  -> b in capital letters",
                "Complete the analogy: the last word must change the same way as the first pair.",
                "Which word completes the pattern?", "case analogy",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, EXMIX),
                (r, label) -> {
                    List<String> words = distinct(r, r.nextBoolean() ? FRUITS : COLORS, 2);
                    return new FamilyExample(words.get(0) + " : " + words.get(0).toUpperCase() + " :: " + words.get(1) + " : ?", words.get(1).toUpperCase());
                }));
        // Toxic Language Detection
        f.add(closed("toxic_remark", "Toxic Language Detection", "mini_remarks", List.of("toxic", "safe"),
                "a remark about a person; toxic iff the adjective is an insult",
                "Label the remark toxic if it insults someone, otherwise safe.",
                "Is this remark toxic or safe?", "toxicity",
                List.of(SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE, CROSSFIT),
                (r, label) -> new FamilyExample(fill(pick(r, REMARK_FRAMES), "{n}", pick(r, NAMES), "{a}", pick(r, label == 0 ? INSULTS : COMPLIMENTS)),
                        label == 0 ? "toxic" : "safe")));
        f.add(closed("toxic_post", "Toxic Language Detection", "mini_posts", List.of("toxic", "safe"),
                "a short greeting post; toxic iff it calls the reader an insulting noun",
                "Is the post toxic? Answer toxic or safe.",
                "Is this post toxic or safe?", "toxic post",
                List.of(FLAN, T5, SUPER_NATURAL_INSTRUCTIONS),
                (r, label) -> new FamilyExample(fill(pick(r, POST_FRAMES), "{n}", pick(r, NAMES), "{w}", pick(r, label == 0 ? INSULT_NOUNS : FRIENDLY_NOUNS)),
                        label == 0 ? "toxic" : "safe")));
        // Program Execution
        f.add(generation("reverse_word", "Program Execution", "mini_strings_reverse", MetricKind.EXACT_MATCH,
                "reverse a random string of 3 to 6 lowercase letters",
                "Write the given letters in reverse order.",
                "What is this string reversed?", "reverse",
                List.of(SUPER_NATURAL_INSTRUCTIONS, CROSSFIT, T5),
                (r, label) -> {
                    String s = letters(r, 3 + r.nextInt(4), "abcdefghijklmnopqrstuvwxyz");
                    return new FamilyExample(s, new StringBuilder(s).reverse().toString());
                }));
        f.add(generation("uppercase_words", "Program Execution", "mini_phrases_upper", MetricKind.EXACT_MATCH,
                "write a two-word phrase in capital letters",
                "Convert every letter of the phrase to uppercase.",
                "What is this phrase in capital letters?", "uppercase",
                List.of(FLAN, SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE),
                (r, label) -> {
                    String phrase = pick(r, COLORS) + " " + pick(r, r.nextBoolean() ? OBJECTS : ANIMALS);
                    return new FamilyExample(phrase, phrase.toUpperCase());
                }));
        f.add(generation("sort_letters", "Program Execution", "mini_strings_sort", MetricKind.EXACT_MATCH,
                "sort 3 to 5 distinct letters from a to j alphabetically",
                "Sort the letters in alphabetical order.",
                "What are these letters in alphabetical order?", "sort",
                List.of(SUPER_NATURAL_INSTRUCTIONS, EXMIX, FLAN),
                (r, label) -> {
                    List<String> chosen = distinct(r, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 3 + r.nextInt(3));
                    return new FamilyExample(String.join("", chosen), String.join("", chosen.stream().sorted().toList()));
                }));
        f.add(generation("add_numbers", "Program Execution", "mini_sums", MetricKind.EXACT_MATCH,
                "add two numbers from 0 to 20",
                "Add the two numbers and give the result.",
                "What is the sum?", "add",
                List.of(SUPER_NATURAL_INSTRUCTIONS, FLAN, T5),
                (r, label) -> {
                    int a = r.nextInt(21);
                    int b = r.nextInt(21);
                    return new FamilyExample(a + " + " + b, Integer.toString(a + b));
                }));
        f.add(generation("max_number", "Program Execution", "mini_number_lists", MetricKind.EXACT_MATCH,
                "answer the largest of 3 or 4 distinct numbers below 100",
                "Return the largest number in the list.",
                "Which number is the largest?", "max",
                List.of(CROSSFIT, SUPER_NATURAL_INSTRUCTIONS, PROMPTSOURCE),
                (r, label) -> {
                    List<Integer> numbers = r.ints(1, 100).distinct().limit(3 + r.nextInt(2)).boxed().toList();
                    return new FamilyExample(String.join(", ", numbers.stream().map(String::valueOf).toList()),
                            Integer.toString(numbers.stream().mapToInt(Integer::intValue).max().orElseThrow()));
                }));
        f.add(closed("parity", "Program Execution", "mini_integers", List.of("even", "odd"),
                "even or odd by the last digit of a number below 1000",
                "Say whether the number is even or odd.",
                "Is this number even or odd?", "parity",
                List.of(SUPER_NATURAL_INSTRUCTIONS, FLAN, CROSSFIT, REASONING),
                (r, label) -> {
                    int n = 2 * r.nextInt(500) + label;
                    String digit = Integer.toString(n % 10);
                    String kind = label == 0 ? "even" : "odd";
                    return new FamilyExample(Integer.toString(n), kind, "The last digit is " + digit + ", which is " + kind + ".");
                }));
        f.add(generation("vowel_count", "Program Execution", "mini_strings_vowels", MetricKind.EXACT_MATCH,
                "count the vowels (a, e, i, o, u) in a random string of 3 to 7 letters",
                "Count how many vowels the word has. Vowels are a, e, i, o and u.",
                "How many vowels are in this word?", "count vowels",
                List.of(SUPER_NATURAL_INSTRUCTIONS, REASONING, PROMPTSOURCE),
                (r, label) -> {
                    String s = letters(r, 3 + r.nextInt(5), "aeioubcdfghklmnprst");
                    List<String> vowels = s.chars().filter(c -> "aeiou".indexOf(c) >= 0).mapToObj(Character::toString).toList();
                    String rationale = vowels.isEmpty() ? "The word has no vowels." : "The vowels are " + String.join(", ", vowels) + ".";
                    return new FamilyExample(s, Integer.toString(vowels.size()), rationale);
                }));
        f.add(generation("count_items", "Program Execution", "mini_item_lists", MetricKind.EXACT_MATCH,
                "count the items of a comma-separated list of 1 to 6 words",
                "Count the items in the list.",
                "How many items are in the list?", "count",
                List.of(FLAN, EXMIX, SUPER_NATURAL_INSTRUCTIONS),
                (r, label) -> {
                    List<String> items = distinct(r, ANIMALS, 1 + r.nextInt(6));
                    return new FamilyExample(String.join(", ", items), Integer.toString(items.size()));
                }));
        // Data to Text
        f.add(generation("record_to_text", "Data to Text", "mini_people_tables", MetricKind.ROUGE_L,
                "a linearized record of name, age and city; write one sentence stating them",
                "Write one sentence that states every field of the record.",
                "Describe this record in a sentence.", "data to text",
                List.of(UNIFIED_SKG, SUPER_NATURAL_INSTRUCTIONS, FLAN),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    int age = 10 + r.nextInt(80);
                    String city = pick(r, PLACES);
                    return new FamilyExample("name: " + name + " | age: " + age + " | city: " + city, name + " is " + age + " and lives in " + city + ".");
                }));
        f.add(generation("triple_to_text", "Data to Text", "mini_triples", MetricKind.ROUGE_L,
                "one or two subject | relation | object triples; verbalize them in one sentence",
                "Turn the triples into one fluent sentence.",
                "Write a sentence for these triples.", "triples",
                List.of(UNIFIED_SKG, PROMPTSOURCE, SUPER_NATURAL_INSTRUCTIONS),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    List<Integer> relations = r.ints(0, 4).distinct().limit(1 + r.nextInt(2)).boxed().toList();
                    List<String> triples = new ArrayList<>();
                    List<String> clauses = new ArrayList<>();
                    for (int relation : relations) {
                        switch (relation) {
                            case 0 -> {
                                String animal = pick(r, ANIMALS);
                                triples.add(name + " | owns | " + animal);
                                clauses.add("owns a " + animal);
                            }
                            case 1 -> {
                                String city = pick(r, PLACES);
                                triples.add(name + " | lives in | " + city);
                                clauses.add("lives in " + city);
                            }
                            case 2 -> {
                                String color = pick(r, COLORS);
                                triples.add(name + " | likes | " + color);
                                clauses.add("likes " + color);
                            }
                            default -> {
                                String sport = pick(r, SPORTS);
                                triples.add(name + " | plays | " + sport);
                                clauses.add("plays " + sport);
                            }
                        }
                    }
                    return new FamilyExample(String.join(" ; ", triples), name + " " + String.join(" and ", clauses) + ".");
                }));
        // Summarization
        f.add(generation("lead_summary", "Summarization", "mini_stories", MetricKind.ROUGE_L,
                "an event sentence and a filler sentence in either order; the summary is the event sentence",
                "Summarize the two sentences with the one that tells what happened.",
                "What is a one-sentence summary?", "summarize",
                List.of(SUPER_NATURAL_INSTRUCTIONS, FLAN, T5),
                (r, label) -> {
                    String event = pick(r, NAMES) + " " + pick(r, EVENTS) + ".";
                    String filler = pick(r, FILLERS);
                    return new FamilyExample(r.nextBoolean() ? event + " " + filler : filler + " " + event, event);
                }));
        f.add(generation("headline", "Summarization", "mini_news", MetricKind.ROUGE_L,
                "a past-tense news sentence; the headline is name, present verb and object",
                "Write a short headline for the news sentence.",
                "What is a good headline for this?", "headline",
                List.of(PROMPTSOURCE, SUPER_NATURAL_INSTRUCTIONS, EXMIX),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    List<String> verb = pick(r, NEWS_VERBS);
                    String object = pick(r, NEWS_OBJECTS);
                    return new FamilyExample(name + " " + verb.get(0) + " the " + object + " on " + pick(r, DAYS) + ".",
                            name + " " + verb.get(1) + " " + object);
                }));
        // Mathematics
        f.add(closed("compare_yes_no", "Mathematics", "mini_comparisons", List.of("yes", "no"),
                "is the first of two numbers below 100 larger than the second",
                "Answer yes if the first number is larger than the second, otherwise no.",
                "Answer yes or no.", "compare",
                List.of(SUPER_NATURAL_INSTRUCTIONS, FLAN, REASONING, T5),
                (r, label) -> {
                    int a = 1 + r.nextInt(99);
                    int b = 1 + r.nextInt(99);
                    while (b == a) {
                        b = 1 + r.nextInt(99);
                    }
                    int big = Math.max(a, b);
                    int small = Math.min(a, b);
                    int first = label == 0 ? big : small;
                    int second = label == 0 ? small : big;
                    return new FamilyExample("Is " + first + " larger than " + second + "?", label == 0 ? "yes" : "no",
                            first + (label == 0 ? " is more than " : " is less than ") + second + ".");
                }));
        f.add(generation("word_problem_add", "Mathematics", "mini_word_problems_add", MetricKind.EXACT_MATCH,
                "a person has a things and gets b more; answer a + b",
                "Solve the short math word problem. Give only the number.",
                "What is the answer to this problem?", "math",
                List.of(REASONING, SUPER_NATURAL_INSTRUCTIONS, FLAN),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    int a = 1 + r.nextInt(9);
                    int b = 1 + r.nextInt(9);
                    String things = pick(r, COUNTABLES);
                    return new FamilyExample(name + " has " + a + " " + things + " and gets " + b + " more. How many now?",
                            Integer.toString(a + b), name + " starts with " + a + " and gets " + b + ". " + a + " + " + b + " = " + (a + b) + ".");
                }));
        f.add(generation("word_problem_sub", "Mathematics", "mini_word_problems_sub", MetricKind.EXACT_MATCH,
                "a person had a things and used b; answer a - b",
                "Solve the word problem and answer with a number.",
                "How many are left?", "subtract",
                List.of(REASONING, PROMPTSOURCE, SUPER_NATURAL_INSTRUCTIONS),
                (r, label) -> {
                    String name = pick(r, NAMES);
                    int a = 2 + r.nextInt(18);
                    int b = 1 + r.nextInt(a - 1);
                    String things = pick(r, COUNTABLES);
                    return new FamilyExample(name + " had " + a + " " + things + " and used " + b + ". How many left?",
                            Integer.toString(a - b), name + " had " + a + " and used " + b + ". " + a + " - " + b + " = " + (a - b) + ".");
                }));
        return List.copyOf(f);
    }

    private static TaskFamily closed(String id, String category, String source, List<String> labels, String rule, String definition,
                                     String question, String keyword, List<String> collections, FamilySampler sampler) {
        return new TaskFamily(id, category, source, MetricKind.ACCURACY, labels, rule, definition, question, keyword, collections, sampler);
    }

    private static TaskFamily generation(String id, String category, String source, MetricKind metric, String rule, String definition,
                                         String question, String keyword, List<String> collections, FamilySampler sampler) {
        return new TaskFamily(id, category, source, metric, List.of(), rule, definition, question, keyword, collections, sampler);
    }

    static <T> T pick(RandomGenerator r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** {@code count} different elements in random order (partial Fisher-Yates). */
    static <T> List<T> distinct(RandomGenerator r, List<T> values, int count) {
        List<T> copy = new ArrayList<>(values);
        for (int i = 0; i < count; i++) {
            java.util.Collections.swap(copy, i, i + r.nextInt(copy.size() - i));
        }
        return List.copyOf(copy.subList(0, count));
    }

    private static List<String> otherTriple(RandomGenerator r, List<String> triple) {
        List<String> other = pick(r, ADJECTIVE_TRIPLES);
        while (other == triple) {
            other = pick(r, ADJECTIVE_TRIPLES);
        }
        return other;
    }

    static String letters(RandomGenerator r, int length, String alphabet) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    static String fill(String frame, String... keyValues) {
        String out = frame;
        for (int i = 0; i < keyValues.length; i += 2) {
            out = out.replace(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
