package io.mseg.console.push;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mseg.console.push.EnforcerPolicies.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The server-sent event streams of the enforcers connected to this replica. Event ids are
 * policy versions: {@code id: <n>}, {@code event: policy}, {@code data: {"version": <n>}}
 * when the enforcer's rendered policy changed; {@code event: resync} when a resumed
 * stream cannot tell what was missed; heartbeat comments in between.
 */
@Component
public class EnforcerStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EnforcerStreams.class);

	/** From how many events a push sends them from several threads. */
	static final int PARALLEL_SENDS_FROM = 64;

	private volatile ExecutorService senders;

	/** What a closing stream tells the enforcer to wait before reconnecting. */
	static final long RECONNECT_HINT_MILLIS = 1000;

	private final EnforcerPolicies policies;

	private final PushProperties properties;

	private final JdbcClient jdbc;

	private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();

	private ScheduledExecutorService timer;

	private final Counter notifications;

	EnforcerStreams(EnforcerPolicies policies, PushProperties properties, JdbcClient jdbc, MeterRegistry meters) {
		this.policies = policies;
		this.properties = properties;
		this.jdbc = jdbc;
		this.notifications = Counter.builder("mseg.notifications.sent")
			.description("Policy events sent to enforcers by this replica")
			.register(meters);
		Gauge.builder("mseg.enforcers.connected", this, EnforcerStreams::connectedEnforcers)
			.description("Enforcers with an event stream open on this replica")
			.register(meters);
	}

	/**
	 * Opens a stream. With {@code Last-Event-ID}, what was missed is replayed at once:
	 * one {@code policy} event if the enforcer's policy changed since, {@code resync} if
	 * the id is unreadable or older than the change log.
	 */
	public SseEmitter open(String enforcerId, String lastEventId) {
		SseEmitter emitter = new SseEmitter(0L);
		List<SseEmitter> own = this.streams.computeIfAbsent(enforcerId, (id) -> new CopyOnWriteArrayList<>());
		List<SseEmitter> closing = new ArrayList<>();
		synchronized (own) {
			own.add(emitter);
			while (own.size() > this.properties.streamsPerEnforcer()) {
				closing.add(own.remove(0));
			}
		}
		for (SseEmitter oldest : closing) {
			log.info("Enforcer {} opened another event stream: closing its oldest", enforcerId);
			oldest.complete();
		}
		Runnable forget = () -> own.remove(emitter);
		emitter.onCompletion(forget);
		emitter.onTimeout(forget);
		emitter.onError((error) -> forget.run());
		Document document = this.policies.current(enforcerId).orElse(null);
		try {
			emitter.send(SseEmitter.event().comment("connected"));
			if (document != null && lastEventId != null) {
				Long last = parse(lastEventId);
				if (last == null || last < oldestRetainedVersion() - 1) {
					send(emitter, "resync", document.version());
				}
				else if (last < document.version()) {
					send(emitter, "policy", document.version());
				}
			}
		}
		catch (IOException ex) {
			forget.run();
		}
		return emitter;
	}

	/**
	 * Recomputes on this replica's push thread, in order, never on the thread that
	 * published.
	 */
	@EventListener
	void policiesChanged(PoliciesChanged change) {
		ScheduledExecutorService pusher = this.timer;
		if (pusher != null && !pusher.isShutdown()) {
			pusher.execute(safely(() -> push(change)));
		}
	}

	private void push(PoliciesChanged change) {
		long start = System.nanoTime();
		Set<String> connected = Set.copyOf(this.streams.keySet());
		List<String> affected = connected.stream().filter(change::affects).toList();
		if (affected.isEmpty()) {
			return;
		}
		// In chunks: the sender threads write a chunk's events while the next chunk is
		// rendered and recorded (recording waits on the database, leaving the cores free
		// to send), and the first enforcers hear of a change before the last are
		// computed.
		List<Future<?>> sending = new ArrayList<>();
		int changed = 0;
		int size = this.properties.recomputeChunk();
		for (int from = 0; from < affected.size(); from += size) {
			List<String> chunk = affected.subList(from, Math.min(affected.size(), from + size));
			List<Document> documents = this.policies.recompute(chunk).stream().filter(Document::changed).toList();
			changed += documents.size();
			sending.addAll(sendAll(documents));
		}
		long recomputed = System.nanoTime();
		awaitAll(sending);
		if (log.isDebugEnabled()) {
			log.debug(
					"Version {}: {} of {} connected enforcers affected, {} changed; recomputed in {} ms, "
							+ "events sent {} ms later",
					change.version(), affected.size(), connected.size(), changed, (recomputed - start) / 1_000_000,
					(System.nanoTime() - recomputed) / 1_000_000);
		}
	}

	/**
	 * Each send encrypts and writes on the calling thread: many are spread over this
	 * replica's sender threads ({@code mseg.push.sender-threads}, its own pool, since a
	 * write to a slow enforcer blocks its thread); a few are sent at once.
	 * @return the sends still running
	 */
	private List<Future<?>> sendAll(List<Document> documents) {
		ExecutorService pool = this.senders;
		if (documents.size() < PARALLEL_SENDS_FROM || pool == null || pool.isShutdown()) {
			documents.forEach(this::sendPolicyEvent);
			return List.of();
		}
		int shares = this.properties.senders();
		List<Future<?>> sending = new ArrayList<>();
		for (int share = 0; share < shares; share++) {
			List<Document> part = share(documents, share, shares);
			sending.add(pool.submit(() -> part.forEach(this::sendPolicyEvent)));
		}
		return sending;
	}

	private static void awaitAll(List<Future<?>> sending) {
		for (Future<?> send : sending) {
			try {
				send.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException ex) {
				log.warn("Sending policy events failed", ex.getCause());
			}
		}
	}

	private static List<Document> share(List<Document> documents, int share, int shares) {
		int size = documents.size();
		return documents.subList(share * size / shares, (share + 1) * size / shares);
	}

	private void sendPolicyEvent(Document document) {
		String enforcerId = document.body().enforcerId();
		List<SseEmitter> emitters = this.streams.getOrDefault(enforcerId, List.of());
		for (SseEmitter emitter : emitters) {
			try {
				send(emitter, "policy", document.version());
				this.notifications.increment();
			}
			catch (IOException | IllegalStateException ex) {
				emitters.remove(emitter);
			}
		}
	}

	double connectedEnforcers() {
		return this.streams.values().stream().filter((emitters) -> !emitters.isEmpty()).count();
	}

	int openStreams() {
		return this.streams.values().stream().mapToInt(List::size).sum();
	}

	private static void send(SseEmitter emitter, String name, long version) throws IOException {
		emitter.send(SseEmitter.event()
			.id(Long.toString(version))
			.name(name)
			.data("{\"version\":" + version + "}", org.springframework.http.MediaType.APPLICATION_JSON));
	}

	private void heartbeat() {
		this.streams.forEach((enforcerId, emitters) -> {
			for (SseEmitter emitter : emitters) {
				try {
					emitter.send(SseEmitter.event().comment("heartbeat"));
				}
				catch (IOException | IllegalStateException ex) {
					emitters.remove(emitter);
					emitter.completeWithError(ex);
				}
			}
		});
		this.streams.values().removeIf(List::isEmpty);
	}

	/** The enforcers with an event stream open on this replica. */
	public Set<String> connectedEnforcerIds() {
		Set<String> connected = new java.util.HashSet<>();
		this.streams.forEach((enforcerId, emitters) -> {
			if (!emitters.isEmpty()) {
				connected.add(enforcerId);
			}
		});
		return connected;
	}

	private long oldestRetainedVersion() {
		return this.jdbc
			.sql("select coalesce(min(version), (select version + 1 from policy_state)) from policy_changes")
			.query(Long.class)
			.single();
	}

	private static Long parse(String lastEventId) {
		try {
			return Long.parseLong(lastEventId.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public void start() {
		AtomicInteger senderNumber = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(this.properties.senders(), (task) -> {
			Thread thread = new Thread(task, "enforcer-streams-send-" + senderNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "enforcer-streams");
			thread.setDaemon(true);
			return thread;
		});
		long heartbeat = this.properties.heartbeatInterval().toMillis();
		this.timer.scheduleAtFixedRate(safely(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
	}

	private static Runnable safely(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("Enforcer stream upkeep failed", ex);
			}
		};
	}

	/**
	 * Closes every stream before the web server's graceful shutdown waits for requests to
	 * end, with a retry hint so that enforcers reconnect (to another replica) at once.
	 */
	@Override
	public void stop() {
		this.timer.shutdownNow();
		this.senders.shutdownNow();
		this.streams.values().forEach((emitters) -> emitters.forEach((emitter) -> {
			try {
				emitter.send(SseEmitter.event().reconnectTime(RECONNECT_HINT_MILLIS).comment("shutting down"));
			}
			catch (IOException | IllegalStateException ex) {
				// Already gone.
			}
			emitter.complete();
		}));
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.timer != null && !this.timer.isShutdown();
	}

}
