package io.mseg.console.object;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mseg.console.database.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.OptimisticLock;

/**
 * The columns every namespaced object shares: identity, namespace, name, description,
 * tags, annotations, protection, timestamps and the version used for {@code ETag}s.
 */
@MappedSuperclass
public abstract class ManagedObject {

	@Id
	private UUID id;

	private String namespace;

	private String name;

	private String description = "";

	@Column(name = "protected")
	private boolean protectedObject;

	@Convert(converter = JsonColumns.StringList.class)
	@ColumnTransformer(write = "?::jsonb")
	private List<String> associatedTags = List.of();

	@Convert(converter = JsonColumns.Annotations.class)
	@ColumnTransformer(write = "?::jsonb")
	private Map<String, List<String>> annotations = Map.of();

	/** Bookkeeping of import, not content: adopting a label does not change the ETag. */
	@OptimisticLock(excluded = true)
	private String importLabel;

	private Instant createTime;

	private Instant updateTime;

	@Version
	private long version;

	/**
	 * Whether objects of this kind can propagate to the descendants of their namespace.
	 */
	public boolean canPropagate() {
		return false;
	}

	/** Whether this object also applies in the descendants of its namespace. */
	public boolean propagates() {
		return false;
	}

	public UUID getId() {
		return this.id;
	}

	public void setId(UUID id) {
		this.id = id;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public boolean isProtectedObject() {
		return this.protectedObject;
	}

	public void setProtectedObject(boolean protectedObject) {
		this.protectedObject = protectedObject;
	}

	public List<String> getAssociatedTags() {
		return this.associatedTags;
	}

	public void setAssociatedTags(List<String> associatedTags) {
		this.associatedTags = associatedTags;
	}

	public Map<String, List<String>> getAnnotations() {
		return this.annotations;
	}

	public void setAnnotations(Map<String, List<String>> annotations) {
		this.annotations = annotations;
	}

	public String getImportLabel() {
		return this.importLabel;
	}

	public void setImportLabel(String importLabel) {
		this.importLabel = importLabel;
	}

	public Instant getCreateTime() {
		return this.createTime;
	}

	public void setCreateTime(Instant createTime) {
		this.createTime = createTime;
	}

	public Instant getUpdateTime() {
		return this.updateTime;
	}

	public void setUpdateTime(Instant updateTime) {
		this.updateTime = updateTime;
	}

	public long getVersion() {
		return this.version;
	}

}
