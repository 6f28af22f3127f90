/**
 * Dapr's gRPC API for output bindings: {@code dapr.proto.runtime.v1.Dapr/InvokeBinding} served
 * inside the application, so that Dapr SDK clients (Java, Go, .NET, Python) work without a
 * sidecar.
 */
@NullMarked
package dev.bindings.grpc;

import org.jspecify.annotations.NullMarked;
