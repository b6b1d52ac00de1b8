package io.mseg.policy.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.mseg.policy.model.NamespacePath;

/**
 * Object ids by namespace, with the namespace tree above them, so that a subtree can be
 * walked and its size known without looking at other namespaces. Changes need external
 * locking; reads may run concurrently.
 */
final class NamespaceTree {

	private final Map<NamespacePath, Node> nodes = new HashMap<>();

	private final Map<NamespacePath, List<NamespacePath>> upward = new ConcurrentHashMap<>();

	/**
	 * Adds an id to a namespace.
	 * @param namespace the namespace
	 * @param id the id, not yet in that namespace
	 */
	void add(NamespacePath namespace, String id) {
		if (!this.nodes.computeIfAbsent(namespace, (ns) -> new Node()).members.add(id)) {
			return;
		}
		NamespacePath child = null;
		for (NamespacePath ns : upward(namespace)) {
			Node node = this.nodes.computeIfAbsent(ns, (key) -> new Node());
			node.subtreeSize++;
			if (child != null) {
				node.children.add(child);
			}
			child = ns;
		}
	}

	/**
	 * Removes an id from a namespace; namespaces left empty are forgotten.
	 * @param namespace the namespace
	 * @param id the id
	 */
	void remove(NamespacePath namespace, String id) {
		Node own = this.nodes.get(namespace);
		if (own == null || !own.members.remove(id)) {
			return;
		}
		NamespacePath emptied = null;
		for (NamespacePath ns : upward(namespace)) {
			Node node = this.nodes.get(ns);
			if (emptied != null) {
				node.children.remove(emptied);
			}
			node.subtreeSize--;
			emptied = null;
			if (node.subtreeSize == 0) {
				this.nodes.remove(ns);
				emptied = ns;
			}
		}
	}

	/**
	 * The ids in one namespace.
	 * @param namespace the namespace
	 * @return a live, unmodifiable view; empty when none
	 */
	Set<String> members(NamespacePath namespace) {
		Node node = this.nodes.get(namespace);
		return (node != null) ? Collections.unmodifiableSet(node.members) : Set.of();
	}

	/**
	 * How many ids the subtree holds.
	 * @param namespace the root of the subtree
	 * @return the count, 0 when none
	 */
	int subtreeSize(NamespacePath namespace) {
		Node node = this.nodes.get(namespace);
		return (node != null) ? node.subtreeSize : 0;
	}

	/**
	 * Visits the namespaces of a subtree that hold ids, or have descendants that do.
	 * @param namespace the root of the subtree, visited first
	 * @param visitor called once per namespace
	 */
	void forEachNamespace(NamespacePath namespace, Consumer<NamespacePath> visitor) {
		Node node = this.nodes.get(namespace);
		if (node == null) {
			return;
		}
		visitor.accept(namespace);
		for (NamespacePath child : node.children) {
			forEachNamespace(child, visitor);
		}
	}

	/**
	 * Visits every id of a subtree.
	 * @param namespace the root of the subtree
	 * @param visitor called once per id
	 */
	void forEachInSubtree(NamespacePath namespace, Consumer<String> visitor) {
		forEachNamespace(namespace, (ns) -> this.nodes.get(ns).members.forEach(visitor));
	}

	/**
	 * A namespace and its ancestors, nearest first; cached because
	 * {@link NamespacePath#parent()} parses.
	 * @param namespace the namespace
	 * @return the namespace, its parent, ..., the root
	 */
	List<NamespacePath> upward(NamespacePath namespace) {
		return this.upward.computeIfAbsent(namespace, (start) -> {
			List<NamespacePath> path = new ArrayList<>();
			for (NamespacePath ns = start; ns != null; ns = ns.parent().orElse(null)) {
				path.add(ns);
			}
			return List.copyOf(path);
		});
	}

	private static final class Node {

		private final Set<String> members = new HashSet<>();

		private final Set<NamespacePath> children = new HashSet<>();

		private int subtreeSize;

	}

}
