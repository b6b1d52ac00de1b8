package io.mseg.policy.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tags the console adds to processing units and external networks
 * ({@code normalizedTags}).
 */
public final class SystemTags {

	public static final String IDENTITY_PROCESSING_UNIT = "$identity=processingunit";

	public static final String IDENTITY_EXTERNAL_NETWORK = "$identity=externalnetwork";

	private SystemTags() {
	}

	/**
	 * The normalized tags of a processing unit: {@code $identity}, {@code $name},
	 * {@code $namespace}, {@code $id}, {@code $type}, {@code $enforcerid}, then the user
	 * tags. A system tag whose value is {@code null} or empty is left out.
	 * @param id the identifier
	 * @param name the name
	 * @param ns the namespace
	 * @param type the type
	 * @param enforcerId the enforcer
	 * @param userTags the user's tags, may be {@code null}
	 * @return an unmodifiable set in insertion order, system tags first
	 */
	public static Set<String> forProcessingUnit(String id, String name, NamespacePath ns, String type,
			String enforcerId, Collection<String> userTags) {
		Set<String> tags = new LinkedHashSet<>();
		tags.add(IDENTITY_PROCESSING_UNIT);
		addCommon(tags, id, name, ns);
		add(tags, "$type", type);
		add(tags, "$enforcerid", enforcerId);
		return withUserTags(tags, userTags);
	}

	/**
	 * The normalized tags of an external network: {@code $identity}, {@code $name},
	 * {@code $namespace}, {@code $id}, then the user tags.
	 * @param id the identifier
	 * @param name the name
	 * @param ns the namespace
	 * @param userTags the user's tags, may be {@code null}
	 * @return an unmodifiable set in insertion order, system tags first
	 */
	public static Set<String> forExternalNetwork(String id, String name, NamespacePath ns,
			Collection<String> userTags) {
		Set<String> tags = new LinkedHashSet<>();
		tags.add(IDENTITY_EXTERNAL_NETWORK);
		addCommon(tags, id, name, ns);
		return withUserTags(tags, userTags);
	}

	private static void addCommon(Set<String> tags, String id, String name, NamespacePath ns) {
		add(tags, "$name", name);
		add(tags, "$namespace", (ns != null) ? ns.value() : null);
		add(tags, "$id", id);
	}

	private static void add(Set<String> tags, String key, String value) {
		if (value != null && !value.isEmpty()) {
			tags.add(key + "=" + value);
		}
	}

	private static Set<String> withUserTags(Set<String> tags, Collection<String> userTags) {
		if (userTags != null) {
			tags.addAll(userTags);
		}
		return Collections.unmodifiableSet(tags);
	}

}
