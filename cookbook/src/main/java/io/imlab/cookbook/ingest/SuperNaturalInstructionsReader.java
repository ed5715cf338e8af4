package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads Super-NaturalInstructions task files ({@code taskNNN_name.json}, as in allenai/natural-instructions)
 * into TASK_LEVEL {@link Task}s.
 *
 * <ul>
 *   <li>{@code Definition} (list of strings) is joined with newlines into the task definition;</li>
 *   <li>{@code Positive Examples} / {@code Negative Examples} become demonstrations;</li>
 *   <li>{@code Instances} become instances with every reference output;</li>
 *   <li>{@code Categories} (first entry) goes through the taxonomy; {@code Source} (first entry) is the
 *       data source, the unit of leakage control (OPT-IML §2.3);</li>
 *   <li>languages, {@code Instance License}, domains and reasoning types go into metadata.</li>
 * </ul>
 *
 * <p>A task whose outputs form a small closed label set (at most {@code maxLabels} distinct outputs, every
 * instance with exactly one reference) gets the sorted label set as candidates on every instance and is
 * scored by accuracy over the candidates (rank classification, OPT-IML §4.1); every other task by Rouge-L.
 *
 * <p>Files are parsed with Jackson's streaming {@link JsonParser}, one file at a time, so memory is bounded
 * by the largest task. Bad input raises {@link IngestException} naming the file, the JSON field (as a JSON
 * pointer) and the line.
 */
public final class SuperNaturalInstructionsReader {
    /** Default closed-label threshold: at most this many distinct outputs makes a task a classification task. */
    public static final int DEFAULT_MAX_LABELS = 10;

    private static final Pattern TASK_FILE = Pattern.compile("task\\d+_.+\\.json");
    // Upstream files were written by Python's json module, which writes NaN (e.g. task603's "URL": [NaN]).
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final CategoryResolver categories;
    private final int maxLabels;

    public SuperNaturalInstructionsReader(CategoryResolver categories) {
        this(categories, DEFAULT_MAX_LABELS);
    }

    public SuperNaturalInstructionsReader(CategoryResolver categories, int maxLabels) {
        this.categories = categories;
        this.maxLabels = maxLabels;
    }

