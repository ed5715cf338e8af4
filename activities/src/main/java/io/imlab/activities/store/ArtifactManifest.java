package io.imlab.activities.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code manifest.json} that closes an artifact folder. It is written last: a folder without it is
 * incomplete and must not be read. Serialization is canonical (fixed field order, sorted inputs and files,
 * no timestamps), so the same artifact always yields the same bytes.
 *
 * @param format    see {@link ArtifactDescription#format()}
 * @param kind      see {@link ArtifactDescription#kind()}
 * @param hash      see {@link ArtifactDescription#hash()}
 * @param producer  see {@link ArtifactDescription#producer()}
 * @param createdBy see {@link ArtifactDescription#createdBy()}; omitted from JSON when {@code null}
 * @param inputs    see {@link ArtifactDescription#inputs()}
 * @param files     every file of the artifact, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactManifest(
        String format, String kind, String hash, String producer, String createdBy, Map<String, String> inputs,
        List<ManifestFile> files) {

    /** Name of the manifest object inside an artifact folder. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Validates through {@link ArtifactDescription} and sorts the files. */
    public ArtifactManifest {
        ArtifactDescription valid = new ArtifactDescription(format, kind, hash, producer, createdBy, inputs);
        inputs = valid.inputs();
        files = files == null ? List.of()
                : files.stream().sorted(Comparator.comparing(ManifestFile::path)).toList();
    }

    /** A manifest for {@code description} listing {@code files}. */
    public static ArtifactManifest of(ArtifactDescription description, List<ManifestFile> files) {
        return new ArtifactManifest(description.format(), description.kind(), description.hash(),
                description.producer(), description.createdBy(), description.inputs(), files);
    }

    /** Where the manifest of the artifact folder {@code prefix} lives. */
    public static S3Uri uriUnder(S3Uri prefix) {
        return prefix.resolve(FILE_NAME);
    }

    /**
     * Reads the manifest of the artifact folder {@code prefix}.
     *
     * @return empty when the artifact is not published (no manifest)
     * @throws ArtifactIntegrityException when the manifest exists but cannot be parsed
     */
    public static Optional<ArtifactManifest> read(ObjectStore store, S3Uri prefix) {
        S3Uri uri = uriUnder(prefix);
        byte[] json;
        try {
            json = store.getBytes(uri);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(parse(json, uri));
    }

    /**
     * Parses manifest bytes read from {@code uri}.
     *
     * @throws ArtifactIntegrityException when they are not a valid manifest
     */
    static ArtifactManifest parse(byte[] json, S3Uri uri) {
        try {
            return fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new ArtifactIntegrityException(uri + " is not a valid manifest: " + e.getMessage(), uri);
        }
    }

    /** The description part of this manifest. */
    public ArtifactDescription description() {
        return new ArtifactDescription(format, kind, hash, producer, createdBy, inputs);
    }

    /** Total size of all files in bytes. */
    public long totalSize() {
        return files.stream().mapToLong(ManifestFile::size).sum();
    }

    /** Canonical JSON bytes (UTF-8). */
    public byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize manifest of " + kind + " " + hash, e);
        }
    }

    /**
     * Parses manifest JSON.
     *
     * @throws IllegalArgumentException when the bytes are not a valid manifest
     */
    public static ArtifactManifest fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ArtifactManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid artifact manifest: " + e.getMessage(), e);
        }
    }
}
