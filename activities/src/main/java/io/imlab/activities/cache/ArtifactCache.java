package io.imlab.activities.cache;

import io.imlab.activities.store.ArtifactManifest;
import io.imlab.activities.store.ArtifactPublisher;
import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.activities.store.StoredObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content-addressed artifacts in the object store ({@code benches/<hash>/}, {@code mixtures/<hash>/}):
 * listing them and evicting one. An evicted artifact is rebuilt by the next run that needs it.
 */
public final class ArtifactCache {
    private static final List<String> KINDS = List.of("benches", "mixtures");

    private final ObjectStore store;
    private final ArtifactPublisher publisher;

    public ArtifactCache(ObjectStore store) {
        this.store = store;
        this.publisher = new ArtifactPublisher(store);
    }

    /**
     * One cached artifact.
     *
     * @param kind      {@code benches} or {@code mixtures}
     * @param hash      its content hash
     * @param uri       its folder
     * @param files     objects under it
     * @param bytes     their total size
     * @param complete  whether its manifest exists (an incomplete folder is a build that died midway)
     * @param createdBy the experiment that built it, from the manifest
     * @param lastModified when the newest of its objects was written (S3 keeps no access time, so this is
     *                     when it was built); {@code null} where the store does not report it
     */
    public record Entry(String kind, String hash, String uri, int files, long bytes, boolean complete, String createdBy,
                        Instant lastModified) {
    }

    /** Every cached artifact in {@code bucket}, by kind then hash. */
    public List<Entry> list(String bucket) {
        List<Entry> entries = new ArrayList<>();
        for (String kind : KINDS) {
            S3Uri root = S3Uri.parse("s3://" + bucket + "/" + kind + "/");
            Map<String, List<StoredObject>> byHash = new TreeMap<>();
            for (StoredObject object : store.list(root)) {
                String rest = object.uri().key().substring(root.key().length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    byHash.computeIfAbsent(rest.substring(0, slash), h -> new ArrayList<>()).add(object);
                }
            }
            byHash.forEach((hash, objects) -> {
                S3Uri prefix = root.resolve(hash).asPrefix();
                Optional<ArtifactManifest> manifest = publisher.readManifest(prefix);
                entries.add(new Entry(kind, hash, prefix.toString(), objects.size(),
                        objects.stream().mapToLong(StoredObject::size).sum(), manifest.isPresent(),
                        manifest.map(ArtifactManifest::createdBy).orElse(null),
                        objects.stream().map(StoredObject::lastModified).filter(Objects::nonNull)
                                .max(Comparator.naturalOrder()).orElse(null)));
            });
        }
        return entries;
    }

    /**
     * Deletes every cached artifact whose hash starts with {@code hashPrefix} (at least 8 characters, so a
     * typo cannot empty the cache). Returns the evicted entries.
     */
    public List<Entry> evict(String bucket, String hashPrefix) {
        if (hashPrefix == null || hashPrefix.length() < 8) {
            throw new IllegalArgumentException("give at least 8 characters of the hash, got '" + hashPrefix + "'");
        }
        return delete(list(bucket).stream().filter(e -> e.hash().startsWith(hashPrefix)).toList());
    }

    /**
     * Deletes every cached artifact last written before {@code now - age}: complete ones and the remains of
     * builds that died midway alike. An artifact whose write time the store does not report is kept. Since S3
     * keeps no access time, an old artifact that runs still read is evicted too; the next run rebuilds it.
     *
     * @throws IllegalArgumentException when {@code age} is not positive
     */
    public List<Entry> evictOlderThan(String bucket, Duration age, Instant now) {
        if (age == null || age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("--older-than: must be a positive duration, got " + age);
        }
        Instant cutoff = now.minus(age);
        return delete(list(bucket).stream()
                .filter(e -> e.lastModified() != null && e.lastModified().isBefore(cutoff)).toList());
    }

    private List<Entry> delete(List<Entry> evicted) {
        // The manifest goes first so that a concurrent reader never sees a complete artifact with files missing.
        evicted.forEach(e -> {
            S3Uri prefix = S3Uri.parse(e.uri());
            if (store.exists(ArtifactManifest.uriUnder(prefix))) {
                store.deletePrefix(ArtifactManifest.uriUnder(prefix));
            }
            store.deletePrefix(prefix);
        });
        return evicted;
    }
}
