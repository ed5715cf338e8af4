package io.imlab.charts;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values(metric, label)} variable query) selects.
 * A small lexer, not a full parser: it drops string literals, label matchers, range selectors and grouping label
 * lists, then keeps identifiers that are not functions, aggregations or keywords.
 */
final class PromQlSeriesNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*,.*\\)\\s*$");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?:ms|s|m|h|d|w|y)?)"
                    + "|(?<ident>[a-zA-Z_:][\\w:]*)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

    private PromQlSeriesNames() {
    }

    static Set<String> of(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        if (labelValues.matches()) {
            names.add(labelValues.group(1));
            return names;
        }
        String stripped = STRINGS.matcher(expression).replaceAll("\"\"");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGES.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Matcher token = TOKEN.matcher(stripped);
        while (token.find()) {
            String ident = token.group("ident");
            if (ident == null || KEYWORDS.contains(ident.toLowerCase()) || followedByParenthesis(stripped, token.end())) {
                continue;
            }
            names.add(ident);
        }
        return names;
    }

    private static boolean followedByParenthesis(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }
}
