package io.imlab.activities.store;

/** An object store operation failed; the message names the operation and the URI. */
public class ObjectStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The URI the failed operation addressed. */
    private final String uri;

    /**
     * @param message what failed, including the URI
     * @param uri     the addressed URI
     * @param cause   the client error, or {@code null}
     */
    public ObjectStoreException(String message, S3Uri uri, Throwable cause) {
        super(message, cause);
        this.uri = uri.toString();
    }

    /** The URI the failed operation addressed, as text. */
    public String uri() {
        return uri;
    }
}
