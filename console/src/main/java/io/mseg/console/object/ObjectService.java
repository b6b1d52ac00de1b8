package io.mseg.console.object;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mseg.console.audit.AuditTrail;
import io.mseg.console.audit.AuditTrail.Operation;
import io.mseg.console.database.InvalidatedCache;
import io.mseg.console.database.Invalidations;
import io.mseg.console.database.PolicyWriteLock;
import io.mseg.console.database.PolicyWrites;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.console.web.IfMatch;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;

/**
 * Create, read, update and delete for one kind of namespaced object, with the rules all
 * kinds share: visibility through namespaces and propagation, unique names per namespace,
 * protection, optimistic concurrency and the audit trail.
 *
 * @param <E> the entity
 * @param <D> the body
 */
public class ObjectService<E extends ManagedObject, D extends ObjectBody> {

	private static final Sort ORDER = Sort.by("namespace", "name");

	/** Objects of a kind held for reads (a processing unit's body is 1 to 2 KB). */
	private static final int CACHED_OBJECTS = 20_000;

	/** List pages of a kind held for reads: their objects' IDs and the total. */
	private static final int CACHED_PAGES = 2_000;

	/** The longest an object or a page is held; changes empty the caches at once. */
	private static final Duration CACHE_LIFETIME = Duration.ofMinutes(1);

	private final ObjectKind<E, D> kind;

	private final ObjectRepository<E> repository;

	private final AuditTrail audit;

	private final PolicyWriteLock writeLock;

	private final Clock clock;

	private final boolean kindPropagates;

	private final Class<E> entityClass;

	private final Invalidations invalidations;

	private final String cacheTopic;

	private final InvalidatedCache<UUID, StoredObject<D>> stored;

	private final InvalidatedCache<PageQuery, PageIds> pages;

	@PersistenceContext
	private EntityManager entities;

	protected ObjectService(ObjectKind<E, D> kind, ObjectRepository<E> repository, AuditTrail audit,
			PolicyWriteLock writeLock, Clock clock, Invalidations invalidations) {
		this.kind = kind;
		this.repository = repository;
		this.audit = audit;
		this.writeLock = writeLock;
		this.clock = clock;
		this.kindPropagates = kind.newEntity().canPropagate();
		this.entityClass = entityClass(kind);
		this.invalidations = invalidations;
		this.cacheTopic = "objects:" + kind.identity();
		this.stored = new InvalidatedCache<>(invalidations, this.cacheTopic, CACHE_LIFETIME, CACHED_OBJECTS);
		this.pages = new InvalidatedCache<>(invalidations, this.cacheTopic, CACHE_LIFETIME, CACHED_PAGES);
	}

	public ObjectKind<E, D> kind() {
		return this.kind;
	}

	/**
	 * A page of the objects a list request sees, and their total. Pages and objects are
	 * cached ({@link #changed}): a page remembers its objects' IDs and the total, and its
	 * objects come from the objects' cache.
	 */
	public PageOf<D> list(NamespacePath namespace, boolean recursive, boolean propagated, String name, Paging paging) {
		PageIds page = this.pages.get(new PageQuery(namespace, recursive, propagated, name, paging), this::findPage);
		Map<UUID, StoredObject<D>> found = this.stored.getAll(page.ids(), this::findStored);
		List<D> items = new ArrayList<>(page.ids().size());
		for (UUID id : page.ids()) {
			StoredObject<D> object = found.get(id);
			if (object != null) { // else deleted since the page was read
				items.add(object.versioned().body());
			}
		}
		return new PageOf<>(items, page.total());
	}

	/**
	 * An object the namespace sees: its own, a descendant's, or one propagated to it.
	 * Cached ({@link #changed}); else one statement outside a transaction (reads are most
	 * of the API's traffic, and a transaction's begin and commit cost as much as the read
	 * itself).
	 */
	public Versioned<D> get(NamespacePath namespace, String id) {
		StoredObject<D> object = this.stored.get(uuid(id), (key) -> {
			E entity = this.entities.find(this.entityClass, key);
			return (entity != null) ? StoredObject.of(entity, this.kind) : null;
		});
		if (object == null || !object.visibleFrom(namespace)) {
			throw notFound(id);
		}
		return object.versioned();
	}

