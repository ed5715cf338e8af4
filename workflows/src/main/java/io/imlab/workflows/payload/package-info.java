/**
 * Workflow and activity payloads: small immutable records (URIs, hashes, numbers, specs) that travel
 * through Temporal's history with its default Jackson data converter. Never datasets or tensors:
 * history blobs are capped at 2 MB, so artifacts stay in the object store and payloads point at them.
 */
package io.imlab.workflows.payload;
