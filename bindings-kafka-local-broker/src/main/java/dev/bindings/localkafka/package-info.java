/**
 * A local single-node Kafka broker on a fixed port, restartable on the same port:
 * {@link dev.bindings.localkafka.LocalKafkaBroker}.
 * <p>
 * Why a module of its own: three users need it in three scopes. The sample app starts it
 * from its {@code main} (compile scope), the benchmarks' harness runs it in a JVM of its
 * own (test scope), and the auto-configuration module's outage tests restart it (test
 * scope). The test kit ({@code bindings-spring-boot-starter-test}) cannot serve: it
 * depends on the auto-configuration module, so that module's tests could not depend on it
 * without a cycle, and at compile scope it would put the in-memory bindings'
 * auto-configuration and test libraries into the sample's runtime. This module depends
 * only on Kafka's server classes ({@code kafka_2.13}), not on spring-kafka-test or JUnit,
 * and no starter depends on it; the price is one more artifact for a class, and Kafka's
 * server classes (with Scala) on the classpath of whoever uses it.
 */
@NullMarked
package dev.bindings.localkafka;

import org.jspecify.annotations.NullMarked;