	/** Reads a page and its total in one transaction, and caches the objects on it. */
	private PageIds findPage(PageQuery query) {
		Specification<E> scope = Scopes.of(query.namespace(), query.recursive(), query.propagated(),
				this.kindPropagates);
		if (query.name() != null) {
			scope = scope.and((root, criteria, cb) -> cb.equal(root.get("name"), query.name()));
		}
		long generation = this.stored.generation();
		Page<E> page = this.repository.findAll(scope, query.paging().toPageRequest(ORDER));
		List<UUID> ids = new ArrayList<>(page.getNumberOfElements());
		for (E entity : page) {
			ids.add(entity.getId());
			this.stored.putIfCurrent(entity.getId(), StoredObject.of(entity, this.kind), generation);
		}
		return new PageIds(ids, page.getTotalElements());
	}

	private Map<UUID, StoredObject<D>> findStored(Set<UUID> ids) {
		Map<UUID, StoredObject<D>> found = new HashMap<>();
		this.repository.findAllById(ids)
			.forEach((entity) -> found.put(entity.getId(), StoredObject.of(entity, this.kind)));
		return found;
	}

	/**
	 * Empties the caches of this kind's objects and pages on every replica when the
	 * current transaction commits: called by every change of an object of the kind (the
	 * replica that makes it empties its own before it answers, the others when
	 * PostgreSQL's notification arrives, within milliseconds).
	 */
	private void changed() {
		this.invalidations.publish(this.cacheTopic);
	}

	@Transactional
	public Versioned<D> create(NamespacePath namespace, D body) {
		this.writeLock.acquire();
		E entity = this.kind.newEntity();
		entity.setId(UUID.randomUUID());
		entity.setNamespace(namespace.value());
		entity.setCreateTime(this.clock.instant());
		validate(body, entity);
		requireUniqueName(entity);
		return save(Operation.CREATE, entity, null);
	}

	@Transactional
	public Versioned<D> update(NamespacePath namespace, String id, D body, String ifMatch, boolean override) {
		this.writeLock.acquire();
		E entity = findEditable(namespace, id, override);
		IfMatch.check(ifMatch, entity.getVersion(), this.kind.identity() + " " + entity.getName());
		D before = this.kind.toBody(entity);
		String oldName = entity.getName();
		validate(body, entity);
		if (!entity.getName().equals(oldName)) {
			requireUniqueName(entity);
		}
		return save(Operation.UPDATE, entity, before);
	}

	@Transactional
	public D delete(NamespacePath namespace, String id, String ifMatch, boolean override) {
		this.writeLock.acquire();
		E entity = findEditable(namespace, id, override);
		IfMatch.check(ifMatch, entity.getVersion(), this.kind.identity() + " " + entity.getName());
		return remove(entity);
	}

	/**
	 * Deletes an object already authorised by the caller (namespace deletion, import).
	 */
	@Transactional
	D remove(E entity) {
		this.writeLock.acquire();
		D before = this.kind.toBody(entity);
		this.repository.delete(entity);
		this.repository.flush();
		changed();
		this.audit.record(Operation.DELETE, this.kind.identity(), entity.getNamespace(), entity.getId().toString(),
				entity.getName(), this.kind.audited(before, null).get(0), null);
		return before;
	}

	/**
	 * Writes {@code body} as the object named {@code body.name()} in {@code namespace}:
	 * created when absent, updated when different, left alone when equal. Used by import,
	 * which identifies objects by kind, namespace and name.
	 * @return what happened
	 */
	@Transactional
	public Upserted upsert(NamespacePath namespace, D body, String importLabel, boolean override) {
		this.writeLock.acquire();
		Optional<E> existing = this.repository.findByNamespaceAndName(namespace.value(), body.name());
		if (existing.isEmpty()) {
			E entity = this.kind.newEntity();
			entity.setId(UUID.randomUUID());
			entity.setNamespace(namespace.value());
			entity.setCreateTime(this.clock.instant());
			entity.setImportLabel(importLabel);
			validate(body, entity);
			save(Operation.CREATE, entity, null);
			return Upserted.CREATED;
		}
		E entity = existing.get();
		D before = this.kind.toBody(entity);
		// Compare on a scratch copy first: validating into the stored entity would make
		// it dirty (and bump its version) even when nothing changes.
		E candidate = this.kind.newEntity();
		candidate.setId(entity.getId());
		candidate.setNamespace(entity.getNamespace());
		candidate.setCreateTime(entity.getCreateTime());
		candidate.setUpdateTime(entity.getUpdateTime());
		validate(body, candidate);
		if (this.kind.portable(this.kind.toBody(candidate)).equals(this.kind.portable(before))) {
			if (importLabel != null && !importLabel.equals(entity.getImportLabel())) {
				entity.setImportLabel(importLabel);
				changed(); // a new version, and so a new ETag
			}
			return Upserted.UNCHANGED;
		}
		if (entity.isProtectedObject()) {
			requireOverride(entity, override);
		}
		validate(body, entity);
		if (importLabel != null) {
			entity.setImportLabel(importLabel);
		}
		save(Operation.UPDATE, entity, before);
		return Upserted.UPDATED;
	}

