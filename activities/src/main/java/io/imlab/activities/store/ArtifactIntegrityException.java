package io.imlab.activities.store;

/** A published artifact does not match its manifest (wrong size or SHA-256, or an unsafe path). */
public class ArtifactIntegrityException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what does not match, with expected and actual values
     * @param uri     the offending object
     */
    public ArtifactIntegrityException(String message, S3Uri uri) {
        super(message, uri, null);
    }
}
