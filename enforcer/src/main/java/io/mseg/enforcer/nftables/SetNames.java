package io.mseg.enforcer.nftables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named sets of one ruleset, named by content: {@code <role>_<hash>}, the hash being
 * the first 48 bits of the SHA-256 of the set's type and elements. A set whose content
 * changes changes its name, so an incremental apply only ever adds whole sets and deletes
 * unused ones (adding or deleting an element makes {@code nft} fetch every element of the
 * table first: 0.2–0.9 s with 100,000 of them). Sets of the same role, type and elements
 * are one set, whoever uses them.
 */
final class SetNames {

	private static final int HASH_BYTES = 6;

	private final Map<String, NftSet> sets = new LinkedHashMap<>();

	/**
	 * The name of a set with this content, registering it on first use.
	 * @param role what the set holds, e.g. {@code remote_v4}, {@code port}
	 * @param type the nft element type
	 * @param elements the elements, sorted and not overlapping
	 * @return its name
	 */
	String name(String role, String type, List<String> elements) {
		String base = role + "_" + hash(type, elements);
		String name = base;
		for (int i = 2;; i++) {
			NftSet existing = this.sets.get(name);
			if (existing == null) {
				this.sets.put(name, new NftSet(name, type, elements));
				return name;
			}
			if (existing.type().equals(type) && existing.elements().equals(elements)) {
				return name;
			}
			// two contents with the same 48-bit hash: never seen, but must not merge them
			name = base + "x" + i;
		}
	}

	/**
	 * Registers a set built before (in an earlier build: its name is its content's hash).
	 * @param set the set
	 * @return its name in this ruleset
	 */
	String register(NftSet set) {
		NftSet existing = this.sets.putIfAbsent(set.name(), set);
		if (existing == null || existing.equals(set)) {
			return set.name();
		}
		String role = set.name().substring(0, set.name().lastIndexOf('_'));
		return name(role, set.type(), set.elements());
	}

	/**
	 * The sets registered so far, in the order of their first use.
	 * @return the sets
	 */
	List<NftSet> sets() {
		return List.copyOf(this.sets.values());
	}

	static String hash(String type, List<String> elements) {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
		digest.update(type.getBytes(StandardCharsets.UTF_8));
		for (String element : elements) {
			digest.update((byte) ',');
			digest.update(element.getBytes(StandardCharsets.UTF_8));
		}
		byte[] bytes = digest.digest();
		return HexFormat.of().formatHex(bytes, 0, HASH_BYTES);
	}

}