    /** The {@code taskNNN_*.json} files of a folder, sorted by name. */
    public static List<Path> taskFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (TASK_FILE.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list SuperNI task folder " + folder, e);
        }
        files.sort(null);
        return files;
    }

    /**
     * Streams every task of a folder to {@code sink}, one at a time (memory bounded by one task).
     * Unknown category tags are recorded in the resolver, not thrown: end the run with
     * {@link CategoryResolver#failOnUnknownTags()}.
     */
    public void readFolder(Path folder, Consumer<Task> sink) {
        for (Path file : taskFiles(folder)) {
            sink.accept(read(file));
        }
    }

    /** All tasks of a folder, then fails if any category tag was unknown. */
    public List<Task> readFolder(Path folder) {
        List<Task> tasks = new ArrayList<>();
        readFolder(folder, tasks::add);
        categories.failOnUnknownTags();
        return tasks;
    }

    /** One task file. */
    public Task read(Path file) {
        return resolve(parse(file));
    }

    /**
     * A task file parsed, its category tag not yet resolved: parsing touches no shared state, so files may be
     * parsed on several threads at once; {@link #resolve} (which records unknown tags) then runs on one thread,
     * in file order, so a build reports what a one-by-one read would.
     */
    public static final class Parsed {
        private final String file;
        private final String categoryTag;
        private final Task task;

        private Parsed(String file, String categoryTag, Task task) {
            this.file = file;
            this.categoryTag = categoryTag;
            this.task = task;
        }

        /** The task, with its collection's category tag in place of its category until {@link #resolve}. */
        public Task unresolvedTask() {
            return task;
        }
    }

    /** The task with its category resolved through the taxonomy (records an unknown tag in the resolver). */
    public Task resolve(Parsed parsed) {
        // A task has exactly one category (OPT-IML §2.2); SuperNI lists one per task.
        String category = categories.resolve(Collections.SUPER_NATURAL_INSTRUCTIONS, parsed.categoryTag, parsed.file, "/Categories/0");
        Task task = parsed.task;
        return new Task(task.name(), task.collection(), category, task.dataSource(), task.style(), task.definition(),
                task.templates(), task.positiveExamples(), task.negativeExamples(), task.metric(), task.instances(),
                task.metadata());
    }

    /** One task file parsed, its category unresolved; safe to call from several threads at once. */
    public Parsed parse(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SuperNI task file " + file, e);
        }
        try (JsonParser parser = JSON.createParser(bytes)) {
            return parseTask(name, file.toString(), parser);
        } catch (JsonProcessingException e) {
            throw new IngestException(new IngestProblem(file.toString(), pointer(e.getProcessor()),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "invalid JSON: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse SuperNI task file " + file, e);
        }
    }

    private Parsed parseTask(String name, String file, JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw problem(file, parser, "a task file must hold one JSON object");
        }
        List<String> definition = null;
        List<String> sources = null;
        List<String> categoryTags = null;
        List<Demonstration> positive = List.of();
        List<Demonstration> negative = List.of();
        List<RawInstance> instances = null;
        Map<String, String> metadata = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token == null) {
                throw problem(file, parser, "unexpected end of file");
            }
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "Definition" -> definition = stringList(file, parser);
                case "Source" -> sources = stringList(file, parser);
                case "Categories" -> categoryTags = stringList(file, parser);
                case "Positive Examples" -> positive = demonstrations(file, parser);
                case "Negative Examples" -> negative = demonstrations(file, parser);
                case "Instances" -> instances = instances(file, parser);
                case "Instance License" -> metadata.put("instanceLicense", String.join("; ", stringList(file, parser)));
                case "Input_language" -> metadata.put("inputLanguage", String.join("; ", stringList(file, parser)));
                case "Output_language" -> metadata.put("outputLanguage", String.join("; ", stringList(file, parser)));
                case "Instruction_language" -> metadata.put("instructionLanguage", String.join("; ", stringList(file, parser)));
                case "Domains" -> metadata.put("domains", String.join("; ", stringList(file, parser)));
                case "Reasoning" -> metadata.put("reasoning", String.join("; ", stringList(file, parser)));
                default -> parser.skipChildren();
            }
        }
        List<IngestProblem> missing = new ArrayList<>();
        requirePresent(missing, file, "Definition", definition);
        requirePresent(missing, file, "Source", sources);
        requirePresent(missing, file, "Categories", categoryTags);
        requirePresent(missing, file, "Instances", instances);
        if (!missing.isEmpty()) {
            throw new IngestException(missing);
        }
        if (parser.nextToken() != null) {
            throw problem(file, parser, "unexpected content after the task object");
        }
        metadata.put("sources", String.join("; ", sources));
        metadata.put("categories", String.join("; ", categoryTags));
        List<String> labels = closedLabelSet(instances);
        List<Instance> converted = new ArrayList<>(instances.size());
        for (RawInstance raw : instances) {
            converted.add(new Instance(raw.id, raw.input, raw.outputs, labels));
        }
        return new Parsed(file, categoryTags.get(0), new Task(name, Collections.SUPER_NATURAL_INSTRUCTIONS, categoryTags.get(0),
                sources.get(0), InstructionStyle.TASK_LEVEL, String.join("\n", definition), List.of(), positive, negative,
                labels.isEmpty() ? MetricKind.ROUGE_L : MetricKind.ACCURACY, converted, metadata));
    }

    /** The sorted label set when the outputs form a small closed set, else an empty list. */
    private List<String> closedLabelSet(List<RawInstance> instances) {
        Set<String> labels = new TreeSet<>();
        for (RawInstance instance : instances) {
            if (instance.outputs.size() != 1) {
                return List.of();
            }
            labels.add(instance.outputs.get(0));
            if (labels.size() > maxLabels) {
                return List.of();
            }
        }
        // One label is not a choice: rank classification needs at least two candidates.
        return labels.size() < 2 ? List.of() : List.copyOf(labels);
    }

    private List<RawInstance> instances(String file, JsonParser parser) throws IOException {
        expect(file, parser, JsonToken.START_ARRAY, "an array of instance objects");
        List<RawInstance> instances = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw wrongType(file, parser, "an instance object");
            }
            String id = null;
            String input = null;
            List<String> outputs = null;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = string(file, parser, value);
                    case "input" -> input = string(file, parser, value);
                    case "output" -> outputs = value == JsonToken.VALUE_STRING ? List.of(parser.getText()) : stringList(file, parser);
                    default -> parser.skipChildren();
                }
            }
            int index = instances.size();
            if (input == null) {
                throw problemAt(file, "/Instances/" + index + "/input", parser, "missing");
            }
            if (outputs == null || outputs.isEmpty()) {
                throw problemAt(file, "/Instances/" + index + "/output", parser, "an instance needs at least one reference output");
            }
            if (id == null) {
                id = "instance-" + index;
            }
            if (!seenIds.add(id)) {
                throw problemAt(file, "/Instances/" + index + "/id", parser, "duplicate instance id '" + id + "'");
            }
            instances.add(new RawInstance(id, input, outputs));
        }
        return instances;
    }

    private List<Demonstration> demonstrations(String file, JsonParser parser) throws IOException {
        expect(file, parser, JsonToken.START_ARRAY, "an array of example objects");
        List<Demonstration> examples = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw wrongType(file, parser, "an example object");
            }
            String input = null;
            String output = null;
            String explanation = "";
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "input" -> input = string(file, parser, value);
                    case "output" -> {
                        // A few upstream examples list several acceptable outputs; the first is shown.
                        if (value == JsonToken.START_ARRAY) {
                            List<String> outputs = stringList(file, parser);
                            output = outputs.isEmpty() ? null : outputs.get(0);
                        } else {
                            output = string(file, parser, value);
                        }
                    }
                    case "explanation" -> explanation = string(file, parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (input == null || output == null) {
                throw problem(file, parser, "an example needs both input and output");
            }
            examples.add(new Demonstration(input, output, explanation));
        }
        return examples;
    }

    private static List<String> stringList(String file, JsonParser parser) throws IOException {
        expect(file, parser, JsonToken.START_ARRAY, "an array of strings");
        List<String> values = new ArrayList<>(2);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            values.add(string(file, parser, token));
        }
        return values;
    }

    private static String string(String file, JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType(file, parser, "a string");
        }
        return parser.getText();
    }

    private static void expect(String file, JsonParser parser, JsonToken expected, String what) {
        if (parser.currentToken() != expected) {
            throw wrongType(file, parser, what);
        }
    }

    private static void requirePresent(List<IngestProblem> problems, String file, String field, List<?> value) {
        if (value == null) {
            problems.add(new IngestProblem(file, "/" + field, 0, "missing"));
        } else if (value.isEmpty() && !field.equals("Instances")) {
            problems.add(new IngestProblem(file, "/" + field, 0, "must not be empty"));
        }
    }

    private static IngestException wrongType(String file, JsonParser parser, String expected) {
        return problem(file, parser, "expected " + expected + ", found " + describe(parser.currentToken()));
    }

    private static IngestException problem(String file, JsonParser parser, String message) {
        return problemAt(file, pointer(parser), parser, message);
    }

    private static IngestException problemAt(String file, String field, JsonParser parser, String message) {
        return new IngestException(file, field, parser.currentLocation().getLineNr(), message);
    }

    private static String pointer(Object processor) {
        if (processor instanceof JsonParser parser) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            return pointer.isEmpty() ? "/" : pointer;
        }
        return "";
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private record RawInstance(String id, String input, List<String> outputs) {
    }
}
