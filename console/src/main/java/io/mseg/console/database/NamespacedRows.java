package io.mseg.console.database;

import java.util.UUID;
import java.util.function.Function;

import io.mseg.console.web.ApiException;
import io.mseg.console.web.PageOf;
import io.mseg.console.web.Paging;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Listing and finding rows that belong to a namespace (tokens, enforcers), with the same
 * visibility as objects: a namespace sees its own rows, and with {@code recursive} those
 * of its descendants; anything else does not exist for it (404).
 */
public final class NamespacedRows {

	private NamespacedRows() {
	}

	/** One page of the rows in {@code namespace} (and its descendants when recursive). */
	public static <E, B> PageOf<B> page(JpaSpecificationExecutor<E> repository, NamespacePath namespace,
			boolean recursive, Paging paging, Sort sort, Function<E, B> body) {
		Specification<E> scope = (root, query, cb) -> recursive ? inSubtree(namespace, root.get("namespace"), cb)
				: cb.equal(root.get("namespace"), namespace.value());
		var page = repository.findAll(scope, paging.toPageRequest(sort));
		return new PageOf<>(page.map(body).getContent(), page.getTotalElements());
	}

	/**
	 * The row with this ID if {@code namespace} or a descendant owns it; 404 otherwise.
	 */
	public static <E> E find(JpaRepository<E, UUID> repository, Function<E, String> namespaceOf,
			NamespacePath namespace, String id, String kind) {
		ApiException missing = ApiException.notFound("no " + kind + " with ID " + id + " in this namespace");
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw missing;
		}
		return repository.findById(uuid)
			.filter((row) -> namespace.contains(NamespacePath.parse(namespaceOf.apply(row))))
			.orElseThrow(() -> missing);
	}

	/** A namespace column holding {@code namespace} or one of its descendants. */
	public static Predicate inSubtree(NamespacePath namespace, Path<String> column, CriteriaBuilder cb) {
		if (namespace.equals(NamespacePath.ROOT)) {
			return cb.conjunction();
		}
		// Namespace names never contain LIKE wildcards except '_', which is escaped.
		String pattern = namespace.value().replace("_", "\\_") + "/%";
		return cb.or(cb.equal(column, namespace.value()), cb.like(column, pattern, '\\'));
	}

}
