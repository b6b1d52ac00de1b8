package io.mseg.console.flow;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live tail ({@code GET /flowreports/events}) of this replica's subscribers. Every
 * stored batch is announced to every replica ({@link FlowListener}); a replica with
 * subscribers reads the batch back once and queues each record for the subscribers whose
 * filter it passes. Each subscriber's queue is bounded
 * ({@code mseg.flows.events-backlog}): one that falls that far behind is disconnected,
 * never buffered for without end.
 */
@Component
class FlowEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(FlowEvents.class);

	static final long HEARTBEAT_SECONDS = 15;

	private static final int SENDERS = 2;

	private final FlowReports reports;

	private final FlowProperties properties;

	private final JsonMapper json;

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private volatile ExecutorService senders;

	private volatile ScheduledExecutorService timer;

	FlowEvents(FlowReports reports, FlowProperties properties, JsonMapper json, MeterRegistry meters) {
		this.reports = reports;
		this.properties = properties;
		this.json = json;
		Gauge.builder("mseg.flow.subscribers", this.subscribers, List::size)
			.description("Live tails of flow records open on this replica")
			.register(meters);
	}

	SseEmitter subscribe(FlowFilter filter) {
		SseEmitter emitter = new SseEmitter(0L);
		Subscriber subscriber = new Subscriber(emitter, filter,
				new ArrayBlockingQueue<>(this.properties.eventsBacklog()));
		Runnable forget = () -> this.subscribers.remove(subscriber);
		emitter.onCompletion(forget);
		emitter.onTimeout(forget);
		emitter.onError((error) -> forget.run());
		try {
			emitter.send(SseEmitter.event().comment("connected"));
			this.subscribers.add(subscriber);
		}
		catch (IOException ex) {
			forget.run();
		}
		return emitter;
	}

	boolean hasSubscribers() {
		return !this.subscribers.isEmpty();
	}

	/**
	 * A batch was stored (on any replica): its records go to the subscribers they match.
	 */
	void stored(FlowNotification notification) {
		if (this.subscribers.isEmpty()) {
			return;
		}
		List<FlowReportBody> records = this.reports.batch(notification);
		for (Subscriber subscriber : this.subscribers) {
			for (FlowReportBody record : records) {
				if (subscriber.filter.matches(record) && !offer(subscriber, record)) {
					break;
				}
			}
		}
	}

	private boolean offer(Subscriber subscriber, FlowReportBody record) {
		if (!subscriber.queue.offer(record)) {
			this.subscribers.remove(subscriber);
			log.info("Disconnected a flow report subscriber of {}: it fell {} events behind",
					subscriber.filter.namespace(), this.properties.eventsBacklog());
			subscriber.emitter.complete();
			return false;
		}
		ExecutorService pool = this.senders;
		if (pool != null && subscriber.scheduled.compareAndSet(false, true)) {
			pool.execute(() -> drain(subscriber));
		}
		return true;
	}

	/** Sends what the subscriber's queue holds, on a sender thread. */
	private void drain(Subscriber subscriber) {
		try {
			for (FlowReportBody record = subscriber.queue.poll(); record != null; record = subscriber.queue.poll()) {
				subscriber.emitter.send(SseEmitter.event()
					.name("flowreport")
					.data(this.json.writeValueAsString(record), MediaType.APPLICATION_JSON));
			}
		}
		catch (IOException | IllegalStateException ex) {
			this.subscribers.remove(subscriber);
			subscriber.queue.clear();
		}
		finally {
			subscriber.scheduled.set(false);
		}
		if (!subscriber.queue.isEmpty() && this.subscribers.contains(subscriber)
				&& subscriber.scheduled.compareAndSet(false, true)) {
			this.senders.execute(() -> drain(subscriber));
		}
	}

	private void heartbeat() {
		for (Subscriber subscriber : this.subscribers) {
			try {
				subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
			}
			catch (IOException | IllegalStateException ex) {
				this.subscribers.remove(subscriber);
			}
		}
	}

	@Override
	public void start() {
		this.senders = Executors.newFixedThreadPool(SENDERS, (task) -> daemon(task, "flow-events-send"));
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "flow-events"));
		this.timer.scheduleAtFixedRate(() -> {
			try {
				heartbeat();
			}
			catch (RuntimeException ex) {
				log.warn("Flow event heartbeat failed", ex);
			}
		}, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void stop() {
		this.timer.shutdownNow();
		this.senders.shutdownNow();
		for (Subscriber subscriber : this.subscribers) {
			try {
				subscriber.emitter.send(SseEmitter.event().reconnectTime(1000).comment("shutting down"));
			}
			catch (IOException | IllegalStateException ex) {
				// Already gone.
			}
			subscriber.emitter.complete();
		}
		this.subscribers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.timer != null && !this.timer.isShutdown();
	}

	private record Subscriber(SseEmitter emitter, FlowFilter filter, BlockingQueue<FlowReportBody> queue,
			AtomicBoolean scheduled) {

		Subscriber(SseEmitter emitter, FlowFilter filter, BlockingQueue<FlowReportBody> queue) {
			this(emitter, filter, queue, new AtomicBoolean());
		}

		// Identity, not the components: two subscribers with equal filters are two.
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
