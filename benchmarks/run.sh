#!/usr/bin/env bash
# Benchmarks of the starter against a hand-written KafkaTemplate controller and a no-op endpoint.
#
#   benchmarks/run.sh                      # everything, about 30 minutes on 2 cores
#   AOT=1 PHASES=startup STARTS=7 benchmarks/run.sh   # startup with and without Spring's AOT mode
#   PHASES="throughput" ROUNDS=1 benchmarks/run.sh
#   ENDPOINTS="c c0" SIZES=1024 PHASES="throughput latency" BASELINE_APP_JAR=old.jar benchmarks/run.sh
#   PHASES=input benchmarks/run.sh          # input bindings, Kafka to handler (about 1 hour)
#   PHASES=input INPUT_VARIANTS=handler,listener INPUT_PHASES=throughput INPUT_ROUNDS=7 benchmarks/run.sh
#
# Needs: JDK 17+, Maven, wrk (Debian: apt-get install -y wrk). Builds the module, copies what it
# runs to a temporary folder (a rebuild never touches a running JVM), starts a Kafka broker in
# its own JVM (localhost:$BROKER_PORT) and the bench app in another, and runs each comparison
# interleaved: every round runs each endpoint once, in a rotated order. Writes raw figures
# (*.tsv) and summary.md to $OUT. Bounded by MAX_SECONDS; stops everything it started.
#
# Endpoints of the bench app (one JVM; a, b, b0 on its port, c on the Dapr API's own listener,
# the app's port + 1000):
#   a   POST /noop                  reads the body, answers 204: the HTTP ceiling
#   b   POST /handwritten           Jackson envelope + Boot's KafkaTemplate.send().get(), Boot/Kafka defaults (linger.ms=5)
#   b0  POST /handwritten-linger0   the same with linger.ms=0 (the starter's producer default)
#   c   POST /v1.0/bindings/bench   the starter
#   c0  the same endpoint of another app jar (BASELINE_APP_JAR), for before/after comparisons
#
# The input phase (not in the default PHASES) runs InputBenchDriver in one JVM: the starter's
# input binding delivering to a @BindingListener method (handler) and to the app's own route
# (route), against hand-written @KafkaListener methods (listener: Boot's defaults; listener-record:
# AckMode.RECORD; listener-record-async: the same with asynchronous commits), throughput and
# latency; see docs/benchmarks.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}              # seconds per wrk run
WARMUP=${WARMUP:-4}                  # seconds per warm-up run
LAT_FAST_SECONDS=${LAT_FAST_SECONDS:-10}   # measured seconds at 1000 requests/s
LAT_SLOW_SECONDS=${LAT_SLOW_SECONDS:-16}   # measured seconds at 50 requests/s
STARTS=${STARTS:-5}                  # app starts per variant for startup time
MEMORY_ROUNDS=${MEMORY_ROUNDS:-2}
JMH_ROUNDS=${JMH_ROUNDS:-$ROUNDS}
PHASES=${PHASES:-"startup memory throughput latency profile inprocess"}   # on request: jmh, input
INPROCESS_ROUNDS=${INPROCESS_ROUNDS:-40}   # paired rounds of the in-process comparison
INPROCESS_SECONDS=${INPROCESS_SECONDS:-1}  # seconds per run of each side (short: the pair shares a regime)
INPUT_VARIANTS=${INPUT_VARIANTS:-handler,route,listener,listener-record,listener-record-async}
INPUT_PHASES=${INPUT_PHASES:-throughput,latency}
INPUT_ROUNDS=${INPUT_ROUNDS:-5}            # throughput rounds, each variant once per round
INPUT_RECORDS=${INPUT_RECORDS:-200000}     # records per throughput run, 100 to 1000 bytes
INPUT_PARTITIONS=${INPUT_PARTITIONS:-4}
INPUT_MAX_SECONDS=${INPUT_MAX_SECONDS:-60} # a throughput run is measured up to here at most
INPUT_LATENCY_ROUNDS=${INPUT_LATENCY_ROUNDS:-3}
INPUT_RATES=${INPUT_RATES:-100,1000}       # records/s of the latency runs
INPUT_PROFILE=${INPUT_PROFILE:-true}       # one more throughput run per variant, recorded with JFR
INPUT_CLASSPATH_PREFIX=${INPUT_CLASSPATH_PREFIX:-}  # classes ahead of the starter's, for experiments
MAX_SECONDS=${MAX_SECONDS:-3600}
PORT=${PORT:-18080}
BASELINE_PORT=${BASELINE_PORT:-18081}
BROKER_PORT=${BROKER_PORT:-19092}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xmx1g}
BASELINE_APP_JAR=${BASELINE_APP_JAR:-}
SKIP_BUILD=${SKIP_BUILD:-0}
AOT=${AOT:-0}                        # 1: build with -Pnative (AOT-processed jars); startup also measures app-aot
OUT=${OUT:-$ROOT/benchmarks/results/$(date +%Y%m%d-%H%M%S)}
BROKER="localhost:$BROKER_PORT"
C0_BASE=

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN=$(mktemp -d /tmp/bindings-bench.XXXXXX)
PIDS=()
WATCHDOG=

