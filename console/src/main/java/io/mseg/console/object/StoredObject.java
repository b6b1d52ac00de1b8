package io.mseg.console.object;

import io.mseg.policy.model.NamespacePath;

/**
 * What answering a read of one object needs: its body and version, and which namespaces
 * see it (its own and their descendants, and, when it propagates, the namespaces below).
 *
 * @param <D> the body
 */
record StoredObject<D>(Versioned<D> versioned, NamespacePath owner, boolean propagates) {

	static <E extends ManagedObject, D extends ObjectBody> StoredObject<D> of(E entity, ObjectKind<E, D> kind) {
		return new StoredObject<>(new Versioned<>(kind.toBody(entity), entity.getVersion()),
				NamespacePath.parse(entity.getNamespace()), entity.propagates());
	}

	boolean visibleFrom(NamespacePath namespace) {
		return visible(this.owner, this.propagates, namespace);
	}

	static boolean visible(NamespacePath owner, boolean propagates, NamespacePath from) {
		return from.contains(owner) || (propagates && owner.isAncestorOf(from));
	}

}
