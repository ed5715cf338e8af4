package io.imlab.activities.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.activities.store.ObjectNotFoundException;
import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.StoredObject;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The run index in the object store: one {@code run.json} per run and one {@code grid.json} per grid. Written by
 * {@link RunIndexActivitiesImpl}; read by {@code imlab status} to list runs, since the embedded Temporal server
 * answers no visibility queries.
 */
public final class RunIndex {
    /** File name of a run's entry under {@code runs/<runId>/}. */
    public static final String RUN_FILE = "run.json";
    /** File name of a grid's entry under {@code grids/<gridId>/}. */
    public static final String GRID_FILE = "grid.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ObjectStore store;

    public RunIndex(ObjectStore store) {
        this.store = store;
    }

    /**
     * One indexed run or grid.
     *
     * @param kind      {@code grid} or {@code run}
     * @param id        the grid id or run id (also the workflow id)
     * @param status    RUNNING, COMPLETED, FAILED or CANCELLED
     * @param updatedAt when the entry was last written
     * @param document  the whole entry
     */
    public record Entry(String kind, String id, String status, Instant updatedAt, JsonNode document) {
    }

    void write(RunRecord record, Instant at) {
        put(S3Uri.parse("s3://" + record.bucket() + "/runs/" + record.runId() + "/" + RUN_FILE), record, at);
    }

    void write(GridRecord record, Instant at) {
        put(S3Uri.parse("s3://" + record.bucket() + "/grids/" + record.gridId() + "/" + GRID_FILE), record, at);
    }

    /** Every grid and every run that is not part of a grid, newest first. */
    public List<Entry> list(String bucket) {
        List<Entry> entries = new ArrayList<>();
        for (StoredObject object : store.list(S3Uri.parse("s3://" + bucket + "/grids/"))) {
            if (object.uri().key().endsWith("/" + GRID_FILE)) {
                read(object.uri()).map(doc -> entry("grid", doc.path("gridId").asText(), doc)).ifPresent(entries::add);
            }
        }
        for (StoredObject object : store.list(S3Uri.parse("s3://" + bucket + "/runs/"))) {
            if (object.uri().key().endsWith("/" + RUN_FILE)) {
                read(object.uri()).filter(doc -> doc.path("gridId").isNull() || doc.path("gridId").isMissingNode())
                        .map(doc -> entry("run", doc.path("runId").asText(), doc)).ifPresent(entries::add);
            }
        }
        entries.sort(Comparator.comparing(Entry::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return entries;
    }

    /** The grid's entry, if indexed. */
    public Optional<JsonNode> grid(String bucket, String gridId) {
        return read(S3Uri.parse("s3://" + bucket + "/grids/" + gridId + "/" + GRID_FILE));
    }

    /** The run's entry, if indexed. */
    public Optional<JsonNode> run(String bucket, String runId) {
        return read(S3Uri.parse("s3://" + bucket + "/runs/" + runId + "/" + RUN_FILE));
    }

    private static Entry entry(String kind, String id, JsonNode doc) {
        String updated = doc.path("updatedAt").asText(null);
        return new Entry(kind, id, doc.path("status").asText(), updated == null ? null : Instant.parse(updated), doc);
    }

    private Optional<JsonNode> read(S3Uri uri) {
        try {
            return Optional.of(JSON.readTree(store.getBytes(uri)));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable index entry " + uri, e);
        }
    }

    private void put(S3Uri uri, Object record, Instant at) {
        ObjectNode node = JSON.valueToTree(record);
        node.put("updatedAt", at.toString());
        try {
            store.putBytes(JSON.writeValueAsBytes(node), uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write index entry " + uri, e);
        }
    }
}
