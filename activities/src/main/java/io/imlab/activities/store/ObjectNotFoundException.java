package io.imlab.activities.store;

/** The addressed object (or bucket) does not exist. */
public class ObjectNotFoundException extends ObjectStoreException {

    private static final long serialVersionUID = 1L;

    /**
     * @param uri   the missing object
     * @param cause the client error, or {@code null}
     */
    public ObjectNotFoundException(S3Uri uri, Throwable cause) {
        super("object not found: " + uri, uri, cause);
    }
}
