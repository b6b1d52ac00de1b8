package io.mseg.console.networkpolicy;

import java.time.Instant;
import java.util.List;

import io.mseg.console.database.JsonColumns;
import io.mseg.console.object.ManagedObject;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "network_policies")
public class NetworkPolicyEntity extends ManagedObject {

	private String action;

	private String applyPolicyMode;

	@Convert(converter = JsonColumns.Clauses.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<List<String>> subject;

	@Convert(converter = JsonColumns.Clauses.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<List<String>> object;

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> ports = List.of();

	private boolean logsEnabled;

	private boolean observationEnabled;

	private boolean propagate;

	private boolean fallback;

	private boolean disabled;

	private Instant expirationTime;

	@Override
	public boolean canPropagate() {
		return true;
	}

	@Override
	public boolean propagates() {
		return this.propagate;
	}

	String getAction() {
		return this.action;
	}

	void setAction(String action) {
		this.action = action;
	}

	String getApplyPolicyMode() {
		return this.applyPolicyMode;
	}

	void setApplyPolicyMode(String applyPolicyMode) {
		this.applyPolicyMode = applyPolicyMode;
	}

	List<List<String>> getSubject() {
		return this.subject;
	}

	void setSubject(List<List<String>> subject) {
		this.subject = subject;
	}

	List<List<String>> getObject() {
		return this.object;
	}

	void setObject(List<List<String>> object) {
		this.object = object;
	}

	List<String> getPorts() {
		return this.ports;
	}

	void setPorts(List<String> ports) {
		this.ports = ports;
	}

	boolean isLogsEnabled() {
		return this.logsEnabled;
	}

	void setLogsEnabled(boolean logsEnabled) {
		this.logsEnabled = logsEnabled;
	}

	boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	void setPropagate(boolean propagate) {
		this.propagate = propagate;
	}

	boolean isFallback() {
		return this.fallback;
	}

	void setFallback(boolean fallback) {
		this.fallback = fallback;
	}

	boolean isDisabled() {
		return this.disabled;
	}

	void setDisabled(boolean disabled) {
		this.disabled = disabled;
	}

	Instant getExpirationTime() {
		return this.expirationTime;
	}

	void setExpirationTime(Instant expirationTime) {
		this.expirationTime = expirationTime;
	}

}
