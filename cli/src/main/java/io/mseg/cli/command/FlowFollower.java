package io.mseg.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.mseg.cli.CliException;
import io.mseg.cli.ExitCodes;
import io.mseg.cli.http.ApiRefusedException;
import io.mseg.cli.http.ConsoleClient;
import io.mseg.cli.http.ServerSentEvent;
import io.mseg.cli.output.Documents;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code msegctl flows --follow}: the console's stream of new flow records, handed on one
 * by one until interrupted, reconnecting with a growing pause when the stream ends or
 * breaks (a console restarting, a proxy's idle timeout).
 */
final class FlowFollower {

	static final String PATH = "/flowreports/events";

	static final String EVENT = "flowreport";

	static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

	private final ConsoleClient client;

	private final Sleeper sleeper;

	private final PrintWriter err;

	private String lastEventId;

	/**
	 * Whether a stream was ever opened: after that, an unreachable console is waited for.
	 */
	private boolean everOpened;

	/**
	 * Whether the last attempt opened a stream: the pause starts again from the first.
	 */
	private boolean opened;

	FlowFollower(ConsoleClient client, Sleeper sleeper, PrintWriter err) {
		this.client = client;
		this.sleeper = sleeper;
		this.err = err;
	}

	/**
	 * Hands each new record that passes the filters to {@code records}; returns only by
	 * an exception: refused (401, 403, a filter the console refuses), unreachable at the
	 * first connection, or interrupted.
	 * @param filters the query filters
	 * @param firstOpened runs once, when the first stream is open and before any of its
	 * records is handed over (the recent records are listed then)
	 * @param records receives each new record
	 */
	void follow(Map<String, String> filters, Runnable firstOpened, Consumer<JsonNode> records) {
		Duration pause = FIRST_PAUSE;
		while (true) {
			this.opened = false;
			String why;
			try {
				this.client.events(PATH, filters, this.lastEventId, new ConsoleClient.EventListener() {

					@Override
					public void opened() {
						FlowFollower.this.opened = true;
						if (!FlowFollower.this.everOpened) {
							FlowFollower.this.everOpened = true;
							firstOpened.run();
						}
					}

					@Override
					public void event(ServerSentEvent event) {
						FlowFollower.this.lastEventId = event.id();
						if (EVENT.equals(event.name())) {
							record(event, records);
						}
					}

				});
				why = "the console ended the stream of new records";
			}
			catch (ApiRefusedException ex) {
				if (ex.status() == 401 || ex.status() == 403) {
					throw new CliException(ExitCodes.API_REFUSED,
							ex.getMessage() + System.lineSeparator() + "  --follow reads GET " + PATH
									+ ", which needs a token with the admin role in " + this.client.namespaceForHumans()
									+ " (without --follow, a viewer token is enough)",
							ex);
				}
				if (ex.status() < 500) {
					throw ex;
				}
				why = ex.getMessage();
			}
			catch (CliException ex) {
				if (ex.exitCode() != ExitCodes.UNREACHABLE || !this.everOpened) {
					throw ex;
				}
				why = ex.getMessage();
			}
			if (this.opened) {
				pause = FIRST_PAUSE;
			}
			this.err.println("warning: " + why + "; reconnecting in " + pause.toSeconds()
					+ " s (records stored meanwhile are not shown)");
			this.err.flush();
			try {
				this.sleeper.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting to reconnect to the console");
			}
			pause = (pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0) ? LONGEST_PAUSE : pause.multipliedBy(2);
		}
	}

	private void record(ServerSentEvent event, Consumer<JsonNode> records) {
		JsonNode record;
		try {
			record = Documents.JSON.readTree(event.data());
		}
		catch (JacksonException ex) {
			this.err.println("warning: skipped a " + EVENT + " event whose data is not JSON");
			return;
		}
		records.accept(record);
	}

	/** How the follower waits before reconnecting; tests do not wait. */
	interface Sleeper {

		Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

		void sleep(Duration duration) throws InterruptedException;

	}

}
