package io.mseg.console.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the API's changes of policy state (namespaces, policies, external networks,
 * processing units) in shared transactions: group commit. Every such change takes the
 * policy write lock and holds it until its commit is durable, so one change per
 * transaction allows only as many changes per second as the disk allows commits. Here one
 * thread takes the changes waiting, up to {@value #MOST_PER_TRANSACTION}, and runs them
 * one after the other in one transaction, under one lock and one new policy version; each
 * caller is answered once that transaction committed. When one change of such a group
 * fails, the group is rolled back and each of its changes runs again in a transaction of
 * its own, so that a change fails or succeeds exactly as it would alone. Changes
 * therefore apply in the order they were taken, each sees the ones before it, and the
 * push still sees one version per committed transaction, in commit order.
 */
@Component
public class PolicyWrites {

	static final int MOST_PER_TRANSACTION = 100;

	private static final String GROUP = PolicyWrites.class.getName() + ".group";

	private static final Logger log = LoggerFactory.getLogger(PolicyWrites.class);

	private final TransactionTemplate transactions;

	private final PolicyWriteLock writeLock;

	private final BlockingQueue<Change<?>> waiting = new LinkedBlockingQueue<>();

	private final DistributionSummary groupSizes;

	private final Thread committer;

	private volatile boolean stopped;

	PolicyWrites(PlatformTransactionManager transactionManager, PolicyWriteLock writeLock, MeterRegistry meters) {
		this.transactions = new TransactionTemplate(transactionManager);
		this.writeLock = writeLock;
		this.groupSizes = DistributionSummary.builder("mseg.policy.writes.group.size")
			.description("Changes committed together in one transaction")
			.register(meters);
		this.committer = new Thread(this::commitInGroups, "policy-writes");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/**
	 * Runs a change of policy state in a transaction shared with other callers' changes,
	 * as the caller (its security context), and waits until it is committed.
	 * @param <T> what the change answers
	 * @param change the change: calls of transactional services, which join the shared
	 * transaction
	 * @return what the change answered
	 * @throws RuntimeException what the change threw, or what the commit threw
	 */
	public <T> T run(Supplier<T> change) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("a grouped change cannot be made from within a transaction");
		}
		Change<T> pending = new Change<>(change, SecurityContextHolder.getContext());
		synchronized (this.waiting) {
			if (this.stopped) {
				throw new IllegalStateException("the console is shutting down");
			}
			this.waiting.add(pending);
		}
		try {
			return pending.result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a change to commit", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** How many changes wait for the committer (tests). */
	int waiting() {
		return this.waiting.size();
	}

	/** After the web server stopped: what is still waiting fails. */
	@PreDestroy
	void stop() throws InterruptedException {
		synchronized (this.waiting) {
			this.stopped = true;
		}
		this.committer.interrupt();
		this.committer.join(10_000);
		List<Change<?>> left = new ArrayList<>();
		this.waiting.drainTo(left);
		left.forEach((change) -> change.result
			.completeExceptionally(new IllegalStateException("the console is shutting down")));
	}

	private void commitInGroups() {
		List<Change<?>> group = new ArrayList<>();
		while (!this.stopped) {
			try {
				group.add(this.waiting.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.waiting.drainTo(group, MOST_PER_TRANSACTION - 1);
			try {
				commit(group);
			}
			catch (RuntimeException | Error ex) {
				// Never leave a caller waiting, nor the committer dead.
				log.error("Committing a group of {} changes failed", group.size(), ex);
				group.forEach((change) -> change.result.completeExceptionally(ex));
			}
			group.clear();
		}
	}

	/**
	 * Commits a group; when one of its changes fails, those before it are committed
	 * together again, the failing one alone (its own answer, with every check), and those
	 * after it as the next group. A change's answer is thus always that of a committed
	 * group or of the change alone, never a guess about which change of a group failed.
	 */
	private void commit(List<Change<?>> group) {
		if (group.isEmpty()) {
			return;
		}
		if (group.size() == 1) {
			commitAlone(group.get(0));
			return;
		}
		int[] running = { 0 };
		List<Object> results;
		try {
			results = this.transactions.execute((status) -> {
				TransactionResources.bindUntilCompletion(GROUP, Boolean.TRUE);
				this.writeLock.acquire();
				List<Object> answers = new ArrayList<>(group.size());
				for (running[0] = 0; running[0] < group.size(); running[0]++) {
					answers.add(group.get(running[0]).make());
				}
				return answers;
			});
		}
		catch (RuntimeException | Error ex) {
			int failed = running[0];
			log.debug("A group of {} changes rolled back at change {} ({})", group.size(), failed, ex.toString());
			if (failed >= group.size()) {
				// At commit, where the group's inserts are written in batches: halves,
				// until
				// the culprit is alone.
				int half = group.size() / 2;
				commit(group.subList(0, half));
				commit(group.subList(half, group.size()));
				return;
			}
			commit(group.subList(0, failed));
			commitAlone(group.get(failed));
			commit(group.subList(failed + 1, group.size()));
			return;
		}
		this.groupSizes.record(group.size());
		for (int i = 0; i < group.size(); i++) {
			group.get(i).complete(results.get(i));
		}
	}

	private void commitAlone(Change<?> change) {
		try {
			change.complete(this.transactions.execute((status) -> change.make()));
			this.groupSizes.record(1);
		}
		catch (RuntimeException | Error ex) {
			change.result.completeExceptionally(ex);
		}
	}

	/**
	 * Whether the current transaction commits a group of changes. Checks that the
	 * database enforces by a constraint anyway (a name unique in its namespace, an
	 * address of one processing unit only) are then left to it, saving a query per
	 * change, and new objects are inserted when the group commits, in batches: a
	 * violation fails the group, whose changes are then committed in smaller groups until
	 * the one at fault runs alone, checks and all, for its answer.
	 * @return whether in a group
	 */
	public static boolean inGroup() {
		return TransactionSynchronizationManager.hasResource(GROUP);
	}

	/** A caller's change, made as that caller. */
	private static final class Change<T> {

		private final Supplier<T> work;

		private final SecurityContext caller;

		private final CompletableFuture<T> result = new CompletableFuture<>();

		Change(Supplier<T> work, SecurityContext caller) {
			this.work = work;
			this.caller = caller;
		}

		T make() {
			SecurityContext committer = SecurityContextHolder.getContext();
			SecurityContextHolder.setContext(this.caller);
			try {
				return this.work.get();
			}
			finally {
				SecurityContextHolder.setContext(committer);
			}
		}

		@SuppressWarnings("unchecked")
		void complete(Object answer) {
			this.result.complete((T) answer);
		}

	}

}
