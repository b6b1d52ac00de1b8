package io.mseg.policy.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where an enforcer's rules are cut into the chunks the console serves as sections. A
 * chunk ends after a rule whose policy ID hashes to a boundary (1 in 16, whatever the
 * other rules), so that inserting or changing a policy rewrites the chunk holding it and
 * no other; or at {@link #MAX_CHUNK} rules. Chunks of about 16 rules keep what a change
 * resends small (a rule can name hundreds of remote units) while the index stays a few
 * names per hundred rules.
 */
public final class RuleChunks {

	/** The most rules in one chunk. */
	public static final int MAX_CHUNK = 64;

	private RuleChunks() {
	}

	/**
	 * Cuts rules into consecutive chunks.
	 * @param <T> the rule type
	 * @param rules the rules, in order
	 * @param policyId a rule's policy ID
	 * @return the chunks, none for no rules
	 */
	public static <T> List<List<T>> of(List<T> rules, Function<T, String> policyId) {
		List<List<T>> chunks = new ArrayList<>();
		List<T> chunk = new ArrayList<>();
		for (T rule : rules) {
			chunk.add(rule);
			if (endsChunk(policyId.apply(rule)) || chunk.size() == MAX_CHUNK) {
				chunks.add(chunk);
				chunk = new ArrayList<>();
			}
		}
		if (!chunk.isEmpty()) {
			chunks.add(chunk);
		}
		return chunks;
	}

	/**
	 * Whether a chunk ends after a rule of this policy, whatever the rules around it.
	 * @param policyId the rule's policy ID
	 * @return whether it is a boundary
	 */
	public static boolean endsChunk(String policyId) {
		return ((Objects.hashCode(policyId) * 0x9E3779B1) >>> 28) == 0;
	}

}
