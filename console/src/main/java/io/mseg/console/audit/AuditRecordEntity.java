package io.mseg.console.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

@Entity
@Table(name = "audit_records")
class AuditRecordEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant time;

	private String principal;

	private String namespace;

	private String operation;

	private String kind;

	private String objectId;

	private String objectName;

	@ColumnTransformer(write = "?::jsonb")
	private String before;

	@ColumnTransformer(write = "?::jsonb")
	private String after;

	protected AuditRecordEntity() {
	}

	AuditRecordEntity(Instant time, String principal, String namespace, String operation, String kind, String objectId,
			String objectName, String before, String after) {
		this.time = time;
		this.principal = principal;
		this.namespace = namespace;
		this.operation = operation;
		this.kind = kind;
		this.objectId = objectId;
		this.objectName = objectName;
		this.before = before;
		this.after = after;
	}

	Long getId() {
		return this.id;
	}

	Instant getTime() {
		return this.time;
	}

	String getPrincipal() {
		return this.principal;
	}

	String getNamespace() {
		return this.namespace;
	}

	String getOperation() {
		return this.operation;
	}

	String getKind() {
		return this.kind;
	}

	String getObjectId() {
		return this.objectId;
	}

	String getObjectName() {
		return this.objectName;
	}

	String getBefore() {
		return this.before;
	}

	String getAfter() {
		return this.after;
	}

}
