/**
 * The {@code bindings.redis} output binding type: Dapr's Redis component on Spring Data
 * Redis and Lettuce, with operations {@code create}, {@code get}, {@code delete} and
 * {@code increment} run on Lettuce's asynchronous API.
 */
@NullMarked
package dev.bindings.redis;

import org.jspecify.annotations.NullMarked;
