package io.mseg.console.fuzz;

import java.util.Random;
import java.util.function.Predicate;

import io.mseg.console.fuzz.ApiDescription.Operation;
import tools.jackson.databind.JsonNode;

/**
 * One kind of bad request: it applies to some operations and changes one thing about a
 * valid draft. Some kinds must be refused whatever the server thinks of the rest (unknown
 * fields, duplicate keys, bytes that are not UTF-8); others only must not break the
 * server.
 *
 * @param family body, content type, path, query, header, method or framing
 * @param name the kind, as failures are grouped by it
 * @param applies whether the kind makes sense for an operation
 * @param mutator changes a draft and says how
 */
public record Mutation(String family, String name, Predicate<Operation> applies, Mutator mutator) {

	/**
	 * Whether the answer can depend on the operation. HTTP framing and oversized headers
	 * are refused by the server before any routing: a few operations show how.
	 */
	public boolean perOperation() {
		return !this.family.equals("framing") && !this.name.startsWith("huge header")
				&& !this.name.startsWith("many headers") && !this.name.startsWith("very long token");
	}

	/** Changes a draft; answers how, or null when this draft offers nothing to change. */
	@FunctionalInterface
	public interface Mutator {

		Outcome apply(Draft draft, Operation operation, Random random, int n);

	}

	/**
	 * @param detail what exactly was changed (a field's path, the value sent)
	 * @param mustRefuse whether only a refusal (4xx other than 409) is a right answer
	 */
	public record Outcome(String detail, boolean mustRefuse) {

		public static Outcome refuse(String detail) {
			return new Outcome(detail, true);
		}

		public static Outcome any(String detail) {
			return new Outcome(detail, false);
		}

	}

	/** What mutations need to know about the console under test. */
	public interface Context {

		ApiDescription api();

		/** The namespace of the fuzz requests. */
		String tenant();

		/** A namespace the viewer token cannot see. */
		String otherTenant();

		/** An object of {@code collection} in the fuzz namespace, or null. */
		String fixtureId(String collection);

		/** An object of {@code collection} in the other tenant, or null. */
		String otherId(String collection);

		/** A valid body for the operation, request number {@code n}. */
		JsonNode example(Operation operation, int n);

		/** The largest body the console accepts for the operation. */
		long maxBodySize(Operation operation);

		int maxPageSize();

	}

}
