package io.imlab.activities.store;

/**
 * One file of a published artifact, as listed in its {@code manifest.json}.
 *
 * @param path   path relative to the artifact folder, '/'-separated
 * @param size   length in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record ManifestFile(String path, long size, String sha256) {
}
