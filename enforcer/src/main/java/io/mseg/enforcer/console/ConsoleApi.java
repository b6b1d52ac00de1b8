package io.mseg.enforcer.console;

import java.util.List;
import java.util.Map;

/**
 * The console's enforcer endpoints over mutual TLS (or the pinned CA for enrollment).
 * {@link HttpConsoleClient} talks HTTPS; agent tests use a scripted fake.
 */
public interface ConsoleApi {

	/**
	 * Enrolls ({@code POST /enforcers} with the enrollment token as bearer).
	 * @param token the whole enrollment token
	 * @param name the enforcer's name
	 * @param csrPem its certificate request
	 * @return its identity and certificates
	 * @throws ConsoleException when unreachable or refused
	 */
	Certificates enroll(String token, String name, String csrPem) throws ConsoleException;

	/**
	 * Renews the client certificate.
	 * @param enforcerId the enforcer's ID
	 * @param csrPem a request for a new key
	 * @return the new certificate
	 * @throws ConsoleException when unreachable or refused
	 */
	Certificates renew(String enforcerId, String csrPem) throws ConsoleException;

	/**
	 * Declares the processing units this enforcer protects (replacing earlier ones).
	 * @param enforcerId the enforcer's ID
	 * @param units the units
	 * @throws ConsoleException when unreachable or refused
	 */
	void registerUnits(String enforcerId, List<ReportedUnit> units) throws ConsoleException;

	/**
	 * Reports the enforcer's status.
	 * @param enforcerId the enforcer's ID
	 * @param status the status
	 * @throws ConsoleException when unreachable or refused
	 */
	void poke(String enforcerId, Status status) throws ConsoleException;

	/**
	 * Fetches the index of the rendered policy in sections.
	 * @param enforcerId the enforcer's ID
	 * @param etag the ETag of the index held, or {@code null}
	 * @return the index, or not-modified
	 * @throws ConsoleException when unreachable or refused
	 */
	Fetched fetchPolicyIndex(String enforcerId, String etag) throws ConsoleException;

	/**
	 * Fetches sections of the rendered policy, each checked against its name.
	 * @param enforcerId the enforcer's ID
	 * @param names at most {@link #MAX_SECTIONS} section names
	 * @return each section's JSON by name
	 * @throws ConsoleException when unreachable or refused: status 409 when a section is
	 * no longer part of the policy (fetch the index again)
	 */
	Map<String, String> fetchSections(String enforcerId, List<String> names) throws ConsoleException;

	/** The most section names one request may ask for. */
	int MAX_SECTIONS = 10_000;

	/**
	 * Sends a batch of flow records ({@code POST /enforcers/{id}/flowreports}).
	 * @param enforcerId this enforcer
	 * @param body the batch, as the flow log spooled it
	 * @throws ConsoleException unless the console stored it ({@code 204})
	 */
	void postFlowReports(String enforcerId, String body) throws ConsoleException;

	/**
	 * Opens the event stream.
	 * @param enforcerId the enforcer's ID
	 * @param lastEventId the id of the last event seen, or {@code null}
	 * @return the open stream
	 * @throws ConsoleException when unreachable or refused
	 */
	EventStream events(String enforcerId, String lastEventId) throws ConsoleException;

}
