package dev.bindings.bench.input;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The work every input variant does with a record, and what the driver reads back: the
 * record's value starts with its sequence number and the time it was (meant to be) sent,
 * <pre>{"seq":0000000042,"t":0000000001234567890,"pad":"xxx…"}</pre> padded to the
 * record's size. {@link #record(byte[])} reads both numbers, counts the record once per
 * sequence number (a second delivery is counted as a duplicate) and keeps its latency:
 * the time from {@code t} to the call, on this JVM's {@link System#nanoTime()} clock (the
 * driver that writes {@code t} runs in the same JVM). Thread-safe; it allocates nothing
 * per record.
 */
public final class InputProbe {

	private static final byte[] SEQ = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TIME = ",\"t\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PAD = ",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);

	private static final int SEQ_DIGITS = 10;

	private static final int TIME_DIGITS = 19;

	private static final int SEQ_OFFSET = SEQ.length;

	private static final int TIME_OFFSET = SEQ_OFFSET + SEQ_DIGITS + TIME.length;

	/** The smallest value: the two numbers, an empty {@code pad} and the closing. */
	public static final int MIN_SIZE = TIME_OFFSET + TIME_DIGITS + PAD.length + 2;

	private final long baseNanos;

	private final AtomicIntegerArray deliveries;

	private final long[] latencies;

	private final AtomicInteger distinct = new AtomicInteger();

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong outOfRange = new AtomicLong();

	private final int expected;

	private final Runnable atFirst;

	private final Runnable atExpected;

	private volatile long firstNanos;

	private volatile long expectedNanos;

	private volatile long lastNanos;

	/**
	 * Create a probe.
	 * @param capacity the number of sequence numbers ({@code 0} to {@code capacity - 1})
	 * @param baseNanos the {@link System#nanoTime()} that {@code t = 0} stands for
	 * @param expected the number of distinct records after which {@code atExpected} runs
	 * @param atFirst runs once, on the thread that handles the first record
	 * @param atExpected runs once, on the thread that handles the {@code expected}-th
	 * distinct record
	 */
	public InputProbe(int capacity, long baseNanos, int expected, Runnable atFirst, Runnable atExpected) {
		this.baseNanos = baseNanos;
		this.deliveries = new AtomicIntegerArray(capacity);
		this.latencies = new long[capacity];
		this.expected = expected;
		this.atFirst = atFirst;
		this.atExpected = atExpected;
	}

	/**
	 * A record's value.
	 * @param seq the sequence number
	 * @param sentNanos {@link System#nanoTime()} when it is (meant to be) sent
	 * @param baseNanos the probe's base
	 * @param size the size of the value, at least {@link #MIN_SIZE}
	 * @return the value
	 */
	public static byte[] value(int seq, long sentNanos, long baseNanos, int size) {
		if (size < MIN_SIZE) {
			throw new IllegalArgumentException("a value takes at least " + MIN_SIZE + " bytes");
		}
		byte[] value = new byte[size];
		Arrays.fill(value, (byte) 'x');
		System.arraycopy(SEQ, 0, value, 0, SEQ.length);
		digits(value, SEQ_OFFSET, SEQ_DIGITS, seq);
		System.arraycopy(TIME, 0, value, SEQ_OFFSET + SEQ_DIGITS, TIME.length);
		digits(value, TIME_OFFSET, TIME_DIGITS, sentNanos - baseNanos);
		System.arraycopy(PAD, 0, value, TIME_OFFSET + TIME_DIGITS, PAD.length);
		value[size - 2] = '"';
		value[size - 1] = '}';
		return value;
	}

	private static void digits(byte[] target, int offset, int length, long number) {
		if (number < 0) {
			throw new IllegalArgumentException("negative: " + number);
		}
		long rest = number;
		for (int i = offset + length - 1; i >= offset; i--) {
			target[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
	}

	private static long parse(byte[] source, int offset, int length) {
		long number = 0;
		for (int i = offset; i < offset + length; i++) {
			number = number * 10 + (source[i] - '0');
		}
		return number;
	}

	/**
	 * Handle one record's value.
	 * @param value the value, as {@link #value} wrote it
	 */
	public void record(byte[] value) {
		long now = System.nanoTime();
		int seq = (int) parse(value, SEQ_OFFSET, SEQ_DIGITS);
		long sent = parse(value, TIME_OFFSET, TIME_DIGITS);
		if (seq >= this.latencies.length) {
			this.outOfRange.incrementAndGet();
			return;
		}
		if (this.deliveries.getAndIncrement(seq) > 0) {
			this.duplicates.incrementAndGet();
			return;
		}
		this.latencies[seq] = now - this.baseNanos - sent;
		this.lastNanos = now;
		int count = this.distinct.incrementAndGet();
		if (count == 1) {
			this.firstNanos = now;
			this.atFirst.run();
		}
		if (count == this.expected) {
			this.expectedNanos = System.nanoTime();
			this.atExpected.run();
		}
	}

	/**
	 * Wait until a number of distinct records were handled.
	 * @param count the number of records
	 * @param timeout how long to wait at most
	 * @return whether they were
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean await(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.distinct.get() < count) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			LockSupport.parkNanos(10_000_000);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		return true;
	}

	/**
	 * The number of distinct records handled.
	 * @return the count
	 */
	public int distinct() {
		return this.distinct.get();
	}

	/**
	 * The number of deliveries of a record handled before.
	 * @return the count
	 */
	public long duplicates() {
		return this.duplicates.get();
	}

	/**
	 * The number of records whose sequence number was outside the capacity.
	 * @return the count
	 */
	public long outOfRange() {
		return this.outOfRange.get();
	}

	/**
	 * When the first record was handled.
	 * @return {@link System#nanoTime()}, or {@code 0} before the first record
	 */
	public long firstNanos() {
		return this.firstNanos;
	}

	/**
	 * When the {@code expected}-th distinct record was handled.
	 * @return {@link System#nanoTime()}, or {@code 0} before
	 */
	public long expectedNanos() {
		return this.expectedNanos;
	}

	/**
	 * When the latest distinct record was handled.
	 * @return {@link System#nanoTime()}, or {@code 0} before the first record
	 */
	public long lastNanos() {
		return this.lastNanos;
	}

	/**
	 * The latencies of a range of records, from the time written in each to its handling;
	 * read after {@link #await} returned {@code true} for them.
	 * @param from the first sequence number
	 * @param to the sequence number after the last
	 * @return the latencies in nanoseconds, sorted
	 */
	public long[] latencies(int from, int to) {
		long[] result = Arrays.copyOfRange(this.latencies, from, to);
		Arrays.sort(result);
		return result;
	}

}
