package io.imlab.activities.store;

/** An artifact folder has no {@code manifest.json}: it was never published or its upload did not finish. */
public class ArtifactNotPublishedException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    /** @param prefix the artifact folder */
    public ArtifactNotPublishedException(S3Uri prefix) {
        super("artifact " + prefix.asPrefix() + " is not published or incomplete: no "
                + ArtifactManifest.FILE_NAME, prefix, null);
    }
}
