package io.imlab.cookbook.bench;

import io.imlab.cookbook.split.StableSeeds;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.imlab.cookbook.bench.TaskFamilies.COLORS;
import static io.imlab.cookbook.bench.TaskFamilies.FRUITS;
import static io.imlab.cookbook.bench.TaskFamilies.NAMES;
import static io.imlab.cookbook.bench.TaskFamilies.PLACES;
import static io.imlab.cookbook.bench.TaskFamilies.pick;

/**
 * The extra example pools of the mini benchmark (OPT-IML §4.2, Tables 7, 19, 20), kept apart from the
 * tasks: they have their own vocabulary (jars, coins, markets) so that mixing them in never leaks an
 * evaluation instance, while the chain-of-thought pool still teaches the step-by-step answer format the
 * Reasoning collection uses.
 */
final class MiniPools {
    private static final List<String> CONTAINERS = List.of("jar", "box", "bowl", "bag", "tin");
    private static final List<String> ITEMS = List.of("coins", "beads", "nuts", "stones", "shells", "buttons");
    private static final List<String> WORDS = List.of("river", "cloud", "stone", "music", "paper", "window", "garden", "candle", "bridge");
    private static final List<String> MARKET_PLACES = List.of("market", "library", "harbor", "bakery", "station", "museum");
    private static final List<String> PAST_VERBS = List.of("walked", "went", "hurried", "drove", "cycled");
    private static final List<String> SCENES = List.of("The air was cold and clear.", "Some people were singing.",
            "A dog slept by the door.", "The lights were warm and soft.", "It smelled of fresh bread.",
            "Children played near the trees.", "The clock struck noon.");
    private static final List<String> GREETINGS = List.of("Hi", "Hello", "Hey", "Good morning", "Good evening");
    private static final int ATTEMPTS_PER_EXAMPLE = 64;

    private MiniPools() {
    }

    static List<TextExample> generate(PoolKind kind, long seed, int size) {
        Random random = new Random(StableSeeds.derive(seed, "pool", kind.name()));
        Set<TextExample> out = new LinkedHashSet<>();
        for (int attempt = 0; out.size() < size && attempt < size * ATTEMPTS_PER_EXAMPLE; attempt++) {
            out.add(switch (kind) {
                case COT -> chainOfThought(random, attempt % 4);
                case DIALOGUE -> dialogue(random, attempt % 4);
                case PLAIN_TEXT -> plainText(random);
            });
        }
        return List.copyOf(new ArrayList<>(out));
    }

    private static TextExample chainOfThought(Random r, int kind) {
        switch (kind) {
            case 0 -> {
                String container = pick(r, CONTAINERS);
                String items = pick(r, ITEMS);
                String name = pick(r, NAMES);
                int a = 2 + r.nextInt(15);
                int b = 1 + r.nextInt(9);
                return cot("A " + container + " has " + a + " " + items + ". " + name + " adds " + b + ". How many " + items + "?",
                        "There were " + a + " and " + name + " added " + b + ". " + a + " + " + b + " = " + (a + b) + ".", a + b);
            }
            case 1 -> {
                int a = 10 + r.nextInt(90);
                int b = 10 + r.nextInt(90);
                while (b == a) {
                    b = 10 + r.nextInt(90);
                }
                String relation = a > b ? "more" : "less";
                return cot("Which is larger, " + a + " or " + b + "?", a + " is " + relation + " than " + b + ".", Math.max(a, b));
            }
            case 2 -> {
                String word = pick(r, WORDS);
                String spelled = String.join("-", word.split(""));
                return cot("How many letters are in the word " + word + "?", "The letters are " + spelled + ".", word.length());
            }
            default -> {
                int price = 2 + r.nextInt(8);
                int count = 2 + r.nextInt(4);
                String fruit = pick(r, FRUITS);
                return cot("One " + fruit + " costs " + price + " coins. What do " + count + " cost?",
                        count + " times " + price + " is " + count * price + ".", count * price);
            }
        }
    }

    private static TextExample cot(String question, String rationale, int answer) {
        return new TextExample(question, rationale + " So the answer is " + answer + ".");
    }

    private static TextExample dialogue(Random r, int kind) {
        String name = pick(r, NAMES);
        String text = switch (kind) {
            case 0 -> "User: " + pick(r, GREETINGS) + ", I am " + name + ". Assistant: Hello " + name + ", nice to meet you!";
            case 1 -> {
                int a = 1 + r.nextInt(20);
                int b = 1 + r.nextInt(20);
                yield "User: What is " + a + " plus " + b + "? Assistant: " + a + " plus " + b + " is " + (a + b) + ".";
            }
            case 2 -> {
                String color = pick(r, COLORS);
                yield "User: My favorite color is " + color + ". Assistant: " + capitalize(color) + " is a lovely color!";
            }
            default -> {
                String place = pick(r, PLACES);
                yield "User: Have you heard of " + place + "? Assistant: Yes, " + place + " is a city. Do you live there?";
            }
        };
        return new TextExample("", text);
    }

    private static TextExample plainText(Random r) {
        return new TextExample("", pick(r, NAMES) + " " + pick(r, PAST_VERBS) + " to the " + pick(r, MARKET_PLACES) + ". " + pick(r, SCENES));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
