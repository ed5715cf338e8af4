package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import io.imlab.cookbook.leakage.NgramHasher;
import io.imlab.cookbook.leakage.TaskNgrams;
import io.imlab.cookbook.split.TaskOutline;
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
import java.util.Arrays;
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
        Fields<List<RawInstance>> fields = parseFields(file, parser, this::instances);
        List<RawInstance> instances = fields.instances();
        List<String> labels = closedLabelSet(instances);
        List<Instance> converted = new ArrayList<>(instances.size());
        for (RawInstance raw : instances) {
            converted.add(new Instance(raw.id, raw.input, raw.outputs, labels));
        }
        return new Parsed(file, fields.categoryTags().get(0), new Task(name, Collections.SUPER_NATURAL_INSTRUCTIONS,
                fields.categoryTags().get(0), fields.sources().get(0), InstructionStyle.TASK_LEVEL,
                String.join("\n", fields.definition()), List.of(), fields.positive(), fields.negative(),
                labels.isEmpty() ? MetricKind.ROUGE_L : MetricKind.ACCURACY, converted, fields.metadata()));
    }

    /** Reads the {@code Instances} array, the parser on its first token. */
    @FunctionalInterface
    private interface InstancesReader<T> {
        T read(String file, JsonParser parser) throws IOException;
    }

    /** The fields of a task file; {@code instances} as its {@link InstancesReader} made them. */
    private record Fields<T>(List<String> definition, List<String> sources, List<String> categoryTags,
                             List<Demonstration> positive, List<Demonstration> negative, T instances,
                             Map<String, String> metadata) {
    }

    /**
     * Reads a whole task file, checking what both a full read and a {@link #scan} require, with the {@code Instances}
     * left to {@code instancesReader}: so both report every problem outside the instances alike.
     */
    private <T> Fields<T> parseFields(String file, JsonParser parser, InstancesReader<T> instancesReader) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw problem(file, parser, "a task file must hold one JSON object");
        }
        List<String> definition = null;
        List<String> sources = null;
        List<String> categoryTags = null;
        List<Demonstration> positive = List.of();
        List<Demonstration> negative = List.of();
        T instances = null;
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
                case "Instances" -> instances = instancesReader.read(file, parser);
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
        return new Fields<>(definition, sources, categoryTags, positive, negative, instances, metadata);
    }

    /**
     * A task file scanned by {@link #scan}: what a split and the 13-gram check need, and no text of its instances.
     * Its category tag is not yet resolved ({@link #outline}).
     */
    public static final class Scanned {
        private final String file;
        private final String name;
        private final String categoryTag;
        private final String dataSource;
        private final int[] inputHashes;
        private final long[] inputKeys;
        private final TaskNgrams ngrams;

        private Scanned(String file, String name, String categoryTag, String dataSource, int[] inputHashes, long[] inputKeys,
                        TaskNgrams ngrams) {
            this.file = file;
            this.name = name;
            this.categoryTag = categoryTag;
            this.dataSource = dataSource;
            this.inputHashes = inputHashes;
            this.inputKeys = inputKeys;
            this.ngrams = ngrams;
        }

        /** The n-gram hashes of every instance's instantiated sequence (input, then every reference). */
        public TaskNgrams ngrams() {
            return ngrams;
        }

        /** Number of instances. */
        public int size() {
            return inputHashes.length;
        }
    }

    /**
     * The task's outline with its category resolved through the taxonomy (records an unknown tag in the resolver);
     * the outline of the task {@link #read} would return for the same file.
     */
    public TaskOutline outline(Scanned scanned) {
        String category = categories.resolve(Collections.SUPER_NATURAL_INSTRUCTIONS, scanned.categoryTag, scanned.file, "/Categories/0");
        return new TaskOutline(scanned.name, Collections.SUPER_NATURAL_INSTRUCTIONS, category, scanned.dataSource,
                scanned.inputHashes, scanned.inputKeys);
    }

    /**
     * The first pass of a two-pass build over one task file: checks the file as {@link #parse} does (the same
     * problems, with file, JSON pointer and line) and keeps per instance only its input's hashes ({@link TaskOutline})
     * and the n-gram hashes of its instantiated sequence, taken straight from the parser's character buffer: no
     * instance text becomes a {@link String}. Safe to call from several threads at once, each with its own hasher.
     *
     * <p>A file off the usual shape (an instance whose {@code output} comes before its {@code input}, a field given
     * twice, or two instance ids with one 64-bit hash) is read by {@link #parse} instead and outlined from the task,
     * so a scan never accepts, rejects or reports anything differently.
     */
    public Scanned scan(Path file, NgramHasher hasher) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        ScannedInstances scratch = SCAN_SCRATCH.get();
        int length;
        try {
            length = scratch.readFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SuperNI task file " + file, e);
        }
        String path = file.toString();
        try (JsonParser parser = JSON.createParser(scratch.bytes, 0, length)) {
            Fields<ScannedInstances> fields = parseFields(path, parser, (f, p) -> scanInstances(f, p, hasher, scratch));
            ScannedInstances instances = fields.instances();
            return new Scanned(path, name, fields.categoryTags().get(0), fields.sources().get(0),
                    Arrays.copyOf(instances.inputHashes, instances.count), Arrays.copyOf(instances.inputKeys, instances.count),
                    TaskNgrams.ofHashes(hasher.n(), Arrays.copyOf(instances.ngrams, instances.starts[instances.count]),
                            Arrays.copyOf(instances.starts, instances.count + 1)));
        } catch (OffTheUsualShape e) {
            Task task = parse(file).task;
            TaskOutline outline = TaskOutline.of(task);
            return new Scanned(path, name, task.category(), task.dataSource(), outline.inputHashes(), outline.inputKeys(),
                    TaskNgrams.of(task, hasher));
        } catch (JsonProcessingException e) {
            throw new IngestException(new IngestProblem(path, pointer(e.getProcessor()),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "invalid JSON: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse SuperNI task file " + file, e);
        }
    }

    /** A scan met a file it leaves to the full read. */
    private static final class OffTheUsualShape extends RuntimeException {
        OffTheUsualShape() {
            super(null, null, false, false);
        }
    }

    /**
     * The growing arrays of a scan's instances, reused by each thread's scans (the only allocations of a scan are then
     * its exact-size results).
     */
    private static final ThreadLocal<ScannedInstances> SCAN_SCRATCH = ThreadLocal.withInitial(ScannedInstances::new);

    private static final class ScannedInstances {
        int count;
        int[] inputHashes = new int[256];
        long[] inputKeys = new long[256];
        int[] starts = new int[257];
        long[] ngrams = new long[1 << 14];

        /** The file's bytes, read into a reused buffer: a build reads every file twice, so it should allocate for neither. */
        byte[] bytes = new byte[1 << 16];

        /** Reads {@code file} into {@link #bytes}; returns its length. */
        int readFile(Path file) throws IOException {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
                long size = channel.size();
                if (size > Integer.MAX_VALUE - 16) {
                    throw new IOException("file too large: " + size + " bytes");
                }
                if (bytes.length < size + 1) {
                    bytes = new byte[(int) Math.max(size + 1, bytes.length * 2L)];
                }
                int length = 0;
                while (true) {
                    if (length == bytes.length) {
                        bytes = Arrays.copyOf(bytes, bytes.length * 2);   // the file grew while being read
                    }
                    int read = channel.read(java.nio.ByteBuffer.wrap(bytes, length, bytes.length - length));
                    if (read < 0) {
                        return length;
                    }
                    length += read;
                }
            }
        }

        void grow() {
            if (count + 1 >= inputHashes.length) {
                inputHashes = Arrays.copyOf(inputHashes, inputHashes.length * 2);
                inputKeys = Arrays.copyOf(inputKeys, inputKeys.length * 2);
                starts = Arrays.copyOf(starts, inputHashes.length + 1);
            }
        }
    }

    /**
     * The {@code Instances} array as {@link #instances} reads it, with the same checks in the same order, but hashing
     * the text from the parser's buffer ({@link JsonParser#getTextCharacters}) instead of keeping it.
     */
    private ScannedInstances scanInstances(String file, JsonParser parser, NgramHasher hasher, ScannedInstances out)
            throws IOException {
        expect(file, parser, JsonToken.START_ARRAY, "an array of instance objects");
        out.count = 0;
        // 64-bit keys of the ids seen, for the duplicate check (a hit goes to the full read, which compares texts)
        long[] idSlots = new long[1 << 10];
        boolean[] idUsed = new boolean[idSlots.length];
        int ids = 0;
        int[] oneHash = new int[1];
        long[] oneKey = new long[1];
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw wrongType(file, parser, "an instance object");
            }
            boolean hasId = false;
            long idKey = 0;
            boolean hasInput = false;
            boolean hasOutput = false;
            int outputs = 0;
            out.grow();
            hasher.begin();
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        requireString(file, parser, value);
                        TaskOutline.hashInput(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(),
                                oneHash, oneKey, 0);
                        hasId = true;
                        idKey = oneKey[0];
                    }
                    case "input" -> {
                        requireString(file, parser, value);
                        if (hasInput || hasOutput) {
                            throw new OffTheUsualShape();   // the sequence is input first; a repeated field: last wins
                        }
                        char[] chars = parser.getTextCharacters();
                        int offset = parser.getTextOffset();
                        int length = parser.getTextLength();
                        TaskOutline.hashInput(chars, offset, length, out.inputHashes, out.inputKeys, out.count);
                        hasher.append(chars, offset, length);
                        hasInput = true;
                    }
                    case "output" -> {
                        if (hasOutput || !hasInput) {
                            throw new OffTheUsualShape();
                        }
                        hasOutput = true;
                        if (value == JsonToken.VALUE_STRING) {
                            hasher.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                            outputs = 1;
                        } else {
                            expect(file, parser, JsonToken.START_ARRAY, "an array of strings");
                            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                                requireString(file, parser, item);
                                hasher.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                                outputs++;
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            int index = out.count;
            if (!hasInput) {
                throw problemAt(file, "/Instances/" + index + "/input", parser, "missing");
            }
            if (!hasOutput || outputs == 0) {
                throw problemAt(file, "/Instances/" + index + "/output", parser, "an instance needs at least one reference output");
            }
            if (!hasId) {
                String id = "instance-" + index;
                TaskOutline.hashInput(id.toCharArray(), 0, id.length(), oneHash, oneKey, 0);
                idKey = oneKey[0];
            }
            if (2 * (ids + 1) > idSlots.length) {
                long[] oldSlots = idSlots;
                boolean[] oldUsed = idUsed;
                idSlots = new long[oldSlots.length * 2];
                idUsed = new boolean[idSlots.length];
                for (int i = 0; i < oldSlots.length; i++) {
                    if (oldUsed[i]) {
                        insertId(idSlots, idUsed, oldSlots[i]);
                    }
                }
            }
            if (!insertId(idSlots, idUsed, idKey)) {
                throw new OffTheUsualShape();   // a duplicate id, or two ids of one hash: the full read tells which
            }
            ids++;
            int count = hasher.end();
            int start = out.starts[index];
            if (out.ngrams.length < start + count) {
                out.ngrams = Arrays.copyOf(out.ngrams, Math.max(start + count, out.ngrams.length * 2));
            }
            hasher.copyHashes(out.ngrams, start);
            out.starts[index + 1] = start + count;
            out.count++;
        }
        return out;
    }

    /** Adds {@code key} to an open-addressing set; false when it was there. */
    private static boolean insertId(long[] slots, boolean[] used, long key) {
        int mask = slots.length - 1;
        int slot = (int) key & mask;
        while (used[slot]) {
            if (slots[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        slots[slot] = key;
        return true;
    }

    private static void requireString(String file, JsonParser parser, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            throw wrongType(file, parser, "a string");
        }
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

    private static void requirePresent(List<IngestProblem> problems, String file, String field, Object value) {
        if (value == null) {
            problems.add(new IngestProblem(file, "/" + field, 0, "missing"));
        } else if (value instanceof List<?> list && list.isEmpty() && !field.equals("Instances")) {
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
