package io.mseg.console.object;

import java.util.ArrayList;
import java.util.List;

import io.mseg.console.database.NamespacedRows;
import io.mseg.policy.model.NamespacePath;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * Which objects a request sees: those of its namespace, with {@code recursive} those of
 * every descendant, with {@code propagated} those that ancestors propagate down to it.
 */
public final class Scopes {

	private Scopes() {
	}

	public static <E extends ManagedObject> Specification<E> of(NamespacePath namespace, boolean recursive,
			boolean propagated, boolean kindPropagates) {
		return (root, query, cb) -> {
			List<Predicate> any = new ArrayList<>();
			if (recursive) {
				any.add(NamespacedRows.inSubtree(namespace, root.get("namespace"), cb));
			}
			else {
				any.add(cb.equal(root.get("namespace"), namespace.value()));
			}
			List<String> ancestors = ancestors(namespace);
			if (propagated && kindPropagates && !ancestors.isEmpty()) {
				any.add(cb.and(root.get("namespace").in(ancestors), cb.isTrue(root.get("propagate"))));
			}
			return cb.or(any.toArray(Predicate[]::new));
		};
	}

	/** Objects whose namespace is {@code namespace} or one of its descendants. */
	public static <E extends ManagedObject> Specification<E> inSubtree(NamespacePath namespace) {
		return (root, query, cb) -> NamespacedRows.inSubtree(namespace, root.get("namespace"), cb);
	}

	public static List<String> ancestors(NamespacePath namespace) {
		List<String> ancestors = new ArrayList<>();
		for (var parent = namespace.parent(); parent.isPresent(); parent = parent.get().parent()) {
			ancestors.add(parent.get().value());
		}
		return ancestors;
	}

}
