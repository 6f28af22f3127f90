/**
 * Dapr's gRPC API for output bindings: {@code dapr.proto.runtime.v1.Dapr/InvokeBinding}
 * and {@code GetMetadata} served inside the application, on loopback by default, so that
 * Dapr SDK clients (Java, Go, .NET, Python, JavaScript) work without a sidecar; beside it
 * gRPC's standard health service.
 */
@NullMarked
package dev.bindings.grpc;

import org.jspecify.annotations.NullMarked;
