package io.mseg.enforcer.nftables;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What one build computed, kept for the next one: a value found in the current or the
 * previous build is not computed again, and {@link #endBuild()} forgets what the build
 * did not use, so between builds the cache holds one build's worth. A policy change
 * usually changes a few entries of a document of hundreds of thousands: parsing,
 * normalizing and naming them again took most of a second.
 *
 * @param <K> the key (compared by {@code equals})
 * @param <V> the value
 */
final class Recent<K, V> {

	private Map<K, V> previous = new HashMap<>();

	private Map<K, V> current = new HashMap<>();

	/** Starts a build: what the last one used becomes what this one may reuse. */
	void nextBuild() {
		this.previous = this.current;
		this.current = new HashMap<>();
	}

	/** Ends a build: what it did not use is forgotten (the last document with it). */
	void endBuild() {
		this.previous = new HashMap<>();
	}

	/**
	 * The value of a key, computed only when neither this build nor the last one had it.
	 * @param key the key
	 * @param compute computes the value (must not return {@code null})
	 * @return the value
	 */
	V get(K key, Function<? super K, ? extends V> compute) {
		V value = this.current.get(key);
		if (value == null) {
			value = this.previous.get(key);
			if (value == null) {
				value = compute.apply(key);
			}
			this.current.put(key, value);
		}
		return value;
	}

}
