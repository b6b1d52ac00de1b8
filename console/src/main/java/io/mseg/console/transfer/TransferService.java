package io.mseg.console.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mseg.console.identity.Callers;
import io.mseg.console.identity.Role;
import io.mseg.console.namespace.NamespaceBody;
import io.mseg.console.namespace.NamespaceService;
import io.mseg.console.object.ManagedObject;
import io.mseg.console.object.ObjectBody;
import io.mseg.console.object.ObjectName;
import io.mseg.console.object.ObjectService;
import io.mseg.console.object.Upserted;
import io.mseg.console.tenancy.NamespaceDirectory;
import io.mseg.console.transfer.ImportResult.Change;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.BodyErrors;
import io.mseg.console.web.FieldError;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.EntityManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Export and import of a namespace subtree in the original product's document format.
 * Import is all-or-nothing (one transaction; any refusal rolls everything back),
 * identifies objects by kind, namespace and name, and changes nothing when re-run.
 */
@Service
class TransferService {

	static final String NAMESPACES = "namespaces";

	/** Fields the server sets: left out of exports, ignored on import. */
	private static final List<String> SERVER_FIELDS = List.of("ID", "createTime", "updateTime", "normalizedTags",
			"sourceStatus");

	private final NamespaceService namespaces;

	private final NamespaceDirectory directory;

	/** In import order: networks before the policies that name them, PUs last. */
	private final Map<String, ObjectService<?, ?>> kinds = new LinkedHashMap<>();

	private final JsonMapper json;

	private final EntityManager entityManager;

	TransferService(NamespaceService namespaces, NamespaceDirectory directory, List<ObjectService<?, ?>> services,
			JsonMapper json, EntityManager entityManager) {
		this.entityManager = entityManager;
		this.namespaces = namespaces;
		this.directory = directory;
		this.json = json;
		for (String plural : List.of("externalnetworks", "networkaccesspolicies", "processingunits")) {
			services.stream()
				.filter((service) -> service.kind().plural().equals(plural))
				.forEach((service) -> this.kinds.put(plural, service));
		}
	}

