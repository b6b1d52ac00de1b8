package io.mseg.console.database;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A cache of values read from the database, emptied on every replica when
 * {@link Invalidations} says its topic changed, and not used at all while the replica may
 * be missing such news. A value read while an invalidation happens is not kept (the
 * generation check), so a cache never holds what a committed change replaced. Entries
 * also expire after a while, and the least useful go when the cache is full.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class InvalidatedCache<K, V> {

	private final Invalidations invalidations;

	private final Cache<K, V> entries;

	private final AtomicLong generation = new AtomicLong();

	/**
	 * @param invalidations the news of changes
	 * @param topic what changes the values (see {@link Invalidations#publish})
	 * @param lifetime how long an entry is used at most
	 * @param capacity the most entries held
	 */
	public InvalidatedCache(Invalidations invalidations, String topic, Duration lifetime, int capacity) {
		this.invalidations = invalidations;
		this.entries = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(capacity).build();
		invalidations.subscribe(topic, this::clear);
	}

	/**
	 * The value for {@code key}: cached, or loaded (and cached unless {@code null}).
	 * @param key the key
	 * @param load reads the value, {@code null} for one not to cache
	 * @return the value, or {@code null}
	 */
	public V get(K key, Function<K, V> load) {
		if (!this.invalidations.trusted()) {
			return load.apply(key);
		}
		V cached = this.entries.getIfPresent(key);
		if (cached != null) {
			return cached;
		}
		long before = this.generation.get();
		V value = load.apply(key);
		if (value != null) {
			putIfCurrent(key, value, before);
		}
		return value;
	}

	/**
	 * The values for {@code keys} that exist: cached, and the others loaded together.
	 * @param keys the keys
	 * @param loadMissing reads the values of the keys not cached (those it leaves out do
	 * not exist)
	 * @return the values by key
	 */
	public Map<K, V> getAll(Collection<K> keys, Function<Set<K>, Map<K, V>> loadMissing) {
		if (!this.invalidations.trusted()) {
			return loadMissing.apply(new LinkedHashSet<>(keys));
		}
		Map<K, V> found = new HashMap<>(this.entries.getAllPresent(keys));
		Set<K> missing = new LinkedHashSet<>(keys);
		missing.removeAll(found.keySet());
		if (!missing.isEmpty()) {
			long before = this.generation.get();
			Map<K, V> loaded = loadMissing.apply(missing);
			loaded.forEach((key, value) -> putIfCurrent(key, value, before));
			found.putAll(loaded);
		}
		return found;
	}

	/**
	 * The generation to pass to {@link #putIfCurrent}, taken before reading a value.
	 * @return the current generation
	 */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Caches a value read after {@code generation} was taken, unless the cache was
	 * emptied since (the value may be older than the change that emptied it).
	 * @param key the key
	 * @param value the value
	 * @param generation the generation taken before the value was read
	 */
	public void putIfCurrent(K key, V value, long generation) {
		if (!this.invalidations.trusted() || this.generation.get() != generation) {
			return;
		}
		this.entries.put(key, value);
		if (this.generation.get() != generation) {
			// emptied meanwhile, perhaps before the put: drop what may be stale
			this.entries.invalidate(key);
		}
	}

	/** Forgets everything. */
	public void clear() {
		this.generation.incrementAndGet();
		this.entries.invalidateAll();
	}

}
