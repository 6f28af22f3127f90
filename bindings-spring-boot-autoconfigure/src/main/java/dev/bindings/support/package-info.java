/**
 * What several binding types and the registry share, internal to the starter: describing
 * a failure, keeping secrets out of messages, bounded executors, the response size limit.
 */
@NullMarked
package dev.bindings.support;

import org.jspecify.annotations.NullMarked;