log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	for pid in "${PIDS[@]}"; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
		fi
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		kill -KILL "$pid" 2>/dev/null || true
	done
	if [[ -n "$WATCHDOG" ]]; then kill "$WATCHDOG" 2>/dev/null || true; fi
	rm -rf "$RUN"
	exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM
( sleep "$MAX_SECONDS"; echo "run.sh: time limit of $MAX_SECONDS s reached" >&2; kill -TERM $$ ) &
WATCHDOG=$!

forget_pid() {
	local keep=() p
	for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
	PIDS=("${keep[@]}")
}

# --- machine -------------------------------------------------------------------------------
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "nproc: $(nproc)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "memory:"; free -h
	echo "java:"; java -version 2>&1
	if command -v wrk > /dev/null; then echo "wrk: $(wrk -v 2>&1 | head -1)"; else echo "wrk: not installed"; fi
	echo "uptime before: $(uptime)"
	echo "settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP LAT_FAST_SECONDS=$LAT_FAST_SECONDS LAT_SLOW_SECONDS=$LAT_SLOW_SECONDS STARTS=$STARTS MEMORY_ROUNDS=$MEMORY_ROUNDS JMH_ROUNDS=$JMH_ROUNDS APP_JAVA_OPTS='$APP_JAVA_OPTS' PHASES='$PHASES' BASELINE_APP_JAR='$BASELINE_APP_JAR' AOT=$AOT"
} > "$OUT/machine.txt"
log "results in $OUT"

# --- build and copy ------------------------------------------------------------------------
if [[ "$SKIP_BUILD" != 1 ]]; then
	log "building"
	if [[ "$AOT" == 1 ]]; then NATIVE_PROFILE=-Pnative; else NATIVE_PROFILE=; fi
	# shellcheck disable=SC2086
	(cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests $NATIVE_PROFILE) >> "$OUT/build.log" 2>&1
fi
T="$ROOT/benchmarks/target"
cp "$T"/benchmarks-*-app.jar "$RUN/app.jar"
cp "$T"/benchmarks-*-plain.jar "$RUN/plain.jar"
cp -r "$T/classes" "$T/test-classes" "$T/harness-lib" "$RUN/"
cp "$ROOT/benchmarks/post.lua" "$RUN/"
if [[ -n "$BASELINE_APP_JAR" ]]; then cp "$BASELINE_APP_JAR" "$RUN/baseline.jar"; fi
HARNESS_CP="$RUN/test-classes:$RUN/classes:$RUN/harness-lib/*"

# --- request bodies: Dapr envelopes whose data is a JSON object of exactly N bytes -----------
for size in 100 1024 32768; do
	printf '{"data":{"message":"%s"},"operation":"create"}' "$(head -c $((size - 14)) /dev/zero | tr '\0' x)" \
		> "$RUN/body-$size.json"
