package io.mseg.enforcer.agent;

import java.security.GeneralSecurityException;
import java.util.Optional;

import io.mseg.enforcer.console.ConsoleApi;
import io.mseg.enforcer.console.ConsoleConnector;
import io.mseg.enforcer.console.ConsoleException;
import io.mseg.enforcer.enroll.Credentials;
import io.mseg.enforcer.enroll.Enrolled;

/**
 * The enforcer's enrollment and the console client made for its certificate. One HTTP
 * client per certificate: the JDK's client keeps a selector thread, so a new one per
 * reconnection would pile them up during a long outage.
 */
final class ConsoleLink {

	private final ConsoleConnector connector;

	private volatile Enrolled enrolled;

	private volatile ConsoleApi api;

	private Credentials apiCredentials;

	ConsoleLink(ConsoleConnector connector) {
		this.connector = connector;
	}

	/** Known once the agent has started: loaded from the state directory, or enrolled. */
	void enrolled(Enrolled enrolled) {
		this.enrolled = enrolled;
	}

	Enrolled enrolled() {
		return this.enrolled;
	}

	String enforcerId() {
		return this.enrolled.identity().id();
	}

	/**
	 * Makes a client for the current certificate unless the one held is for it.
	 * @throws ConsoleException when the credentials are unusable
	 */
	void connect() throws ConsoleException {
		if (this.api == null || this.apiCredentials != this.enrolled.credentials()) {
			this.api = newClient();
		}
	}

	/**
	 * Takes a renewed certificate and makes a client for it at once.
	 * @param renewed the identity with its new credentials
	 * @throws ConsoleException when the new credentials are unusable (they are kept: the
	 * next {@link #connect()} tries again)
	 */
	void renewed(Enrolled renewed) throws ConsoleException {
		this.enrolled = renewed;
		this.api = newClient();
	}

	/**
	 * The client, after {@link #connect()}.
	 * @return the client last made
	 */
	ConsoleApi api() {
		return this.api;
	}

	/**
	 * The client, if one was made.
	 * @return it, or empty before the first session connected
	 */
	Optional<ConsoleApi> connected() {
		return (this.enrolled != null) ? Optional.ofNullable(this.api) : Optional.empty();
	}

	/**
	 * Sends a batch of flow records over the current client (from the flow log's thread).
	 * @param body the batch
	 * @throws ConsoleException what the console answered, or unreachable before the first
	 * session connected
	 */
	void postFlowReports(String body) throws ConsoleException {
		ConsoleApi client = connected().orElseThrow(() -> new ConsoleException("not connected yet", null));
		client.postFlowReports(this.enrolled.identity().id(), body);
	}

	private ConsoleApi newClient() throws ConsoleException {
		try {
			ConsoleApi client = this.connector.connect(this.enrolled.credentials().sslContext());
			this.apiCredentials = this.enrolled.credentials();
			return client;
		}
		catch (GeneralSecurityException ex) {
			throw new ConsoleException("unusable client credentials: " + ex.getMessage(), ex);
		}
	}

}
