package io.mseg.enforcer.console;

import java.time.Duration;

/**
 * A request to the console failed: unreachable ({@link #status()} 0), or answered with an
 * error status and the problem's {@code detail}.
 */
public class ConsoleException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient Duration retryAfter;

	public ConsoleException(String message, Throwable cause) {
		super(message, cause);
		this.status = 0;
		this.retryAfter = null;
	}

	public ConsoleException(int status, String message, Duration retryAfter) {
		super(message);
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status.
	 * @return the status, 0 when the console could not be reached at all
	 */
	public int status() {
		return this.status;
	}

	public boolean unreachable() {
		return this.status == 0;
	}

	/**
	 * How long the console asked to wait ({@code Retry-After}).
	 * @return the delay, or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