done

# --- processes -----------------------------------------------------------------------------
start_broker() {
	log "starting the broker on $BROKER"
	java -Xmx1g -cp "$HARNESS_CP" dev.bindings.localkafka.LocalKafkaBroker "$BROKER_PORT" "$((BROKER_PORT + 1))" "$RUN/kafka" \
		> "$OUT/broker.log" 2>&1 &
	BROKER_PID=$!
	PIDS+=("$BROKER_PID")
	for _ in $(seq 1 120); do
		if grep -q '^READY' "$OUT/broker.log"; then return 0; fi
		kill -0 "$BROKER_PID" 2>/dev/null || { log "broker died"; tail -20 "$OUT/broker.log"; exit 1; }
		sleep 0.5
	done
	log "broker not ready in 60 s"; exit 1
}

# start_app JAR PORT LOG [ARGS...]: sets APP_PID; waits for Spring Boot's "Started" line
start_app() {
	local jar=$1 port=$2 logfile=$3
	shift 3
	# shellcheck disable=SC2086
	java $APP_JAVA_OPTS ${APP_EXTRA_JAVA_OPTS:-} -jar "$RUN/$jar" --BENCH_PORT="$port" --BENCH_DAPR_PORT="$((port + 1000))" \
		--BENCH_BROKER="$BROKER" "$@" > "$logfile" 2>&1 &
	APP_PID=$!
	PIDS+=("$APP_PID")
	for _ in $(seq 1 600); do
		if grep -q 'Started BenchApplication' "$logfile"; then return 0; fi
		kill -0 "$APP_PID" 2>/dev/null || { log "app $jar died"; tail -30 "$logfile"; exit 1; }
		sleep 0.1
	done
	log "app $jar not started in 60 s"; exit 1
}

# start_variant VARIANT LOG: plain, app, or app-aot (app.jar in Spring's AOT mode; needs AOT=1)
start_variant() {
	if [[ $1 == app-aot ]]; then
		APP_EXTRA_JAVA_OPTS=-Dspring.aot.enabled=true start_app app.jar "$PORT" "$2"
	else
		start_app "$1.jar" "$PORT" "$2"
	fi
}

stop_pid() {
	local pid=$1
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	forget_pid "$pid"
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
json_field() { sed -E "s/.*\"$1\":([0-9.]+).*/\\1/"; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
CLK_TCK=$(getconf CLK_TCK)

url_of() {
	case $1 in
		a) echo "http://localhost:$PORT/noop" ;;
		b) echo "http://localhost:$PORT/handwritten" ;;
		b0) echo "http://localhost:$PORT/handwritten-linger0" ;;
		c) echo "http://localhost:$((PORT + 1000))/v1.0/bindings/bench" ;;
		c0) echo "$C0_BASE/v1.0/bindings/bench" ;;
	esac
}
pid_of() { if [[ $1 == c0 ]]; then echo "$BASELINE_PID"; else echo "$APP_PID"; fi; }
base_of() { if [[ $1 == c0 ]]; then echo "http://localhost:$BASELINE_PORT"; else echo "http://localhost:$PORT"; fi; }

# rotate N WORDS...: the words rotated left by N
rotate() {
	local n=$1
	shift
	local words=("$@") count=$#
	for i in $(seq 0 $((count - 1))); do printf '%s ' "${words[$(((i + n) % count))]}"; done
}

wrk_run() { # URL CONNECTIONS SECONDS BODY
	timeout $(($3 + 30)) wrk -t2 -c"$2" -d"$3s" --timeout 10s -s "$RUN/post.lua" "$1" -- "$4" | grep '^RESULT'
}

warm_up() { # SECONDS ENDPOINTS...
	local seconds=$1 ep size conns
	shift
	for ep in "$@"; do
		for size in 1024 100 32768; do
			for conns in 16 256; do
				wrk_run "$(url_of "$ep")" "$conns" "$seconds" "$RUN/body-$size.json" > /dev/null
			done
		done
	done
}

