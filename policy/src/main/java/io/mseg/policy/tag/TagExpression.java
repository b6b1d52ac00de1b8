package io.mseg.policy.tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mseg.policy.InvalidValueException;

/**
 * A selector over tags: an OR of clauses, each clause an AND of tags.
 *
 * @param clauses the clauses; at least one, none empty, no tag twice in a clause, no
 * clause twice (in any order of its tags)
 */
public record TagExpression(List<List<String>> clauses) {

	public TagExpression {
		clauses = validate(clauses);
	}

	/**
	 * Validates and copies an expression.
	 * @param clauses the clauses, as in the YAML {@code subject}/{@code object}
	 * @return the expression
	 * @throws InvalidValueException with the index of the offending clause
	 */
	public static TagExpression of(List<List<String>> clauses) {
		return new TagExpression(clauses);
	}

	/**
	 * An expression of a single clause.
	 * @param tags the tags that must all be present
	 * @return the expression
	 */
	public static TagExpression allOf(String... tags) {
		return new TagExpression(List.of(List.of(tags)));
	}

	/**
	 * Whether some clause has all its tags in {@code tags}; {@code key=*} matches any
	 * value of {@code key}; otherwise exact, case-sensitive equality.
	 * @param tags the normalized tags of a processing unit or external network
	 * @return whether the expression selects an object with these tags
	 */
	public boolean matches(Set<String> tags) {
		if (tags == null) {
			return false;
		}
		for (List<String> clause : this.clauses) {
			if (clauseMatches(clause, tags)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether some clause lists exactly this tag.
	 * @param tag the tag text
	 * @return whether any clause contains it
	 */
	public boolean anyClauseContains(String tag) {
		for (List<String> clause : this.clauses) {
			if (clause.contains(tag)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an expression tag is a wildcard: {@code key=*}, the {@code =} being the
	 * first one ({@code a=b=*} is an exact tag).
	 * @param tag a tag of a clause
	 * @return whether it matches every value of its key
	 */
	public static boolean isWildcard(String tag) {
		return tag.endsWith("=*") && tag.indexOf('=') == tag.length() - 2;
	}

	/**
	 * The wildcard that an object's tag satisfies: {@code app=web} satisfies
	 * {@code app=*}. Indexes use it so that an object is found from its tags for wildcard
	 * clauses too.
	 * @param tag a tag of a processing unit or external network
	 * @return {@code key=*}, or {@code null} when the tag has no {@code =} or an empty
	 * value (no wildcard matches it)
	 */
	public static String wildcardSatisfiedBy(String tag) {
		int equals = tag.indexOf('=');
		if (equals < 0 || equals == tag.length() - 1) {
			return null;
		}
		return tag.substring(0, equals + 1) + "*";
	}

	private static boolean clauseMatches(List<String> clause, Set<String> tags) {
		for (String tag : clause) {
			if (!tagMatches(tag, tags)) {
				return false;
			}
		}
		return true;
	}

	private static boolean tagMatches(String tag, Set<String> tags) {
		if (tags.contains(tag)) {
			return true;
		}
		if (!isWildcard(tag)) {
			return false;
		}
		String prefix = tag.substring(0, tag.length() - 1);
		for (String candidate : tags) {
			if (candidate.length() > prefix.length() && candidate.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static List<List<String>> validate(List<List<String>> clauses) {
		if (clauses == null || clauses.isEmpty()) {
			throw new InvalidValueException("a tag expression needs at least one clause");
		}
		List<List<String>> copy = new ArrayList<>(clauses.size());
		Map<Set<String>, Integer> clauseSets = new HashMap<>();
		for (int i = 0; i < clauses.size(); i++) {
			List<String> clause = clauses.get(i);
			if (clause == null || clause.isEmpty()) {
				throw new InvalidValueException(i, "a clause is empty: each clause needs at least one tag");
			}
			Set<String> seen = new HashSet<>();
			for (String tag : clause) {
				try {
					Tag.parse(tag);
				}
				catch (InvalidValueException ex) {
					throw ex.atIndex(i);
				}
				if (!seen.add(tag)) {
					throw new InvalidValueException(i,
							"tag '" + Tag.abbreviate(tag) + "' appears twice in the same clause");
				}
			}
			// The same tags in another order are the same clause (as the original product
			// says too): a repeated clause is a mistake, most likely for another one.
			Integer first = clauseSets.putIfAbsent(seen, i);
			if (first != null) {
				throw new InvalidValueException(i, "this clause has the same tags as clause " + first);
			}
			copy.add(List.copyOf(clause));
		}
		return List.copyOf(copy);
	}

}
