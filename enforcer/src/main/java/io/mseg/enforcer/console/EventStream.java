package io.mseg.enforcer.console;

import java.io.IOException;
import java.time.Duration;

/**
 * An open event stream of the console.
 */
public interface EventStream extends AutoCloseable {

	/**
	 * Waits for the next event or comment.
	 * @param timeout how long to wait
	 * @return it, or {@code null} when nothing arrived in time
	 * @throws IOException when the stream ended or broke
	 * @throws InterruptedException when interrupted
	 */
	SseEvent next(Duration timeout) throws IOException, InterruptedException;

	@Override
	void close();

}
