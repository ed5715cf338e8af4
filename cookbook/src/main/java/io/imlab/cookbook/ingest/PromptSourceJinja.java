package io.imlab.cookbook.ingest;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jinja dialect PromptSource templates are written in, on Jinjava.
 *
 * <p>PromptSource renders with Python's jinja2, so its templates use a little Python: indexing a string
 * ({@code sol1[0]}), string methods ({@code .lower()}, {@code ', '.join(xs)}), and PromptSource's own
 * {@code choice} and {@code most_frequent} filters. Jinjava lacks these; an EL resolver and two filters add
 * them. Two deliberate differences from PromptSource:
 * <ul>
 *   <li>{@code choice} is deterministic: seeded by the row and template ids, so a bench build is
 *       reproducible (PromptSource calls Python's unseeded {@code random.choice});</li>
 *   <li>undefined variables are errors (jinja2's default renders them empty): a template that names a
 *       field the row lacks fails for that row, which ingest counts and reports.</li>
 * </ul>
 * Thread-safe for rendering: each render gets its own interpreter.
 */
public final class PromptSourceJinja {
    /** Context variable carrying the per-render seed of the {@code choice} filter. */
    static final String SEED_VARIABLE = "__imlab_choice_seed";

    private static final Pattern JINJA_BLOCK = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Pattern TRAILING_COMMA = Pattern.compile(",(\\s*)([\\])])");

    private final Jinjava jinjava;

    public PromptSourceJinja() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withElResolver(resolver)
                .build());
        jinjava.getGlobalContext().registerFilter(new ChoiceFilter());
        jinjava.getGlobalContext().registerFilter(new MostFrequentFilter());
    }

    /** The first syntax error of a template source, if any (checked once per template, before any row). */
    public Optional<String> syntaxError(String source) {
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            interpreter.parse(toJinjava(source));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        return interpreter.getErrors().stream()
                .filter(e -> e.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR)
                .findFirst()
                .map(e -> "line " + e.getLineno() + ": " + e.getMessage());
    }

    /**
     * Renders a template against a row.
     *
     * @param source    Jinja source
     * @param variables the row's fields (plus {@code answer_choices} where the template has them)
     * @param seed      seed of the {@code choice} filter for this render
     * @return the output, or the first fatal error
     */
    public Rendered render(String source, Map<String, Object> variables, long seed) {
        Map<String, Object> bindings = new HashMap<>(variables);
        bindings.put(SEED_VARIABLE, seed);
        RenderResult result = jinjava.renderForResult(toJinjava(source), bindings);
        List<String> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(TemplateError::getMessage)
                .distinct()
                .toList();
        return fatal.isEmpty() ? new Rendered(result.getOutput(), null) : new Rendered(null, String.join("; ", fatal));
    }

    /**
     * Rewrites the Python-only syntax PromptSource templates use that Jinjava's parser rejects: a trailing
     * comma in a list or call ({@code ['a', 'b',]}). Only text inside {@code {{ }}} and {@code {% %}} changes.
     */
    static String toJinjava(String source) {
        Matcher block = JINJA_BLOCK.matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        while (block.find()) {
            block.appendReplacement(out, Matcher.quoteReplacement(TRAILING_COMMA.matcher(block.group()).replaceAll("$1$2")));
        }
        block.appendTail(out);
        return out.toString();
    }

    /**
     * A render outcome: either {@code output} or {@code error}.
     *
     * @param output the rendered text, null on failure
     * @param error  the first fatal error, null on success
     */
    public record Rendered(String output, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** PromptSource's {@code choice} filter, made deterministic by a per-render seed. */
    private static final class ChoiceFilter implements Filter {
        @Override
        public String getName() {
            return "choice";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            List<Object> items = asList(var);
            if (items.isEmpty()) {
                return null;
            }
            Object seed = interpreter.getContext().get(SEED_VARIABLE);
            long value = seed instanceof Number n ? n.longValue() : 0L;
            return items.get(new Random(value).nextInt(items.size()));
        }
    }

    /** PromptSource's {@code most_frequent} filter: the most common item, ties going to the first seen. */
    private static final class MostFrequentFilter implements Filter {
        @Override
        public String getName() {
            return "most_frequent";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            Map<Object, Integer> counts = new LinkedHashMap<>();
            for (Object item : asList(var)) {
                counts.merge(item, 1, Integer::sum);
            }
            Object best = null;
            int bestCount = 0;
            for (Map.Entry<Object, Integer> entry : counts.entrySet()) {
                if (entry.getValue() > bestCount) {
                    best = entry.getKey();
                    bestCount = entry.getValue();
                }
            }
            return best;
        }
    }

    private static List<Object> asList(Object var) {
        if (var instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (var instanceof Iterable<?> iterable) {
            List<Object> items = new ArrayList<>();
            iterable.forEach(items::add);
            return items;
        }
        return var == null ? List.of() : List.of(var);
    }

    /** Python's string indexing and the string methods PromptSource templates call. */
    private static final class PythonStringResolver extends ELResolver {
        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base instanceof String text && property != null) {
                Integer index = asIndex(property);
                if (index != null) {
                    int at = index < 0 ? index + text.length() : index;
                    if (at >= 0 && at < text.length()) {
                        context.setPropertyResolved(true);
                        return String.valueOf(text.charAt(at));
                    }
                }
            }
            return null;
        }

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            if (!(base instanceof String text) || !(method instanceof String name)) {
                return null;
            }
            Object[] args = params == null ? new Object[0] : params;
            Object result = switch (name) {
                case "lower" -> args.length == 0 ? text.toLowerCase(Locale.ROOT) : null;
                case "upper" -> args.length == 0 ? text.toUpperCase(Locale.ROOT) : null;
                case "strip" -> args.length == 0 ? text.strip() : null;
                case "lstrip" -> args.length == 0 ? text.stripLeading() : null;
                case "rstrip" -> args.length == 0 ? text.stripTrailing() : null;
                case "capitalize" -> args.length == 0 ? capitalize(text) : null;
                case "title" -> args.length == 0 ? title(text) : null;
                case "startswith" -> args.length == 1 ? text.startsWith(String.valueOf(args[0])) : null;
                case "endswith" -> args.length == 1 ? text.endsWith(String.valueOf(args[0])) : null;
                case "join" -> args.length == 1 && args[0] instanceof Iterable<?> items ? join(text, items) : null;
                case "split" -> args.length == 0 ? List.of(text.strip().split("\\s+"))
                        : args.length == 1 ? List.of(text.split(Pattern.quote(String.valueOf(args[0])), -1)) : null;
                default -> null;
            };
            if (result != null) {
                context.setPropertyResolved(true);
            }
            return result;
        }

        private static Integer asIndex(Object property) {
            if (property instanceof Number number) {
                return number.intValue();
            }
            if (property instanceof String s && !s.isEmpty() && s.matches("-?\\d+")) {
                return Integer.parseInt(s);
            }
            return null;
        }

        private static String join(String separator, Iterable<?> items) {
            StringJoiner joiner = new StringJoiner(separator);
            items.forEach(item -> joiner.add(String.valueOf(item)));
            return joiner.toString();
        }

        private static String capitalize(String text) {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1).toLowerCase(Locale.ROOT);
        }

        private static String title(String text) {
            StringBuilder out = new StringBuilder(text.length());
            boolean startOfWord = true;
            for (char c : text.toCharArray()) {
                out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
                startOfWord = !Character.isLetterOrDigit(c);
            }
            return out.toString();
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            // read-only: templates never assign into row values
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