	@Transactional(readOnly = true)
	public TransferDocument export(NamespacePath root, String label) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		data.put(NAMESPACES, this.namespaces.descendants(root).stream().map((ns) -> {
			ObjectNode node = exported(ns);
			node.put("name", root.relativize(NamespacePath.parse(ns.name())));
			return asMap(node);
		}).toList());
		this.kinds
			.forEach((plural, service) -> data.put(plural, service.listAll(root, true, false).stream().map((object) -> {
				ObjectNode node = exported(portable(service, object));
				String relative = root.relativize(NamespacePath.parse(object.namespace()));
				if (relative.isEmpty()) {
					node.remove("namespace");
				}
				else {
					node.put("namespace", relative);
				}
				return asMap(node);
			}).toList()));
		return new TransferDocument((label != null) ? label : root.value(), data);
	}

	@SuppressWarnings("unchecked")
	private static <D extends ObjectBody> D portable(ObjectService<?, D> service, Object body) {
		return service.kind().portable((D) body);
	}

	private ObjectNode exported(Object body) {
		ObjectNode node = this.json.valueToTree(body);
		node.remove(SERVER_FIELDS);
		return node;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> asMap(ObjectNode node) {
		return this.json.treeToValue(node, Map.class);
	}

	@Transactional
	public ImportResult importDocument(NamespacePath root, TransferDocument document, boolean dryRun,
			boolean override) {
		FieldErrors errors = new FieldErrors();
		String label = document.label();
		if (label != null && (label.isBlank() || label.length() > 256)) {
			errors.add("label", "must be 1 to 256 characters when given");
		}
		Map<String, List<ObjectNode>> data = new LinkedHashMap<>();
		if (document.data() != null) {
			document.data().forEach((kind, objects) -> {
				List<ObjectNode> nodes = new ArrayList<>();
				List<Map<String, Object>> given = (objects != null) ? objects : List.of();
				for (int i = 0; i < given.size(); i++) {
					if (given.get(i) == null) {
						// Refused below, before anything is read by index.
						errors.add("data." + kind + "[" + i + "]", "must be an object");
					}
					else {
						nodes.add(this.json.valueToTree(given.get(i)));
					}
				}
				data.put(kind, nodes);
			});
		}
		for (String key : data.keySet()) {
			if (!key.equals(NAMESPACES) && !this.kinds.containsKey(key)) {
				errors.add("data." + key,
						"unknown kind; expected namespaces, " + String.join(", ", this.kinds.keySet()));
			}
		}
		errors.throwIfAny();
		Changes changes = new Changes();
		importNamespaces(root, data.getOrDefault(NAMESPACES, List.of()), label, override, errors, changes);
		List<PendingWrite<?, ?>> writes = new ArrayList<>();
		this.kinds.forEach((plural, service) -> writes
			.addAll(readObjects(root, plural, service, data.getOrDefault(plural, List.of()), errors)));
		if (label != null) {
			// Before writing: an object that moves to another namespace (or is renamed)
			// frees what it held, such as a processing unit's addresses, for its new
			// self.
			deleteMissing(root, label, override, writes, errors, changes);
		}
		for (PendingWrite<?, ?> write : writes) {
			write.run(label, override, errors, changes);
			// Written and flushed: forgetting the entities keeps every later flush
			// (and the auto-flush before each query) from dirty-checking all of them
			// again, which made an import quadratic in its size.
			this.entityManager.flush();
			this.entityManager.clear();
		}
		errors.throwIfAny();
		if (dryRun) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
		}
		return new ImportResult(dryRun, changes.created, changes.updated, changes.deleted, changes.unchanged);
	}

	private void importNamespaces(NamespacePath root, List<ObjectNode> nodes, String label, boolean override,
			FieldErrors errors, Changes changes) {
		record Entry(int index, NamespacePath path, NamespaceBody body) {
		}
		List<Entry> entries = new ArrayList<>();
		Set<NamespacePath> seen = new HashSet<>();
		for (int i = 0; i < nodes.size(); i++) {
			String field = "data.namespaces[" + i + "]";
			ObjectNode node = nodes.get(i).deepCopy();
			node.remove(SERVER_FIELDS);
			JsonNode name = node.remove("name");
			if (name == null || !name.isString()) {
				errors.add(field + ".name", "is required: the namespace's path relative to " + root);
				continue;
			}
			NamespacePath path = resolve(root, name.asString(), field + ".name", errors);
			NamespaceBody body = read(node, NamespaceBody.class, field, errors);
			if (path == null || body == null) {
				continue;
			}
			if (path.equals(root)) {
				errors.add(field + ".name",
						"names the namespace being imported into; only descendants can be imported");
			}
			else if (!seen.add(path)) {
				errors.add(field + ".name", "namespace " + path + " appears twice");
			}
			else {
				entries.add(new Entry(i, path, body));
			}
		}
		entries.sort(Comparator.comparingInt((Entry e) -> e.path().depth()));
		for (Entry entry : entries) {
			String field = "data.namespaces[" + entry.index() + "]";
			if (!this.directory.exists(entry.path().parent().orElseThrow())) {
				errors.add(field + ".name",
						"its parent " + entry.path().parent().orElseThrow() + " neither exists nor is in the document");
				continue;
			}
			Optional<Upserted> written = attempt(field, errors,
					() -> this.namespaces.upsert(entry.path(), entry.body(), label, override));
			if (written.isPresent()) {
				if (written.get() != Upserted.UNCHANGED
						&& Callers.role().filter((role) -> !role.includes(Role.ADMIN)).isPresent()) {
					throw ApiException
						.forbidden("creating or changing namespaces (" + entry.path() + ") needs the admin role");
				}
				changes.record(written.get(), "namespace", entry.path(), entry.path().value());
			}
		}
	}

	/**
	 * Reads and checks the objects of one kind without writing them; refusals are
	 * recorded in {@code errors}.
	 */
	private <E extends ManagedObject, D extends ObjectBody> List<PendingWrite<E, D>> readObjects(NamespacePath root,
			String plural, ObjectService<E, D> service, List<ObjectNode> nodes, FieldErrors errors) {
		List<PendingWrite<E, D>> writes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < nodes.size(); i++) {
			String field = "data." + plural + "[" + i + "]";
			ObjectNode node = nodes.get(i).deepCopy();
			node.remove(SERVER_FIELDS);
			JsonNode relative = node.remove("namespace");
			NamespacePath namespace = root;
			if (relative != null && !relative.isNull()) {
				namespace = relative.isString() ? resolve(root, relative.asString(), field + ".namespace", errors)
						: null;
				if (!relative.isString()) {
					errors.add(field + ".namespace", "must be a string");
				}
			}
			D body = read(node, service.kind().bodyType(), field, errors);
			if (namespace == null || body == null) {
				continue;
			}
			if (!this.directory.exists(namespace)) {
				errors.add(field + ".namespace", "namespace " + namespace + " neither exists nor is in the document");
				continue;
			}
			if (body.name() != null && !seen.add(namespace.value() + "\n" + body.name())) {
				errors.add(field + ".name", "a " + service.kind().identity() + " named '" + body.name()
						+ "' appears twice in " + namespace);
				continue;
			}
			writes.add(new PendingWrite<>(field, service, namespace, body));
		}
		return writes;
	}

	/**
	 * Deletes the objects of the subtree that carry the label and are not in the
	 * document. A protected one without {@code override} refuses the import (409), unless
	 * the import is refused anyway, in which case the other problems are reported.
	 */
	private void deleteMissing(NamespacePath root, String label, boolean override, List<PendingWrite<?, ?>> writes,
			FieldErrors errors, Changes changes) {
		boolean refusedAnyway = !errors.isEmpty();
		try {
			for (ObjectService<?, ?> service : this.kinds.values()) {
				Set<ObjectName> kept = new HashSet<>();
				writes.stream()
					.filter((write) -> write.service() == service)
					.forEach((write) -> kept.add(new ObjectName(write.namespace().value(), write.body().name())));
				for (ObjectName removed : service.removeLabelled(root, label, kept, override)) {
					changes.deleted.add(new Change(service.kind().identity(), removed.namespace(), removed.name()));
				}
			}
		}
		catch (ApiException ex) {
			if (!refusedAnyway) {
				throw ex;
			}
		}
	}

	/** One object of the document, read and checked, to be created or updated. */
	private record PendingWrite<E extends ManagedObject, D extends ObjectBody>(String field,
			ObjectService<E, D> service, NamespacePath namespace, D body) {

		void run(String label, boolean override, FieldErrors errors, Changes changes) {
			attempt(this.field, errors, () -> this.service.upsert(this.namespace, this.body, label, override))
				.ifPresent((written) -> changes.record(written, this.service.kind().identity(), this.namespace,
						this.body.name()));
		}

	}

	private static NamespacePath resolve(NamespacePath root, String name, String field, FieldErrors errors) {
		try {
			NamespacePath path = name.startsWith("/") ? NamespacePath.parse(name) : root.resolve(name);
			if (!root.contains(path)) {
				errors.add(field, path + " is outside the namespace being imported into (" + root + ")");
				return null;
			}
			return path;
		}
		catch (InvalidValueException ex) {
			errors.add(field, ex.getMessage());
			return null;
		}
	}

	private <T> T read(ObjectNode node, Class<T> type, String field, FieldErrors errors) {
		try {
			return this.json.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			BodyErrors.Refusal refusal = BodyErrors.describe(ex, field);
			if (refusal.errors().isEmpty()) {
				errors.add(field, refusal.detail());
			}
			refusal.errors().forEach((error) -> errors.add(error.field(), error.message()));
			return null;
		}
	}

	/**
	 * Runs one write; a refusal is recorded under the object's path and the import goes
	 * on so that one answer lists every problem.
	 * @return what the write did, or empty when it was refused
	 */
	private static <T> Optional<T> attempt(String field, FieldErrors errors, java.util.function.Supplier<T> write) {
		try {
			return Optional.of(write.get());
		}
		catch (ApiException ex) {
			if (ex.errors().isEmpty()) {
				errors.add(field, ex.getMessage());
			}
			for (FieldError error : ex.errors()) {
				errors.add(field + "." + error.field(), error.message());
			}
			return Optional.empty();
		}
	}

	private static final class Changes {

		final List<Change> created = new ArrayList<>();

		final List<Change> updated = new ArrayList<>();

		final List<Change> deleted = new ArrayList<>();

		int unchanged;

		void record(Upserted written, String kind, NamespacePath namespace, String name) {
			Change change = new Change(kind, namespace.value(), name);
			switch (written) {
				case CREATED -> this.created.add(change);
				case UPDATED -> this.updated.add(change);
				case UNCHANGED -> this.unchanged++;
			}
		}

	}

}
