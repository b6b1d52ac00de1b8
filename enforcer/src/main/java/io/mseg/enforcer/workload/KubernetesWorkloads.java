package io.mseg.enforcer.workload;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The pods of this Kubernetes node as workloads (node mode), followed by an informer on
 * the API server: one list, then a watch of the pods whose {@code spec.nodeName} is this
 * node. The informer re-watches when a watch ends, lists again when the API server
 * answers {@code 410 Gone} (the resource version expired) and retries with a backoff when
 * the API server cannot be reached; meanwhile its cache, and so the workloads, stay as
 * they were, and {@link #current()} says that the watch is down.
 * <p>
 * A pod is a workload named {@code <namespace>/<pod name>}, with the addresses of its
 * {@code status.podIPs} (or {@code status.podIP}), its labels as tags plus
 * {@code k8s:namespace=<namespace>}, and Calico's name for its veth. Left out, without a
 * problem, since they are not workloads of ours: pods on the host network (they are the
 * node itself), pods without an address yet, finished pods (phase {@code Succeeded} or
 * {@code Failed}: their addresses go back to the pool and are reused) and pods being
 * deleted ({@code metadata.deletionTimestamp} set). Left out with a problem: a pod with a
 * label that cannot be a tag.
 * <p>
 * {@code changed} is told of every change of the workloads or of the problems, never of a
 * pod update that leaves its workload as it was (its status, an annotation). The service
 * account needs {@code list} and {@code watch} on pods in all namespaces.
 */
public final class KubernetesWorkloads implements WorkloadSource {

	private static final Logger log = Logger.getLogger(KubernetesWorkloads.class.getName());

	/**
	 * fabric8's informer logs each failed list or watch with its stack trace at WARNING,
	 * again at every retry; {@link #current()} reports the problem and it is logged once.
	 * Held: java.util.logging keeps loggers weakly, and with them their level.
	 */
	private static final Logger informerLog = Logger
		.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");

	private static final Duration FIRST_LIST_WAIT = Duration.ofSeconds(30);

	/** How often the watch is checked. */
	private static final Duration WATCH_CHECK = Duration.ofSeconds(5);

	/**
	 * A watch is down, as a problem, when found down at this many checks in a row: it is
	 * reconnected routinely (the API server ends it after 5 to 10 minutes).
	 */
	private static final int DOWN_CHECKS = 2;

	private final KubernetesClient client;

	private final boolean ownsClient;

	private final String nodeName;

	private final Duration firstListWait;

	private final Duration watchCheck;

	/**
	 * The source's thread: works out the workloads after events (once for a burst of
	 * them, such as a list), calls {@code changed} and checks the watch.
	 */
	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "kubernetes-workloads");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean updatePending = new AtomicBoolean();

	/** Used on the source's thread only, as {@link #downChecks} is. */
	private final WorkloadChanges changes = new WorkloadChanges("Kubernetes", "pods");

	private volatile SharedIndexInformer<Pod> informer;

	private volatile String watchProblem;

	private int downChecks;

	private boolean started;

	/**
	 * A source on a client someone else closes.
	 * @param client the client
	 * @param nodeName the name of this node ({@code spec.nodeName} of its pods)
	 */
	public KubernetesWorkloads(KubernetesClient client, String nodeName) {
		this(client, false, nodeName, FIRST_LIST_WAIT, WATCH_CHECK);
	}

	KubernetesWorkloads(KubernetesClient client, boolean ownsClient, String nodeName, Duration firstListWait,
			Duration watchCheck) {
		this.client = Objects.requireNonNull(client, "client");
		this.ownsClient = ownsClient;
		this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
		this.firstListWait = firstListWait;
		this.watchCheck = watchCheck;
	}

	/**
	 * A source that talks to the API server as the pod's service account (in-cluster
	 * configuration: {@code KUBERNETES_SERVICE_HOST}, the mounted token and CA), over the
	 * JDK's HTTP client.
	 * @param nodeName the name of this node
	 * @return the source, which closes its client
	 */
	public static KubernetesWorkloads inCluster(String nodeName) {
		KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(null))
			.withHttpClientFactory(new JdkHttpClientFactory())
			.build();
		return new KubernetesWorkloads(client, true, nodeName, FIRST_LIST_WAIT, WATCH_CHECK);
	}

	@Override
	public String name() {
		return "kubernetes";
	}

	@Override
	public void start(Runnable changed) {
		Objects.requireNonNull(changed, "changed");
		synchronized (this) {
			if (this.started) {
				throw new IllegalStateException("already started");
			}
			this.started = true;
		}
		informerLog.setLevel(Level.SEVERE);
		SharedIndexInformer<Pod> informer = this.client.pods()
			.inAnyNamespace()
			.withField("spec.nodeName", this.nodeName)
			.runnableInformer(0);
		informer.addEventHandler(new Handler());
		// by default an informer gives up when its first list fails; we keep trying
		informer.exceptionHandler((isStarted, ex) -> {
			watchDown(reason(ex));
			return true;
		});
		this.informer = informer;
		try {
			informer.start().toCompletableFuture().get(this.firstListWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			if (this.watchProblem == null) {
				watchDown("no answer from the API server within " + this.firstListWait.toSeconds() + " s");
			}
		}
		catch (ExecutionException ex) {
			watchDown(reason(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		long period = this.watchCheck.toMillis();
		this.thread.scheduleWithFixedDelay(this::checkWatch, period, period, TimeUnit.MILLISECONDS);
		try {
			// what start() returns with is no change: the caller reads current() next
			this.thread.submit(() -> {
				this.changes.update(current());
				this.changes.tell(changed);
			}).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the workloads of the first list", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public Workloads current() {
		SharedIndexInformer<Pod> informer = this.informer;
		if (informer == null) {
			return Workloads.NONE;
		}
		String problem = this.watchProblem;
		return PodMapping.workloads(informer.getStore().list(), (problem != null) ? List.of(problem) : List.of());
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		SharedIndexInformer<Pod> informer = this.informer;
		if (informer != null) {
			informer.stop();
		}
		if (this.ownsClient) {
			this.client.close();
		}
	}

	private void checkWatch() {
		SharedIndexInformer<Pod> informer = this.informer;
		if (informer.isWatching()) {
			this.downChecks = 0;
			if (this.watchProblem != null) {
				this.watchProblem = null;
				log.info(() -> "Kubernetes: the pod watch of node " + this.nodeName + " is up again");
				requestUpdate();
			}
		}
		else if (++this.downChecks >= DOWN_CHECKS && this.watchProblem == null) {
			Duration down = this.watchCheck.multipliedBy(this.downChecks);
			watchDown("not watching for "
					+ ((down.toMillis() < 1000) ? down.toMillis() + " ms" : down.toSeconds() + " s"));
		}
	}

	private void watchDown(String reason) {
		SharedIndexInformer<Pod> informer = this.informer;
		this.watchProblem = (informer != null && informer.hasSynced())
				? "kubernetes: the pod watch is down (" + reason + "), retrying; the last known pods stay protected"
				: "kubernetes: the pods of node " + this.nodeName + " cannot be listed (" + reason + "), retrying";
		requestUpdate();
	}

	private void requestUpdate() {
		if (this.updatePending.compareAndSet(false, true)) {
			try {
				this.thread.execute(() -> {
					this.updatePending.set(false);
					this.changes.update(current());
				});
			}
			catch (RejectedExecutionException ex) {
				// closed
			}
		}
	}

	/**
	 * The first line of an exception's message and of its root cause's. Never a header or
	 * a token: the client's messages name the request and the API server's answer.
	 */
	private static String reason(Throwable thrown) {
		Throwable ex = thrown;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = firstLine(ex);
		if (root != ex && !text.contains(firstLine(root))) {
			text += ": " + firstLine(root);
		}
		return (text.length() <= 200) ? text : text.substring(0, 197) + "...";
	}

	private static String firstLine(Throwable ex) {
		String message = Objects.requireNonNullElse(ex.getMessage(), "");
		String line = message.lines().findFirst().orElse("").strip();
		return line.isEmpty() ? ex.getClass().getSimpleName() : line;
	}

	/**
	 * Any event may change the workloads; the source's thread finds out whether they did.
	 */
	private final class Handler implements ResourceEventHandler<Pod> {

		@Override
		public void onAdd(Pod pod) {
			requestUpdate();
		}

		@Override
		public void onUpdate(Pod before, Pod now) {
			requestUpdate();
		}

		@Override
		public void onDelete(Pod pod, boolean finalStateUnknown) {
			requestUpdate();
		}

		@Override
		public void onList(String resourceVersion, boolean remainedEmpty) {
			requestUpdate();
		}

	}

}
