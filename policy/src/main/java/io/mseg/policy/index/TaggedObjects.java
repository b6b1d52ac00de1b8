package io.mseg.policy.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.tag.TagExpression;

/**
 * Processing units or external networks by id, by namespace and by tag, so that the
 * objects a tag expression selects are found without scanning all of them. Changes need
 * external locking; reads may run concurrently.
 *
 * @param <T> the kind of object
 */
final class TaggedObjects<T> {

	private final Function<T, String> idOf;

	private final Function<T, NamespacePath> namespaceOf;

	private final Function<T, Set<String>> tagsOf;

	private final Map<String, T> byId = new HashMap<>();

	/** Tag, and the {@code key=*} wildcards the tags satisfy, to ids. */
	private final Map<String, Set<String>> byTag = new HashMap<>();

	private final NamespaceTree namespaces = new NamespaceTree();

	TaggedObjects(Function<T, String> idOf, Function<T, NamespacePath> namespaceOf, Function<T, Set<String>> tagsOf) {
		this.idOf = idOf;
		this.namespaceOf = namespaceOf;
		this.tagsOf = tagsOf;
	}

	/**
	 * The keys under which an object with these tags is indexed: each tag, and the
	 * wildcard each satisfies ({@code app=*} for {@code app=web}). A clause tag can only
	 * match the object if it is one of these keys.
	 * @param tags an object's tags
	 * @return the keys
	 */
	static Set<String> keysOf(Set<String> tags) {
		Set<String> keys = new LinkedHashSet<>(tags);
		for (String tag : tags) {
			String wildcard = TagExpression.wildcardSatisfiedBy(tag);
			if (wildcard != null) {
				keys.add(wildcard);
			}
		}
		return keys;
	}

	T get(String id) {
		return this.byId.get(id);
	}

	Collection<T> all() {
		return Collections.unmodifiableCollection(this.byId.values());
	}

	int size() {
		return this.byId.size();
	}

	NamespaceTree namespaces() {
		return this.namespaces;
	}

	void add(T object) {
		String id = this.idOf.apply(object);
		this.byId.put(id, object);
		this.namespaces.add(this.namespaceOf.apply(object), id);
		for (String key : keysOf(this.tagsOf.apply(object))) {
			this.byTag.computeIfAbsent(key, (k) -> new HashSet<>()).add(id);
		}
	}

	void remove(T object) {
		String id = this.idOf.apply(object);
		this.byId.remove(id);
		this.namespaces.remove(this.namespaceOf.apply(object), id);
		for (String key : keysOf(this.tagsOf.apply(object))) {
			Set<String> ids = this.byTag.get(key);
			ids.remove(id);
			if (ids.isEmpty()) {
				this.byTag.remove(key);
			}
		}
	}

	/**
	 * How many objects a clause tag matches.
	 * @param tag a tag of an expression, possibly {@code key=*}
	 * @return the number of objects that have it (for {@code key=*}: any value of key)
	 */
	int count(String tag) {
		Set<String> ids = this.byTag.get(tag);
		return (ids != null) ? ids.size() : 0;
	}

	/**
	 * The objects an expression selects: the union over its clauses of the intersection
	 * of the clause's tag sets, smallest set first.
	 * @param expression the selector
	 * @return the ids, in no particular order
	 */
	Set<String> matching(TagExpression expression) {
		Set<String> ids = new HashSet<>();
		for (List<Set<String>> clause : clauseSets(expression)) {
			intersect(clause, ids::add);
		}
		return ids;
	}

	/**
	 * The objects in a namespace scope that an expression selects. When the scope holds
	 * fewer objects than the expression's smallest tag sets, the scope is walked instead
	 * of the tag sets.
	 * @param expression the selector
	 * @param within the namespace that bounds the scope
	 * @param subtree whether the scope is the subtree of {@code within}, or that
	 * namespace alone
	 * @param inScope the exact scope test, applied to every object returned
	 * @return the objects, in no particular order
	 */
	List<T> matching(TagExpression expression, NamespacePath within, boolean subtree, Predicate<T> inScope) {
		List<List<Set<String>>> clauses = clauseSets(expression);
		long estimate = 0;
		for (List<Set<String>> clause : clauses) {
			estimate += clause.get(0).size();
		}
		int scope = subtree ? this.namespaces.subtreeSize(within) : this.namespaces.members(within).size();
		List<T> selected = new ArrayList<>();
		if (scope < estimate) {
			Consumer<String> visit = (id) -> {
				T object = this.byId.get(id);
				if (inScope.test(object) && expression.matches(this.tagsOf.apply(object))) {
					selected.add(object);
				}
			};
			if (subtree) {
				this.namespaces.forEachInSubtree(within, visit);
			}
			else {
				this.namespaces.members(within).forEach(visit);
			}
			return selected;
		}
		Consumer<String> collect = (id) -> {
			T object = this.byId.get(id);
			if (inScope.test(object)) {
				selected.add(object);
			}
		};
		if (clauses.size() == 1) {
			intersect(clauses.get(0), collect);
		}
		else {
			matching(expression).forEach(collect);
		}
		return selected;
	}

	/** Per clause that can match at all, its tag sets, smallest first. */
	private List<List<Set<String>>> clauseSets(TagExpression expression) {
		List<List<Set<String>>> clauses = new ArrayList<>();
		for (List<String> clause : expression.clauses()) {
			List<Set<String>> sets = new ArrayList<>(clause.size());
			for (String tag : clause) {
				Set<String> ids = this.byTag.get(tag);
				if (ids == null) {
					sets = null;
					break;
				}
				sets.add(ids);
			}
			if (sets != null) {
				sets.sort(Comparator.comparingInt(Set::size));
				clauses.add(sets);
			}
		}
		return clauses;
	}

	private static void intersect(List<Set<String>> sets, Consumer<String> into) {
		Set<String> smallest = sets.get(0);
		for (String id : smallest) {
			boolean inAll = true;
			for (int i = 1; i < sets.size() && inAll; i++) {
				inAll = sets.get(i).contains(id);
			}
			if (inAll) {
				into.accept(id);
			}
		}
	}

}
