package io.mseg.console.namespace;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.audit.AuditTrail.Operation;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.object.CommonFields;
import io.mseg.console.object.ObjectService;
import io.mseg.console.object.Upserted;
import io.mseg.console.object.Versioned;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.console.web.IfMatch;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The namespace tree: namespaces are created under the request's namespace and managed
 * from their ancestors; a namespace that still holds anything is only deleted on request.
 */
@Service
public class NamespaceService {

	static final String KIND = "namespace";

	private static final Sort ORDER = Sort.by("name");

	private final NamespaceRepository repository;

	private final List<ObjectService<?, ?>> objects;

	private final AuditTrail audit;

	private final PolicyWriteLock writeLock;

	private final Clock clock;

	private final Invalidations invalidations;

	NamespaceService(NamespaceRepository repository, List<ObjectService<?, ?>> objects, AuditTrail audit,
			PolicyWriteLock writeLock, Clock clock, Invalidations invalidations) {
		this.repository = repository;
		this.objects = objects;
		this.audit = audit;
		this.writeLock = writeLock;
		this.clock = clock;
		this.invalidations = invalidations;
	}

	@Transactional(readOnly = true)
	public PageOf<NamespaceBody> list(NamespacePath namespace, boolean recursive, Paging paging) {
		Page<NamespaceEntity> page = recursive
				? this.repository.findDescendants(descendantPattern(namespace), namespace.equals(NamespacePath.ROOT),
						paging.toPageRequest(ORDER))
				: this.repository.findByParent(namespace.value(), paging.toPageRequest(ORDER));
		return new PageOf<>(page.map(NamespaceService::toBody).getContent(), page.getTotalElements());
	}

	@Transactional(readOnly = true)
	public Versioned<NamespaceBody> get(NamespacePath namespace, String id) {
		NamespaceEntity entity = find(id);
		if (!namespace.contains(path(entity))) {
			throw notFound(id);
		}
		return versioned(entity);
	}

	@Transactional
	public Versioned<NamespaceBody> create(NamespacePath parent, NamespaceBody body) {
		this.writeLock.acquire();
		return versioned(create(parent, body, null));
	}

	/**
	 * Creates {@code parent/body.name}; used by the API and by import (with its label).
	 */
	@Transactional
	public NamespaceEntity create(NamespacePath parent, NamespaceBody body, String importLabel) {
		this.writeLock.acquire();
		FieldErrors errors = new FieldErrors();
		NamespacePath path = null;
		if (body.name() == null || body.name().isBlank()) {
			errors.add("name", "is required: the new namespace's name under " + parent);
		}
		else {
			path = errors.parse("name", body.name(), parent::child);
		}
		String description = CommonFields.description(body.description(), errors);
		var annotations = CommonFields.annotations(body.annotations(), errors);
		errors.throwIfAny();
		if (this.repository.existsByName(path.value())) {
			throw ApiException.conflict("namespace " + path + " already exists");
		}
		NamespaceEntity entity = new NamespaceEntity();
		entity.setId(UUID.randomUUID());
		entity.setName(path.value());
		entity.setParent(parent.value());
		entity.setDescription(description);
		entity.setAnnotations(annotations);
		entity.setProtectedObject(Boolean.TRUE.equals(body.protectedObject()));
		entity.setImportLabel(importLabel);
		entity.setCreateTime(this.clock.instant());
		entity.setUpdateTime(entity.getCreateTime());
		NamespaceEntity saved = this.repository.saveAndFlush(entity);
		this.audit.record(Operation.CREATE, KIND, parent.value(), saved.getId().toString(), saved.getName(), null,
				toBody(saved));
		return saved;
	}

	@Transactional
	public Versioned<NamespaceBody> update(NamespacePath namespace, String id, NamespaceBody body, String ifMatch,
			boolean override) {
		this.writeLock.acquire();
		NamespaceEntity entity = findManaged(namespace, id, override);
		IfMatch.check(ifMatch, entity.getVersion(), "namespace " + entity.getName());
		FieldErrors errors = new FieldErrors();
		NamespacePath path = path(entity);
		if (body.name() != null && !body.name().equals(path.value()) && !body.name().equals(path.lastSegment())) {
			errors.add("name", "a namespace cannot be renamed (it is " + path + ")");
		}
		String description = CommonFields.description(body.description(), errors);
		var annotations = CommonFields.annotations(body.annotations(), errors);
		errors.throwIfAny();
		NamespaceBody before = toBody(entity);
		entity.setDescription(description);
		entity.setAnnotations(annotations);
		entity.setProtectedObject(Boolean.TRUE.equals(body.protectedObject()));
		entity.setUpdateTime(this.clock.instant());
		NamespaceEntity saved = this.repository.saveAndFlush(entity);
		this.audit.record(Operation.UPDATE, KIND, saved.getParent(), saved.getId().toString(), saved.getName(), before,
				toBody(saved));
		return versioned(saved);
	}

