package io.mseg.console.object;

import java.util.Arrays;
import java.util.List;

import io.mseg.console.web.FieldErrors;

/**
 * What the shared object mechanism needs to know about one kind of object: its names, how
 * to validate a body into an entity and how to represent an entity.
 *
 * @param <E> the entity
 * @param <D> the body (JSON/YAML representation)
 */
public interface ObjectKind<E extends ManagedObject, D extends ObjectBody> {

	/** Singular identity, as in the audit trail and {@code $identity} tags. */
	String identity();

	/**
	 * The resource path segment and export key, such as {@code networkaccesspolicies}.
	 */
	String plural();

	E newEntity();

	/** The record the API reads and writes. */
	Class<D> bodyType();

	/**
	 * Validates the kind's own fields of {@code body} and copies them onto
	 * {@code entity}; records every problem in {@code errors} instead of throwing.
	 */
	void apply(D body, E entity, FieldErrors errors);

	D toBody(E entity);

	/**
	 * The body as export writes it and import compares it: by default all of it (less the
	 * fields every kind's server sets); a kind leaves out what the console derives
	 * wherever the object lives, such as the entries of a feed-backed external network.
	 */
	default D portable(D body) {
		return body;
	}

	/**
	 * What the audit trail records of a change, before and after ({@code null} for a
	 * creation or a deletion): by default the bodies; a kind may record less of what the
	 * console derives, such as the 100,000 entries of a feed.
	 */
	default List<D> audited(D before, D after) {
		return Arrays.asList(before, after);
	}

	/**
	 * Checks rules that span objects before {@code entity} is written (such as an address
	 * that must belong to one processing unit only); throws an {@code ApiException}.
	 */
	default void checkConsistency(E entity) {
	}

}