	/**
	 * Deletes an object on behalf of an import or a namespace deletion; protected objects
	 * need {@code override}.
	 */
	private D remove(E entity, boolean override) {
		this.writeLock.acquire();
		if (entity.isProtectedObject()) {
			requireOverride(entity, override);
		}
		return remove(entity);
	}

	/** Deletes every object in a namespace and its descendants (namespace deletion). */
	@Transactional
	public int removeSubtree(NamespacePath namespace, boolean override) {
		this.writeLock.acquire();
		List<E> doomed = findInSubtree(namespace);
		doomed.forEach((entity) -> remove(entity, override));
		return doomed.size();
	}

	@Transactional(readOnly = true)
	public long countInSubtree(NamespacePath namespace) {
		return this.repository.count(Scopes.inSubtree(namespace));
	}

	private List<E> findInSubtree(NamespacePath namespace) {
		return this.repository.findAll(Scopes.inSubtree(namespace), ORDER);
	}

	/** Every object a list request would see, unpaged (tags, export). */
	@Transactional(readOnly = true)
	public List<D> listAll(NamespacePath namespace, boolean recursive, boolean propagated) {
		return this.repository.findAll(Scopes.of(namespace, recursive, propagated, this.kindPropagates), ORDER)
			.stream()
			.map(this.kind::toBody)
			.toList();
	}

	/**
	 * Deletes the objects of a subtree that carry an import label and are not kept (an
	 * import with a label deletes those its document no longer has); protected ones need
	 * {@code override}.
	 * @return the deleted objects
	 */
	@Transactional
	public List<ObjectName> removeLabelled(NamespacePath namespace, String label, Set<ObjectName> kept,
			boolean override) {
		this.writeLock.acquire();
		List<ObjectName> removed = new ArrayList<>();
		for (E entity : findInSubtree(namespace)) {
			ObjectName name = new ObjectName(entity.getNamespace(), entity.getName());
			if (label.equals(entity.getImportLabel()) && !kept.contains(name)) {
				remove(entity, override);
				removed.add(name);
			}
		}
		return removed;
	}

	/** The object named {@code name} in exactly {@code namespace}. */
	@Transactional(readOnly = true)
	public Optional<D> findByName(NamespacePath namespace, String name) {
		return this.repository.findByNamespaceAndName(namespace.value(), name).map(this.kind::toBody);
	}