	/**
	 * Deletes a namespace; with {@code recursive} also its descendants and every object
	 * in them, otherwise only when it is empty (409).
	 */
	@Transactional
	public NamespaceBody delete(NamespacePath namespace, String id, boolean recursive, String ifMatch,
			boolean override) {
		this.writeLock.acquire();
		NamespaceEntity entity = findManaged(namespace, id, override);
		IfMatch.check(ifMatch, entity.getVersion(), "namespace " + entity.getName());
		NamespacePath path = path(entity);
		List<NamespaceEntity> descendants = this.repository.findAllDescendants(descendantPattern(path), false);
		long objectCount = this.objects.stream().mapToLong((service) -> service.countInSubtree(path)).sum();
		if (!recursive && (!descendants.isEmpty() || objectCount > 0)) {
			throw ApiException
				.conflict("namespace " + path + " is not empty (" + descendants.size() + " child namespaces, "
						+ objectCount + " objects); delete them first or repeat with ?recursive=true");
		}
		for (ObjectService<?, ?> service : this.objects) {
			service.removeSubtree(path, override);
		}
		descendants.sort(Comparator.comparing((NamespaceEntity n) -> path(n).depth()).reversed());
		for (NamespaceEntity descendant : descendants) {
			remove(descendant, override);
		}
		return remove(entity, override);
	}

	private NamespaceBody remove(NamespaceEntity entity, boolean override) {
		if (entity.isProtectedObject() && !override) {
			throw protectedNamespace(entity);
		}
		NamespaceBody before = toBody(entity);
		this.repository.delete(entity);
		this.repository.flush();
		this.invalidations.publish(NamespaceDirectory.TOPIC);
		this.audit.record(Operation.DELETE, KIND, entity.getParent(), entity.getId().toString(), entity.getName(),
				before, null);
		return before;
	}

	/**
	 * Makes namespace {@code path} hold {@code body}'s description, annotations and
	 * protection, creating it when absent (import). Its parent must exist.
	 * @return what happened
	 */
	@Transactional
	public Upserted upsert(NamespacePath path, NamespaceBody body, String importLabel, boolean override) {
		this.writeLock.acquire();
		var existing = this.repository.findByName(path.value());
		if (existing.isEmpty()) {
			NamespaceBody child = new NamespaceBody(null, path.lastSegment(), body.description(), body.annotations(),
					body.protectedObject(), null, null);
			create(path.parent().orElseThrow(), child, importLabel);
			return Upserted.CREATED;
		}
		NamespaceEntity entity = existing.get();
		FieldErrors errors = new FieldErrors();
		String description = CommonFields.description(body.description(), errors);
		var annotations = CommonFields.annotations(body.annotations(), errors);
		errors.throwIfAny();
		boolean protect = Boolean.TRUE.equals(body.protectedObject());
		if (description.equals(entity.getDescription()) && annotations.equals(entity.getAnnotations())
				&& protect == entity.isProtectedObject()) {
			return Upserted.UNCHANGED;
		}
		if (entity.isProtectedObject() && !override) {
			throw protectedNamespace(entity);
		}
		NamespaceBody before = toBody(entity);
		entity.setDescription(description);
		entity.setAnnotations(annotations);
		entity.setProtectedObject(protect);
		entity.setUpdateTime(this.clock.instant());
		NamespaceEntity saved = this.repository.saveAndFlush(entity);
		this.audit.record(Operation.UPDATE, KIND, saved.getParent(), saved.getId().toString(), saved.getName(), before,
				toBody(saved));
		return Upserted.UPDATED;
	}

	/** Namespaces of a subtree, parents first (export). */
	@Transactional(readOnly = true)
	public List<NamespaceBody> descendants(NamespacePath namespace) {
		return this.repository.findAllDescendants(descendantPattern(namespace), namespace.equals(NamespacePath.ROOT))
			.stream()
			.sorted(Comparator.comparing(NamespaceEntity::getName))
			.map(NamespaceService::toBody)
			.toList();
	}

	/** A namespace is managed (changed, deleted) from a strict ancestor. */
	private NamespaceEntity findManaged(NamespacePath namespace, String id, boolean override) {
		NamespaceEntity entity = find(id);
		NamespacePath path = path(entity);
		if (!namespace.contains(path)) {
			throw notFound(id);
		}
		if (!namespace.isAncestorOf(path)) {
			throw ApiException.forbidden("namespace " + path + " is managed from its parent namespace");
		}
		if (entity.isProtectedObject() && !override) {
			throw protectedNamespace(entity);
		}
		return entity;
	}

	private NamespaceEntity find(String id) {
		try {
			return this.repository.findById(UUID.fromString(id)).orElseThrow(() -> notFound(id));
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id);
		}
	}

	private static ApiException notFound(String id) {
		return ApiException.notFound("no namespace with ID " + id + " in this namespace");
	}

	private static ApiException protectedNamespace(NamespaceEntity entity) {
		return ApiException.conflict("namespace " + entity.getName()
				+ " is protected; repeat the request with ?override=true to change or delete it");
	}

	static String descendantPattern(NamespacePath namespace) {
		return namespace.value().replace("_", "\\_") + "/%";
	}

	private static NamespacePath path(NamespaceEntity entity) {
		return NamespacePath.parse(entity.getName());
	}

	private static Versioned<NamespaceBody> versioned(NamespaceEntity entity) {
		return new Versioned<>(toBody(entity), entity.getVersion());
	}

	static NamespaceBody toBody(NamespaceEntity e) {
		return new NamespaceBody(e.getId().toString(), e.getName(), e.getDescription(), e.getAnnotations(),
				e.isProtectedObject(), e.getCreateTime(), e.getUpdateTime());
	}

}
