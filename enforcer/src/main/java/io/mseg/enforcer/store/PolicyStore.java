package io.mseg.enforcer.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mseg.policy.render.wire.SectionNames;

/**
 * The last rendered policy received from the console, kept on disk before it is applied,
 * so that the host is protected at start-up before the console answers, and while the
 * console is unreachable. The policy comes in sections named by their content's hash: the
 * index is kept as received ({@value #INDEX}, with its ETag in {@value #ETAG}), and the
 * sections each fetch brought in one pack file ({@code policy-sections-<hash>.pack}, one
 * {@code <name> <json>} line per section), so that a small change writes a small file.
 * When the packs hold more than twice what the policy uses, they are compacted into one.
 */
public final class PolicyStore {

	static final String INDEX = "policy-index.json";

	static final String ETAG = "policy.etag";

	/** The whole document, as enforcers before sections kept it: read for an upgrade. */
	static final String DOCUMENT = "policy.json";

	static final String PACK_PREFIX = "policy-sections-";

	static final String PACK_SUFFIX = ".pack";

	/** Packs smaller than this in all are never compacted. */
	static final long COMPACT_FROM = 4 << 20;

	private final StateFiles files;

	/** Per pack: the size of each section it holds; read at the first load or save. */
	private Map<String, Map<String, Integer>> packs;

	public PolicyStore(StateFiles files) {
		this.files = files;
	}

	/**
	 * Keeps a policy: its new sections first, then the index and its ETag (a crash in
	 * between only leaves an unused pack, or costs one refetch).
	 * @param stored the index, its ETag, and the sections that arrived with it (those not
	 * held before)
	 * @param used the names of every section the index needs
	 * @throws IOException when it cannot be written
	 */
	public void save(StoredPolicy stored, Set<String> used) throws IOException {
		Map<String, Map<String, Integer>> known = packs();
		if (!stored.sections().isEmpty()) {
			StringBuilder pack = new StringBuilder();
			Map<String, Integer> sizes = new HashMap<>();
			stored.sections().forEach((name, json) -> {
				pack.append(name).append(' ').append(json).append('\n');
				sizes.put(name, json.length());
			});
			String file = PACK_PREFIX + SectionNames.of(pack.toString()) + PACK_SUFFIX;
			this.files.write(file, pack.toString());
			known.put(file, sizes);
		}
		this.files.write(INDEX, stored.index());
		this.files.write(ETAG, (stored.etag() != null) ? stored.etag() : "");
		this.files.delete(DOCUMENT);
		compactIfWasteful(used);
	}

	/**
	 * The last policy kept.
	 * @return its index, ETag and every section kept, or empty when none was ever kept
	 * @throws IOException when it exists but cannot be read
	 */
	public Optional<StoredPolicy> load() throws IOException {
		Optional<String> index = this.files.read(INDEX);
		if (index.isEmpty()) {
			return Optional.empty();
		}
		String etag = this.files.read(ETAG).map(String::strip).filter((text) -> !text.isEmpty()).orElse(null);
		Map<String, String> sections = new LinkedHashMap<>();
		this.packs = new HashMap<>();
		for (String file : this.files.names(PACK_PREFIX, PACK_SUFFIX)) {
			this.packs.put(file, read(file, sections));
		}
		return Optional.of(new StoredPolicy(index.get(), etag, sections));
	}

	/**
	 * The whole document an enforcer of an earlier version kept, if that is all there is.
	 * @return its JSON, or empty
	 * @throws IOException when it exists but cannot be read
	 */
	public Optional<String> loadDocument() throws IOException {
		return this.files.exists(INDEX) ? Optional.empty() : this.files.read(DOCUMENT);
	}

	private Map<String, Map<String, Integer>> packs() throws IOException {
		if (this.packs == null) {
			this.packs = new HashMap<>();
			for (String file : this.files.names(PACK_PREFIX, PACK_SUFFIX)) {
				this.packs.put(file, read(file, null));
			}
		}
		return this.packs;
	}

	/**
	 * Reads a pack: the size of each section, and its text when {@code into} is given.
	 */
	private Map<String, Integer> read(String file, Map<String, String> into) throws IOException {
		Map<String, Integer> sizes = new HashMap<>();
		String text = this.files.read(file).orElse("");
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			if (end < 0) {
				end = text.length();
			}
			int space = text.indexOf(' ', start);
			if (space > start && space < end) {
				String name = text.substring(start, space);
				sizes.put(name, end - space - 1);
				if (into != null) {
					into.putIfAbsent(name, text.substring(space + 1, end));
				}
			}
			start = end + 1;
		}
		return sizes;
	}

	private void compactIfWasteful(Set<String> used) throws IOException {
		long total = 0;
		Map<String, Integer> live = new HashMap<>();
		for (Map<String, Integer> sizes : this.packs.values()) {
			for (Map.Entry<String, Integer> section : sizes.entrySet()) {
				total += section.getValue();
				if (used.contains(section.getKey())) {
					live.putIfAbsent(section.getKey(), section.getValue());
				}
			}
		}
		long liveBytes = live.values().stream().mapToLong(Integer::longValue).sum();
		if (total < COMPACT_FROM || total <= 2 * liveBytes) {
			return;
		}
		Map<String, String> sections = new LinkedHashMap<>();
		for (String file : this.packs.keySet()) {
			read(file, sections);
		}
		sections.keySet().retainAll(used);
		Set<String> old = Set.copyOf(this.packs.keySet());
		this.packs.clear();
		save(new StoredPolicy(this.files.read(INDEX).orElseThrow(), this.files.read(ETAG).orElse(null), sections),
				used);
		for (String file : old) {
			if (!this.packs.containsKey(file)) {
				this.files.delete(file);
			}
		}
	}

	/**
	 * A rendered policy as received.
	 *
	 * @param index the index's JSON, as the console sent it
	 * @param etag its ETag, or {@code null}
	 * @param sections section texts by name
	 */
	public record StoredPolicy(String index, String etag, Map<String, String> sections) {

	}

}
