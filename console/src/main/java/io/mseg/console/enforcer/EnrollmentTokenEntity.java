package io.mseg.console.enforcer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.mseg.console.database.JsonColumns;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "enrollment_tokens")
class EnrollmentTokenEntity {

	@Id
	private UUID id;

	private String name;

	private String namespace;

	private String secretHash;

	private Instant expirationTime;

	private int maxUses;

	private int uses;

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> tags = List.of();

	private boolean revoked;

	private String createdBy;

	private Instant createTime;

	private Instant updateTime;

	@Version
	private long version;

	protected EnrollmentTokenEntity() {
	}

	EnrollmentTokenEntity(UUID id, String name, String namespace, String secretHash, Instant expirationTime,
			int maxUses, List<String> tags, String createdBy, Instant now) {
		this.id = id;
		this.name = name;
		this.namespace = namespace;
		this.secretHash = secretHash;
		this.expirationTime = expirationTime;
		this.maxUses = maxUses;
		this.tags = tags;
		this.createdBy = createdBy;
		this.createTime = now;
		this.updateTime = now;
	}

	/** Why the token cannot enroll anyone at {@code now}, or {@code null} if it can. */
	String unusableReason(Instant now) {
		if (this.revoked) {
			return "the enrollment token '" + this.name + "' was revoked";
		}
		if (!now.isBefore(this.expirationTime)) {
			return "the enrollment token '" + this.name + "' expired at " + this.expirationTime;
		}
		if (this.uses >= this.maxUses) {
			return "the enrollment token '" + this.name + "' was already used (" + this.uses + " of " + this.maxUses
					+ " uses)";
		}
		return null;
	}

	void use(Instant now) {
		this.uses++;
		this.updateTime = now;
	}

	void revoke(Instant now) {
		this.revoked = true;
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

	Instant getExpirationTime() {
		return this.expirationTime;
	}

	int getMaxUses() {
		return this.maxUses;
	}

	int getUses() {
		return this.uses;
	}

	List<String> getTags() {
		return this.tags;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	String getCreatedBy() {
		return this.createdBy;
	}

	Instant getCreateTime() {
		return this.createTime;
	}

}
