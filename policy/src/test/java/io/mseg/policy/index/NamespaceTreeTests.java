package io.mseg.policy.index;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mseg.policy.model.NamespacePath;

import static io.mseg.policy.Fixtures.ns;
import static org.assertj.core.api.Assertions.assertThat;

class NamespaceTreeTests {

	private final NamespaceTree tree = new NamespaceTree();

	NamespaceTreeTests() {
		this.tree.add(ns("/acme"), "a");
		this.tree.add(ns("/acme/prod"), "b");
		this.tree.add(ns("/acme/prod/web"), "c");
		this.tree.add(ns("/other"), "d");
	}

	@Test
	void subtreeSizesCountEveryDescendant() {
		assertThat(this.tree.subtreeSize(NamespacePath.ROOT)).isEqualTo(4);
		assertThat(this.tree.subtreeSize(ns("/acme"))).isEqualTo(3);
		assertThat(this.tree.subtreeSize(ns("/acme/prod/web"))).isEqualTo(1);
		assertThat(this.tree.subtreeSize(ns("/nowhere"))).isZero();
		assertThat(this.tree.members(ns("/acme"))).containsExactly("a");
	}

	@Test
	void aSubtreeWalkVisitsOnlyThatSubtree() {
		List<String> visited = new ArrayList<>();
		this.tree.forEachInSubtree(ns("/acme/prod"), visited::add);
		assertThat(visited).containsExactlyInAnyOrder("b", "c");
	}

	@Test
	void namespacesLeftEmptyAreForgottenWithTheirEmptyAncestors() {
		this.tree.remove(ns("/acme/prod/web"), "c");
		this.tree.remove(ns("/acme/prod"), "b");
		List<NamespacePath> visited = new ArrayList<>();
		this.tree.forEachNamespace(NamespacePath.ROOT, visited::add);
		assertThat(visited).containsExactlyInAnyOrder(NamespacePath.ROOT, ns("/acme"), ns("/other"));
		assertThat(this.tree.subtreeSize(ns("/acme"))).isEqualTo(1);
	}

	@Test
	void addingTheSameIdTwiceCountsItOnce() {
		this.tree.add(ns("/acme"), "a");
		assertThat(this.tree.subtreeSize(NamespacePath.ROOT)).isEqualTo(4);
	}

	@Test
	void upwardListsTheNamespaceThenItsAncestors() {
		assertThat(this.tree.upward(ns("/acme/prod/web"))).containsExactly(ns("/acme/prod/web"), ns("/acme/prod"),
				ns("/acme"), NamespacePath.ROOT);
	}

}
