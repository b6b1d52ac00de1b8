package io.mseg.enforcer.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.mseg.enforcer.console.Certificates;
import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleConnector;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.console.EventStream;
import io.mseg.enforcer.console.Fetched;
import io.mseg.enforcer.console.ReportedUnit;
import io.mseg.enforcer.console.SseEvent;
import io.mseg.enforcer.console.Status;
import io.mseg.enforcer.enroll.Pem;

/**
 * A scripted console for agent tests: it serves one rendered policy, holds event streams
 * the test writes to, issues certificates from a {@link TestPki}, and can be made
 * unreachable. Its streams wait on the test's {@link FakeTime}, as the agent does.
 */
public final class FakeConsole implements ConsoleApi, ConsoleConnector {

	public static final String ENFORCER_ID = "0b7c1a52-0000-4000-8000-000000000001";

	private static final Object BROKEN = new Object();

	private final TestPki pki;

	private final FakeTime time;

	private final Duration lifetime;

	/** What every request fails with, or {@code null}. */
	private volatile Supplier<ConsoleException> failure;

	/** Whether renewals are answered 503 (the rest works). */
	public volatile boolean renewalsRefused;

	private volatile Sectioned policy;

	private volatile String etag;

	/** Runs at the start of every sections request (once, then cleared). */
	public volatile Runnable beforeSections;

	/** The section names of every sections request, in order. */
	public final List<List<String>> sectionRequests = new CopyOnWriteArrayList<>();

	private final List<Stream> streams = new CopyOnWriteArrayList<>();

	public final List<String> lastEventIds = new CopyOnWriteArrayList<>();

	public final List<List<ReportedUnit>> registrations = new CopyOnWriteArrayList<>();

	public final List<Status> pokes = new CopyOnWriteArrayList<>();

	/** The flow report batches received. */
	public final List<String> flowReports = new CopyOnWriteArrayList<>();

	public final AtomicInteger fetches = new AtomicInteger();

	public final AtomicInteger enrollments = new AtomicInteger();

	public final AtomicInteger renewals = new AtomicInteger();

	/** Renewal requests, refused or not. */
	public final AtomicInteger renewalAttempts = new AtomicInteger();

	public final AtomicInteger connections = new AtomicInteger();

	/** Requests refused because the console was unreachable or unavailable. */
	public final AtomicInteger refused = new AtomicInteger();

	public FakeConsole(TestPki pki, FakeTime time, Duration lifetime) {
		this.pki = pki;
		this.time = time;
		this.lifetime = lifetime;
	}

	/**
	 * Serves a new policy, given whole, in sections of two rules (the ETag is the index's
	 * hash, like the console's).
	 */
	public void policy(String json) {
		Sectioned sectioned = Sectioned.of(json, 2);
		this.policy = sectioned;
		this.etag = "\"" + Integer.toHexString(sectioned.index().hashCode()) + "\"";
	}

	/** Serves the same content under another ETag (e.g. another replica's hash). */
	public void retag(String tag) {
		this.etag = "\"" + tag + "\"";
	}

	public void reachable(boolean reachable) {
		failWith(reachable ? null : () -> new ConsoleException("cannot reach the console: Connection refused",
				new IOException("refused")));
	}

	/** Breaks the streams and answers every request 503 with this Retry-After. */
	public void unavailable(Duration retryAfter) {
		failWith(() -> new ConsoleException(503, "the console answered 503: shutting down", retryAfter));
	}

	private void failWith(Supplier<ConsoleException> failure) {
		this.failure = failure;
		if (failure != null) {
			this.streams.forEach(Stream::breakOff);
		}
		this.time.wakeUp();
	}

	/** Sends an event to every open stream. */
	public void send(SseEvent event) {
		this.streams.forEach((stream) -> stream.items.offer(event));
		this.time.wakeUp();
	}

	public int openStreams() {
		return (int) this.streams.stream().filter((stream) -> !stream.closed).count();
	}

	@Override
	public ConsoleApi connect(SSLContext tls) {
		this.connections.incrementAndGet();
		return this;
	}

	@Override
	public Certificates enroll(String token, String name, String csrPem) throws ConsoleException {
		check();
		this.enrollments.incrementAndGet();
		return certificates(name, csrPem);
	}

	@Override
	public Certificates renew(String enforcerId, String csrPem) throws ConsoleException {
		check();
		this.renewalAttempts.incrementAndGet();
		if (this.renewalsRefused) {
			throw new ConsoleException(503, "the console answered 503: renewals paused", null);
		}
		this.renewals.incrementAndGet();
		return certificates("renewed", csrPem);
	}

	@Override
	public void registerUnits(String enforcerId, List<ReportedUnit> units) throws ConsoleException {
		check();
		this.registrations.add(units);
	}

	@Override
	public void poke(String enforcerId, Status status) throws ConsoleException {
		check();
		this.pokes.add(status);
	}

	@Override
	public void postFlowReports(String enforcerId, String body) throws ConsoleException {
		check();
		this.flowReports.add(body);
	}

	@Override
	public Fetched fetchPolicyIndex(String enforcerId, String ifNoneMatch) throws ConsoleException {
		check();
		this.fetches.incrementAndGet();
		if (this.policy == null) {
			throw new ConsoleException(404, "no policy", null);
		}
		if (this.etag.equals(ifNoneMatch)) {
			return new Fetched(null, this.etag);
		}
		return new Fetched(this.policy.index(), this.etag);
	}

	@Override
	public Map<String, String> fetchSections(String enforcerId, List<String> names) throws ConsoleException {
		check();
		Runnable before = this.beforeSections;
		this.beforeSections = null;
		if (before != null) {
			before.run();
		}
		this.sectionRequests.add(List.copyOf(names));
		Map<String, String> found = new LinkedHashMap<>();
		for (String name : names) {
			String json = this.policy.sections().get(name);
			if (json == null) {
				throw new ConsoleException(409, "the rendered policy changed: fetch the index again", null);
			}
			found.put(name, json);
		}
		return found;
	}

	@Override
	public EventStream events(String enforcerId, String lastEventId) throws ConsoleException {
		check();
		this.lastEventIds.add(String.valueOf(lastEventId));
		Stream stream = new Stream();
		this.streams.add(stream);
		return stream;
	}

	private void check() throws ConsoleException {
		Supplier<ConsoleException> failing = this.failure;
		if (failing != null) {
			this.refused.incrementAndGet();
			throw failing.get();
		}
	}

	private Certificates certificates(String name, String csrPem) {
		Instant now = this.time.now();
		var certificate = this.pki.signRequest(csrPem, now, now.plus(this.lifetime));
		try {
			return new Certificates(ENFORCER_ID, name, "/acme", Pem.encode("CERTIFICATE", certificate.getEncoded()),
					Pem.encode("CERTIFICATE", this.pki.ca().getEncoded()), now.plus(this.lifetime));
		}
		catch (java.security.cert.CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private final class Stream implements EventStream {

		final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

		volatile boolean closed;

		void breakOff() {
			this.items.offer(BROKEN);
		}

		@Override
		public SseEvent next(Duration timeout) throws IOException, InterruptedException {
			FakeConsole.this.time.await(timeout, () -> !this.items.isEmpty());
			Object item = this.items.poll();
			if (item == BROKEN || this.closed) {
				this.items.offer(BROKEN);
				throw new IOException("the console closed the event stream");
			}
			return (SseEvent) item;
		}

		@Override
		public void close() {
			this.closed = true;
			this.items.offer(BROKEN);
			FakeConsole.this.time.wakeUp();
		}

	}

}