end_offsets() {
	timeout 60 java -cp "$HARNESS_CP" dev.bindings.bench.EndOffsets "$BROKER" bench-b bench-b0 bench-c bench-c0
}

has_phase() { [[ " $PHASES " == *" $1 "* ]]; }

start_broker

# --- startup time with and without the starter (and in AOT mode, with AOT=1) ----------------
if has_phase startup; then
	VARIANTS="plain app"
	if [[ "$AOT" == 1 ]]; then VARIANTS="plain app app-aot"; fi
	log "startup: $STARTS starts of each of: $VARIANTS, interleaved"
	echo -e "round\tvariant\tprocess_running_s\tstarted_in_s" > "$OUT/startup.tsv"
	for variant in $VARIANTS; do # not measured: brings the jars and the JDK into the page cache
		start_variant "$variant" "$OUT/startup-$variant-0.log"
		stop_pid "$APP_PID"
	done
	for round in $(seq 1 "$STARTS"); do
		# shellcheck disable=SC2086
		for variant in $(rotate "$round" $VARIANTS); do
			start_variant "$variant" "$OUT/startup-$variant-$round.log"
			line=$(grep -m1 'Started BenchApplication' "$OUT/startup-$variant-$round.log")
			started=$(sed -E 's/.* in ([0-9.]+) seconds.*/\1/' <<< "$line")
			running=$(sed -E 's/.*process running for ([0-9.]+)\).*/\1/' <<< "$line")
			echo -e "$round\t$variant\t$running\t$started" >> "$OUT/startup.tsv"
			stop_pid "$APP_PID"
		done
	done
fi

# --- heap after warm-up and RSS with and without the starter ----------------------------------
if has_phase memory; then
	log "memory: $MEMORY_ROUNDS rounds, warm-up then full GC"
	echo -e "round\tvariant\theap_used_mb\theap_committed_mb\tnon_heap_mb\trss_mb\tthreads\tloaded_classes" > "$OUT/memory.tsv"
	for round in $(seq 1 "$MEMORY_ROUNDS"); do
		for variant in $(rotate "$round" plain app); do
			start_app "$variant.jar" "$PORT" "$OUT/memory-$variant-$round.log"
			if [[ $variant == app ]]; then warm_up 2 a b c; else warm_up 2 a b; fi
			stats=$(curl -s -X POST "http://localhost:$PORT/bench/gc")
			sleep 1
			echo -e "$round\t$variant\t$(awk -v b="$(json_field heapUsedBytes <<< "$stats")" 'BEGIN { printf "%.1f", b / 1048576 }')\t$(awk -v b="$(json_field heapCommittedBytes <<< "$stats")" 'BEGIN { printf "%.1f", b / 1048576 }')\t$(awk -v b="$(json_field nonHeapUsedBytes <<< "$stats")" 'BEGIN { printf "%.1f", b / 1048576 }')\t$(rss_mb "$APP_PID")\t$(json_field threads <<< "$stats")\t$(json_field loadedClasses <<< "$stats")" >> "$OUT/memory.tsv"
			stop_pid "$APP_PID"
		done
	done
fi

# --- the app for throughput, latency and profile ---------------------------------------------
# ENDPOINTS (and SIZES) narrow a run to a focused comparison, without b0
if [[ -n "${ENDPOINTS:-}" ]]; then
	LINGER0=
else
	ENDPOINTS="a b c"
	if [[ -n "$BASELINE_APP_JAR" ]]; then ENDPOINTS="a b c c0"; fi
	LINGER0=b0
