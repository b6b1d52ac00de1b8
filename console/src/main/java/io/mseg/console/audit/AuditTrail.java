package io.mseg.console.audit;

import java.sql.Types;
import java.time.Clock;

import io.mseg.console.database.InsertsAtCommit;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every change (who, when, which object, before and after) in the same
 * transaction as the change itself (written when it commits, in one batch), so a refused
 * or rolled-back change leaves no record; and tells the rest of the console about it
 * ({@link ObjectChanged}, same transaction).
 */
@Component
public class AuditTrail {

	/** What happened to an object. */
	public enum Operation {

		CREATE, UPDATE, DELETE

	}

	private static final String INSERT = "insert into audit_records "
			+ "(time, principal, namespace, operation, kind, object_id, object_name, before, after) "
			+ "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)";

	private final InsertsAtCommit inserts;

	private final JsonMapper json;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	AuditTrail(InsertsAtCommit inserts, JsonMapper json, Clock clock, ApplicationEventPublisher events) {
		this.inserts = inserts;
		this.json = json;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Records one change; {@code before} is {@code null} for a creation and {@code after}
	 * for a deletion. Bodies are stored as the API shows them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Operation operation, String kind, String namespace, String objectId, String objectName,
			Object before, Object after) {
		recordAs(Principals.current(), operation, kind, namespace, objectId, objectName, before, after);
	}

	/**
	 * Records one change the console makes on its own behalf, naming what made it (such
	 * as {@code feed https://...}) where a request would name its caller.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAs(String actor, Operation operation, String kind, String namespace, String objectId,
			String objectName, Object before, Object after) {
		this.inserts.add(INSERT, java.sql.Timestamp.from(this.clock.instant()), actor, namespace,
				operation.name().toLowerCase(java.util.Locale.ROOT), kind, objectId, objectName, jsonText(before),
				jsonText(after));
		this.events.publishEvent(new ObjectChanged(kind, objectId, namespace));
	}

	/**
	 * Typed, so that a null needs no question to the database about the column's type.
	 */
	private SqlParameterValue jsonText(Object body) {
		return new SqlParameterValue(Types.VARCHAR, (body != null) ? this.json.writeValueAsString(body) : null);
	}

}
