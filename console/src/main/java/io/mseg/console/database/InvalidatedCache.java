package io.mseg.console.database;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small cache of values read from the database, emptied on every replica when
 * {@link Invalidations} says its topic changed, and not used at all while the replica may
 * be missing such news. A value read while an invalidation happens is not kept (the
 * generation check), so a cache never holds what a committed change replaced. Entries
 * also expire after a while, and the whole cache is emptied when it is full.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class InvalidatedCache<K, V> {

	private final Invalidations invalidations;

	private final Duration lifetime;

	private final int capacity;

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * @param invalidations the news of changes
	 * @param topic what changes the values (see {@link Invalidations#publish})
	 * @param lifetime how long an entry is used at most
	 * @param capacity the most entries held
	 */
	public InvalidatedCache(Invalidations invalidations, String topic, Duration lifetime, int capacity) {
		this.invalidations = invalidations;
		this.lifetime = lifetime;
		this.capacity = capacity;
		invalidations.subscribe(topic, this::clear);
	}

	/**
	 * The value for {@code key}: cached, or loaded (and cached unless empty).
	 * @param key the key
	 * @param load reads the value, {@code null} for one not to cache
	 * @return the value, or {@code null}
	 */
	public V get(K key, Function<K, V> load) {
		if (!this.invalidations.trusted()) {
			return load.apply(key);
		}
		long now = System.nanoTime();
		Entry<V> cached = this.entries.get(key);
		if (cached != null && now - cached.loaded() < this.lifetime.toNanos()) {
			return cached.value();
		}
		long before = this.generation.get();
		V value = load.apply(key);
		if (value != null && this.invalidations.trusted()) {
			if (this.entries.size() >= this.capacity) {
				clear();
			}
			else if (this.generation.get() == before) {
				this.entries.put(key, new Entry<>(value, now));
				if (this.generation.get() != before) {
					// cleared meanwhile, perhaps before the put: drop what may be stale
					this.entries.remove(key);
				}
			}
		}
		return value;
	}

	/** Forgets everything. */
	public void clear() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	private record Entry<V>(V value, long loaded) {

	}

}
