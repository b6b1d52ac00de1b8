package io.mseg.console.auth;

import java.time.Instant;
import java.util.UUID;

import io.mseg.console.identity.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "api_tokens")
class ApiTokenEntity {

	@Id
	private UUID id;

	private String name;

	private String namespace;

	private String role;

	private String secretHash;

	private Instant expirationTime;

	private boolean revoked;

	private String createdBy;

	private Instant createTime;

	private Instant updateTime;

	@Version
	private long version;

	protected ApiTokenEntity() {
	}

	ApiTokenEntity(UUID id, String name, String namespace, Role role, String secretHash, Instant expirationTime,
			String createdBy, Instant now) {
		this.id = id;
		this.name = name;
		this.namespace = namespace;
		this.role = role.wireName();
		this.secretHash = secretHash;
		this.expirationTime = expirationTime;
		this.createdBy = createdBy;
		this.createTime = now;
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

	Role getRole() {
		return Role.fromWire(this.role).orElseThrow();
	}

	Instant getExpirationTime() {
		return this.expirationTime;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	void revoke(Instant now) {
		this.revoked = true;
		this.updateTime = now;
	}

	String getCreatedBy() {
		return this.createdBy;
	}

	Instant getCreateTime() {
		return this.createTime;
	}

	Instant getUpdateTime() {
		return this.updateTime;
	}

}
