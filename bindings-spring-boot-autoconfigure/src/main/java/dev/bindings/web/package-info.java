/**
 * Dapr's HTTP API: the bindings endpoint, the envelope parsing and Dapr error bodies, the
 * metadata and health endpoints, and the API token check.
 */
@NullMarked
package dev.bindings.web;

import org.jspecify.annotations.NullMarked;