	/**
	 * The object with this ID in any namespace (for the console's own bookkeeping, not
	 * the API).
	 */
	@Transactional(readOnly = true)
	protected Optional<E> findAnywhere(String id) {
		try {
			return this.repository.findById(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The objects with these IDs that exist, in any namespace, by ID (the console's own
	 * bookkeeping: one query for what changed at a version, not one per object).
	 */
	@Transactional(readOnly = true)
	protected Map<String, E> findAllAnywhere(Collection<String> ids) {
		List<UUID> uuids = new ArrayList<>();
		for (String id : ids) {
			try {
				uuids.add(UUID.fromString(id));
			}
			catch (IllegalArgumentException ex) {
				// not one of ours: absent
			}
		}
		Map<String, E> found = new HashMap<>();
		this.repository.findAllById(uuids).forEach((entity) -> found.put(entity.getId().toString(), entity));
		return found;
	}

	/** Every object of the kind, for the subclass's models of the decision core. */
	@Transactional(readOnly = true)
	protected List<E> findAll() {
		return this.repository.findAll(ORDER);
	}

	private void validate(D body, E entity) {
		FieldErrors errors = new FieldErrors();
		CommonFields.apply(body, entity, errors);
		this.kind.apply(body, entity, errors);
		errors.throwIfAny();
	}

	private Versioned<D> save(Operation operation, E entity, D before) {
		return save(operation, entity, before, null);
	}

	private Versioned<D> save(Operation operation, E entity, D before, String actor) {
		this.kind.checkConsistency(entity);
		changed();
		entity.setUpdateTime((operation == Operation.CREATE) ? entity.getCreateTime() : this.clock.instant());
		E saved = entity;
		if (operation == Operation.CREATE) {
			// A fresh ID: persist, not the repository's merge, which looks for the row
			// first. A group's creates are inserted together, in batches, when it
			// commits.
			this.entities.persist(entity);
			if (!PolicyWrites.inGroup()) {
				this.entities.flush();
			}
		}
		else {
			saved = this.repository.saveAndFlush(entity);
		}
		D after = this.kind.toBody(saved);
		List<D> audited = this.kind.audited(before, after);
		if (actor != null) {
			this.audit.recordAs(actor, operation, this.kind.identity(), saved.getNamespace(), saved.getId().toString(),
					saved.getName(), audited.get(0), audited.get(1));
		}
		else {
			this.audit.record(operation, this.kind.identity(), saved.getNamespace(), saved.getId().toString(),
					saved.getName(), audited.get(0), audited.get(1));
		}
		return new Versioned<>(after, saved.getVersion());
	}

	/**
	 * Changes an object on the console's own behalf, through the path of an API edit: the
	 * policy write lock, a new version, an audit record naming {@code actor}, and with it
	 * the push. The edit may decide to change nothing the API shows (a status only): then
	 * nothing is recorded.
	 * @param id the object
	 * @param actor what makes the change, as the audit trail names it
	 * @param edit changes the entity; answers whether the change is one to record
	 * @return the object after the change, empty when it no longer exists
	 */
	@Transactional
	protected Optional<D> changeAsConsole(String id, String actor, Predicate<E> edit) {
		this.writeLock.acquire();
		Optional<E> found = findAnywhere(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		E entity = found.get();
		D before = this.kind.toBody(entity);
		changed(); // even a status alone is part of the body
		if (!edit.test(entity)) {
			this.repository.flush();
			return Optional.of(this.kind.toBody(entity));
		}
		return Optional.of(save(Operation.UPDATE, entity, before, actor).body());
	}

	/**
	 * Changes an object on the caller's behalf through the path of an API update (the
	 * namespace rules, {@code If-Match}, a new version, an audit record naming the
	 * caller, the push) with an edit of the kind's own instead of a body.
	 * @param edit changes the entity, or throws an {@link ApiException} saying why not
	 */
	@Transactional
	protected Versioned<D> changeAsCaller(NamespacePath namespace, String id, String ifMatch, boolean override,
			Consumer<E> edit) {
		this.writeLock.acquire();
		E entity = findEditable(namespace, id, override);
		IfMatch.check(ifMatch, entity.getVersion(), this.kind.identity() + " " + entity.getName());
		D before = this.kind.toBody(entity);
		edit.accept(entity);
		return save(Operation.UPDATE, entity, before);
	}

	private void requireUniqueName(E entity) {
		if (PolicyWrites.inGroup()) {
			return; // the unique constraint on (namespace, name) decides
		}
		this.repository.findByNamespaceAndName(entity.getNamespace(), entity.getName())
			.filter((other) -> !other.getId().equals(entity.getId()))
			.ifPresent((other) -> {
				throw ApiException.conflict("a " + this.kind.identity() + " named '" + entity.getName()
						+ "' already exists in " + entity.getNamespace());
			});
	}

	private E findVisible(NamespacePath namespace, String id) {
		return visible(namespace, id, this.repository.findById(uuid(id)).orElse(null));
	}

	private E visible(NamespacePath namespace, String id, E entity) {
		if (entity == null
				|| !StoredObject.visible(NamespacePath.parse(entity.getNamespace()), entity.propagates(), namespace)) {
			throw notFound(id);
		}
		return entity;
	}

	private E findEditable(NamespacePath namespace, String id, boolean override) {
		E entity = findVisible(namespace, id);
		if (!namespace.contains(NamespacePath.parse(entity.getNamespace()))) {
			throw ApiException.forbidden("this " + this.kind.identity() + " is propagated from " + entity.getNamespace()
					+ " and can only be changed there");
		}
		if (entity.isProtectedObject()) {
			requireOverride(entity, override);
		}
		return entity;
	}

	private void requireOverride(E entity, boolean override) {
		if (!override) {
			throw ApiException.conflict("the " + this.kind.identity() + " '" + entity.getName()
					+ "' is protected; repeat the request with ?override=true to change or delete it");
		}
	}

	private UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw notFound(id);
		}
	}

	private ApiException notFound(String id) {
		return ApiException.notFound("no " + this.kind.identity() + " with ID " + id + " in this namespace");
	}

	@SuppressWarnings("unchecked")
	private static <E extends ManagedObject> Class<E> entityClass(ObjectKind<E, ?> kind) {
		return (Class<E>) kind.newEntity().getClass();
	}

	private record PageQuery(NamespacePath namespace, boolean recursive, boolean propagated, String name,
			Paging paging) {

	}

	private record PageIds(List<UUID> ids, long total) {

	}

}