fi
SIZES=${SIZES:-"100 1024 32768"}
if has_phase throughput || has_phase latency || has_phase profile; then
	start_app app.jar "$PORT" "$OUT/app.log"
	BASELINE_PID=
	if [[ -n "$BASELINE_APP_JAR" ]]; then
		MAIN_PID=$APP_PID
		start_app baseline.jar "$BASELINE_PORT" "$OUT/baseline-app.log" --bindings.components.bench.metadata.publishTopic=bench-c0
		BASELINE_PID=$APP_PID
		APP_PID=$MAIN_PID
		# a baseline from before the API had a listener of its own serves it on the app's port
		C0_BASE="http://localhost:$((BASELINE_PORT + 1000))"
		curl -s -o /dev/null "$C0_BASE/v1.0/healthz" || C0_BASE="http://localhost:$BASELINE_PORT"
	fi
	log "warming up ($ENDPOINTS $LINGER0)"
	# shellcheck disable=SC2086
	warm_up "$WARMUP" $ENDPOINTS $LINGER0
fi

if has_phase throughput; then
	log "throughput: $ROUNDS rounds x payloads 100 B, 1 KB, 32 KB x 16 and 256 connections (and 64 at 1 KB)"
	echo -e "round\tendpoint\tpayload\tconnections\trequests_per_s\tok\tnon2xx\tsocket_errors\tcpu_s_per_1000\talloc_kb_per_request\tp50_ms\tp99_ms" > "$OUT/throughput.tsv"
	end_offsets > "$OUT/offsets-throughput-before.txt"
	for round in $(seq 1 "$ROUNDS"); do
		for size in $SIZES; do
			for conns in 16 64 256; do
				if [[ $conns == 64 && $size != 1024 ]]; then continue; fi
				eps="$ENDPOINTS"
				if [[ $size == 1024 && $conns != 64 ]]; then eps="$eps $LINGER0"; fi
				# shellcheck disable=SC2086
				for ep in $(rotate "$round" $eps); do
					pid=$(pid_of "$ep")
					base=$(base_of "$ep")
					curl -s -X POST "$base/bench/alloc/begin" > /dev/null
					before=$(cpu_ticks "$pid")
					result=$(wrk_run "$(url_of "$ep")" "$conns" "$DURATION" "$RUN/body-$size.json")
					after=$(cpu_ticks "$pid")
					alloc=$(curl -s -X POST "$base/bench/alloc/end" | json_field allocatedBytes)
					requests=$(field requests <<< "$result")
					non2xx=$(field non2xx <<< "$result")
					socket=$(field socket_errors <<< "$result")
					micros=$(field duration_us <<< "$result")
					ok=$((requests - non2xx))
					awk -v r="$round" -v ep="$ep" -v size="$size" -v conns="$conns" -v ok="$ok" -v non2xx="$non2xx" \
						-v socket="$socket" -v us="$micros" -v ticks=$((after - before)) -v tck="$CLK_TCK" \
						-v alloc="$alloc" -v requests="$requests" -v p50="$(field p50_us <<< "$result")" \
						-v p99="$(field p99_us <<< "$result")" 'BEGIN {
							printf "%s\t%s\t%s\t%s\t%.0f\t%d\t%d\t%d\t%.3f\t%.2f\t%.2f\t%.2f\n", r, ep, size, conns,
								ok / (us / 1e6), ok, non2xx, socket, (ticks / tck) / (ok / 1000),
								alloc / requests / 1024, p50 / 1000, p99 / 1000 }' >> "$OUT/throughput.tsv"
					tail -1 "$OUT/throughput.tsv" >> "$OUT/run.log"
				done
			done
		done
	done
	sleep 2
	end_offsets > "$OUT/offsets-throughput-after.txt"
fi

