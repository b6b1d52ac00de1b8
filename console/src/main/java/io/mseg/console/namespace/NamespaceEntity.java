package io.mseg.console.namespace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
@Table(name = "namespaces")
class NamespaceEntity {

	@Id
	private UUID id;

	/** The full path, such as {@code /acme/prod}. */
	private String name;

	private String parent;

	private String description = "";

	@Convert(converter = JsonColumns.Annotations.class)
	@ColumnTransformer(write = "?::jsonb")
	private Map<String, List<String>> annotations = Map.of();

	@Column(name = "protected")
	private boolean protectedObject;

	private String importLabel;

	private Instant createTime;

	private Instant updateTime;

	@Version
	private long version;

	UUID getId() {
		return this.id;
	}

	void setId(UUID id) {
		this.id = id;
	}

	String getName() {
		return this.name;
	}

	void setName(String name) {
		this.name = name;
	}

	String getParent() {
		return this.parent;
	}

	void setParent(String parent) {
		this.parent = parent;
	}

	String getDescription() {
		return this.description;
	}

	void setDescription(String description) {
		this.description = description;
	}

	Map<String, List<String>> getAnnotations() {
		return this.annotations;
	}

	void setAnnotations(Map<String, List<String>> annotations) {
		this.annotations = annotations;
	}

	boolean isProtectedObject() {
		return this.protectedObject;
	}

	void setProtectedObject(boolean protectedObject) {
		this.protectedObject = protectedObject;
	}

	String getImportLabel() {
		return this.importLabel;
	}

	void setImportLabel(String importLabel) {
		this.importLabel = importLabel;
	}

	Instant getCreateTime() {
		return this.createTime;
	}

	void setCreateTime(Instant createTime) {
		this.createTime = createTime;
	}

	Instant getUpdateTime() {
		return this.updateTime;
	}

	void setUpdateTime(Instant updateTime) {
		this.updateTime = updateTime;
	}

	long getVersion() {
		return this.version;
	}

}
