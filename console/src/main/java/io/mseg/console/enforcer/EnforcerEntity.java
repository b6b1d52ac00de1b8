package io.mseg.console.enforcer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.mseg.console.database.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "enforcers")
class EnforcerEntity {

	@Id
	private UUID id;

	private String name;

	private String namespace;

	private UUID enrollmentTokenId;

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> tags = List.of();

	private String certificateSerial;

	private Instant certificateExpiration;

	private boolean revoked;

	private Instant revokeTime;

	private String enforcerVersion;

	private Instant startTime;

	private Instant lastSyncTime;

	private Instant lastContactTime;

	private String enforcementStatus;

	// The last DNS status, all null when the enforcer never reported one.
	private String dnsInterception;

	private Integer dnsLearnedNames;

	private Integer dnsLearnedAddresses;

	private String dnsError;

	// The last workload status (node mode), all null when the enforcer never reported
	// one.
	private String workloadSource;

	private Integer workloadCount;

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> workloadProblems;

	// Totals of what the enforcer reported it could not record, added by the flow reports
	// it sends (io.mseg.console.flow), never written here.
	@Column(insertable = false, updatable = false)
	private long flowRecordsDropped;

	@Column(insertable = false, updatable = false)
	private long flowsUnrecorded;

	private Instant createTime;

	private Instant updateTime;

	@Version
	private long version;

	protected EnforcerEntity() {
	}

	EnforcerEntity(UUID id, String name, String namespace, UUID enrollmentTokenId, List<String> tags, Instant now) {
		this.id = id;
		this.name = name;
		this.namespace = namespace;
		this.enrollmentTokenId = enrollmentTokenId;
		this.tags = tags;
		this.createTime = now;
		this.updateTime = now;
		this.lastContactTime = now;
	}

	void certificateIssued(String serial, Instant expiration, Instant now) {
		this.certificateSerial = serial;
		this.certificateExpiration = expiration;
		this.updateTime = now;
	}

	void revoke(Instant now) {
		this.revoked = true;
		this.revokeTime = now;
		this.updateTime = now;
	}

	void contact(Instant now) {
		this.lastContactTime = now;
	}

	void reportStatus(String enforcerVersion, Instant startTime, Instant lastSyncTime, String enforcementStatus,
			DnsStatus dns, WorkloadStatus workloads, Instant now) {
		this.enforcerVersion = enforcerVersion;
		this.startTime = startTime;
		this.lastSyncTime = lastSyncTime;
		this.enforcementStatus = enforcementStatus;
		this.dnsInterception = (dns != null) ? dns.interception() : null;
		this.dnsLearnedNames = (dns != null) ? dns.learnedNames() : null;
		this.dnsLearnedAddresses = (dns != null) ? dns.learnedAddresses() : null;
		this.dnsError = (dns != null) ? dns.error() : null;
		this.workloadSource = (workloads != null) ? workloads.source() : null;
		this.workloadCount = (workloads != null) ? workloads.count() : null;
		this.workloadProblems = (workloads != null) ? List.copyOf(workloads.problems()) : null;
		this.lastContactTime = now;
		this.updateTime = now;
	}

	UUID getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getNamespace() {
		return this.namespace;
	}

	List<String> getTags() {
		return this.tags;
	}

	String getCertificateSerial() {
		return this.certificateSerial;
	}

	Instant getCertificateExpiration() {
		return this.certificateExpiration;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	Instant getRevokeTime() {
		return this.revokeTime;
	}

	String getEnforcerVersion() {
		return this.enforcerVersion;
	}

	Instant getStartTime() {
		return this.startTime;
	}

	Instant getLastSyncTime() {
		return this.lastSyncTime;
	}

	Instant getLastContactTime() {
		return this.lastContactTime;
	}

	String getEnforcementStatus() {
		return this.enforcementStatus;
	}

	DnsStatus getDns() {
		return (this.dnsInterception != null)
				? new DnsStatus(this.dnsInterception, this.dnsLearnedNames, this.dnsLearnedAddresses, this.dnsError)
				: null;
	}

	WorkloadStatus getWorkloads() {
		return (this.workloadSource != null)
				? new WorkloadStatus(this.workloadSource, this.workloadCount, this.workloadProblems) : null;
	}

	long getFlowRecordsDropped() {
		return this.flowRecordsDropped;
	}

	long getFlowsUnrecorded() {
		return this.flowsUnrecorded;
	}

	Instant getCreateTime() {
		return this.createTime;
	}

	Instant getUpdateTime() {
		return this.updateTime;
	}

}