if has_phase latency; then
	log "latency: $ROUNDS rounds x 1000 and 50 requests/s, open loop, 1 KB"
	echo -e "round\tendpoint\trate\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms\tservice_p50_ms\tservice_p99_ms\tmax_lag_ms\tsent\tok\tok_total" > "$OUT/latency.tsv"
	end_offsets > "$OUT/offsets-latency-before.txt"
	for round in $(seq 1 "$ROUNDS"); do
		for rate in 1000 50; do
			if [[ $rate == 1000 ]]; then seconds=$LAT_FAST_SECONDS; warm=2; else seconds=$LAT_SLOW_SECONDS; warm=2; fi
			# shellcheck disable=SC2086
			for ep in $(rotate "$round" $ENDPOINTS $LINGER0); do
				result=$(timeout $((seconds + warm + 60)) java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$HARNESS_CP" \
					dev.bindings.bench.OpenLoopDriver "$(url_of "$ep")" "$rate" "$seconds" "$warm" "$RUN/body-1024.json" "$ep" \
					| grep '^RESULT')
				echo -e "$round\t$ep\t$rate\t$(field p50_ms <<< "$result")\t$(field p90_ms <<< "$result")\t$(field p99_ms <<< "$result")\t$(field p999_ms <<< "$result")\t$(field max_ms <<< "$result")\t$(field service_p50_ms <<< "$result")\t$(field service_p99_ms <<< "$result")\t$(field max_lag_ms <<< "$result")\t$(field sent <<< "$result")\t$(field ok <<< "$result")\t$(field ok_total <<< "$result")" >> "$OUT/latency.tsv"
				tail -1 "$OUT/latency.tsv" >> "$OUT/run.log"
			done
		done
	done
	sleep 2
	end_offsets > "$OUT/offsets-latency-after.txt"
fi

if has_phase profile; then
	log "profile: JFR (settings=profile) during 15 s of 1 KB at 16 connections, for c and b"
	for ep in c b; do
		jcmd "$APP_PID" JFR.start name="bench-$ep" settings=profile > /dev/null
		wrk_run "$(url_of "$ep")" 16 15 "$RUN/body-1024.json" > /dev/null
		jcmd "$APP_PID" JFR.dump name="bench-$ep" filename="$OUT/profile-$ep.jfr" > /dev/null
		jcmd "$APP_PID" JFR.stop name="bench-$ep" > /dev/null
		java -cp "$HARNESS_CP" dev.bindings.bench.JfrSummary "$OUT/profile-$ep.jfr" 20 > "$OUT/profile-$ep.txt"
	done
fi

if [[ -n "${APP_PID:-}" ]] && kill -0 "$APP_PID" 2>/dev/null; then stop_pid "$APP_PID"; fi
if [[ -n "${BASELINE_PID:-}" ]]; then stop_pid "$BASELINE_PID"; fi

# --- in process: BindingClient.invoke vs KafkaTemplate.send().get() (JMH) ---------------------
if has_phase jmh; then
	log "jmh: $JMH_ROUNDS rounds x (rawTemplate, bindingClient) x 1 and 16 threads"
	echo -e "round\tbenchmark\tthreads\tops_per_s\talloc_bytes_per_op" > "$OUT/jmh.tsv"
	for round in $(seq 1 "$JMH_ROUNDS"); do
		for threads in 1 16; do
			for bench in $(rotate "$round" rawTemplate bindingClient); do
				csv="$OUT/jmh-$bench-$threads-$round.csv"
				timeout 300 java -cp "$HARNESS_CP" org.openjdk.jmh.Main "InProcessBenchmark.$bench\$" \
					-f 1 -wi 2 -w 4s -i 3 -r 4s -t "$threads" -prof gc -rf csv -rff "$csv" \
					-jvmArgs "-Xmx1g -Dbench.broker=$BROKER" > "$OUT/jmh-$bench-$threads-$round.log" 2>&1
				score=$(awk -F, -v b="$bench" '$1 ~ ("[.]" b "\"$") { print $5 }' "$csv")
				alloc=$(awk -F, -v b="$bench" '$1 ~ ("[.]" b ":gc[.]alloc[.]rate[.]norm\"$") { print $5 }' "$csv")
				echo -e "$round\t$bench\t$threads\t$score\t$alloc" >> "$OUT/jmh.tsv"
				tail -1 "$OUT/jmh.tsv" >> "$OUT/run.log"
			done
		done
	done
fi

# --- in process, paired: BindingClient.invoke vs KafkaTemplate.send().get() in one JVM ---------
if has_phase inprocess; then
	log "inprocess: $INPROCESS_ROUNDS paired rounds x 1 and 16 threads"
	echo -e "threads\trounds\traw_ops_per_s\tclient_ops_per_s\tratio_median\tratio_p25\tratio_p75\traw_alloc_bytes_per_op\tclient_alloc_bytes_per_op" > "$OUT/inprocess.tsv"
	for threads in 1 16; do
		timeout 600 java -Xmx1g -cp "$HARNESS_CP" dev.bindings.bench.InProcessPairedDriver "$BROKER" "$threads" \
			"$INPROCESS_ROUNDS" "$INPROCESS_SECONDS" > "$OUT/inprocess-$threads.log" 2>&1
		result=$(grep '^RESULT' "$OUT/inprocess-$threads.log")
		echo -e "$threads\t$(field rounds <<< "$result")\t$(field raw_ops_per_s <<< "$result")\t$(field client_ops_per_s <<< "$result")\t$(field ratio_median <<< "$result")\t$(field ratio_p25 <<< "$result")\t$(field ratio_p75 <<< "$result")\t$(field raw_alloc_bytes_per_op <<< "$result")\t$(field client_alloc_bytes_per_op <<< "$result")" >> "$OUT/inprocess.tsv"
		tail -1 "$OUT/inprocess.tsv" >> "$OUT/run.log"
	done
fi

# --- input bindings: Kafka to handler, in one JVM (InputBenchDriver) ---------------------------
if has_phase input; then
	log "input: $INPUT_VARIANTS, $INPUT_PHASES, $INPUT_ROUNDS rounds of $INPUT_RECORDS records, latency at $INPUT_RATES/s"
	echo "input settings: INPUT_VARIANTS=$INPUT_VARIANTS INPUT_PHASES=$INPUT_PHASES INPUT_ROUNDS=$INPUT_ROUNDS INPUT_RECORDS=$INPUT_RECORDS INPUT_PARTITIONS=$INPUT_PARTITIONS INPUT_MAX_SECONDS=$INPUT_MAX_SECONDS INPUT_LATENCY_ROUNDS=$INPUT_LATENCY_ROUNDS INPUT_RATES=$INPUT_RATES INPUT_PROFILE=$INPUT_PROFILE INPUT_CLASSPATH_PREFIX=$INPUT_CLASSPATH_PREFIX" >> "$OUT/machine.txt"
	java -Xmx1g -cp "${INPUT_CLASSPATH_PREFIX:+$INPUT_CLASSPATH_PREFIX:}$HARNESS_CP" dev.bindings.bench.InputBenchDriver \
		"$BROKER" "$OUT" variants="$INPUT_VARIANTS" \
		phases="$INPUT_PHASES" rounds="$INPUT_ROUNDS" records="$INPUT_RECORDS" partitions="$INPUT_PARTITIONS" \
		maxSeconds="$INPUT_MAX_SECONDS" latencyRounds="$INPUT_LATENCY_ROUNDS" rates="$INPUT_RATES" \
		profile="$INPUT_PROFILE" brokerPid="$BROKER_PID" > "$OUT/input.log" 2>&1 &
	INPUT_PID=$!
	PIDS+=("$INPUT_PID")
	wait "$INPUT_PID" || { log "input driver failed"; tail -30 "$OUT/input.log"; exit 1; }
	forget_pid "$INPUT_PID"
	grep -E '^(WARMUP|THROUGHPUT|LATENCY|PROFILE)' "$OUT/input.log" >> "$OUT/run.log" || true
	for jfr in "$OUT"/input-profile-*.jfr; do
		[[ -e "$jfr" ]] || continue
		# the consumer threads: spring-kafka's (name-0-C-1) and the starter's (bindings-name-0-C-1)
		java -cp "$HARNESS_CP" dev.bindings.bench.JfrSummary "$jfr" 25 '.*-C-[0-9]+' > "${jfr%.jfr}.txt"
	done
fi

echo "uptime after: $(uptime)" >> "$OUT/machine.txt"
log "summary"
java -cp "$HARNESS_CP" dev.bindings.bench.BenchReport "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
log "done: $OUT"
