package io.mseg.console.tenancy;

import java.time.Duration;

import io.mseg.console.database.InvalidatedCache;
import io.mseg.console.database.Invalidations;
import io.mseg.console.identity.Caller;
import io.mseg.console.identity.Callers;
import io.mseg.console.web.ApiException;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resolves the namespace a request works in (its {@code X-Namespace} header) and answers
 * whether namespaces exist. Read-only, so that every feature may use it.
 */
@Component
public class NamespaceDirectory {

	public static final String HEADER = "X-Namespace";

	/** What {@link Invalidations} calls a change of namespaces. */
	public static final String TOPIC = "namespace";

	private final EntityManager entities;

	/** Namespaces known to exist: a deletion empties it on every replica. */
	private final InvalidatedCache<NamespacePath, Boolean> existing;

	NamespaceDirectory(EntityManager entities, Invalidations invalidations) {
		this.entities = entities;
		this.existing = new InvalidatedCache<>(invalidations, TOPIC, Duration.ofMinutes(1), 10_000);
	}

	/**
	 * The namespace named by an {@code X-Namespace} header: the caller's own namespace
	 * when absent, 400 when it is not a namespace path, 404 when no such namespace exists
	 * or it lies outside the caller's subtree (the same answer, so that nothing leaks).
	 */
	public NamespacePath resolve(String header) {
		NamespacePath scope = Callers.current().map(Caller::namespace).orElse(NamespacePath.ROOT);
		NamespacePath namespace;
		try {
			namespace = (header == null || header.isBlank()) ? scope : NamespacePath.parse(header.strip());
		}
		catch (InvalidValueException ex) {
			throw ApiException.badRequest(HEADER + " is not a namespace path: " + ex.getMessage());
		}
		if (!scope.contains(namespace) || this.existing.get(namespace, (path) -> exists(path) ? true : null) == null) {
			throw ApiException.notFound("namespace " + namespace + " does not exist");
		}
		return namespace;
	}

	@Transactional(readOnly = true)
	public boolean exists(NamespacePath namespace) {
		// JPQL by entity name, so that this package needs nothing of the namespace
		// feature
		// (which builds on it); the query flushes pending namespace changes first.
		return this.entities.createQuery("select count(n) from NamespaceEntity n where n.name = :name", Long.class)
			.setParameter("name", namespace.value())
			.getSingleResult() > 0;
	}

}
