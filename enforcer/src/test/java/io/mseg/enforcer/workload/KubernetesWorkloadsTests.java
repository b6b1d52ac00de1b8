package io.mseg.enforcer.workload;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.mseg.enforcer.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.mseg.enforcer.workload.TestPods.NODE;
import static io.mseg.enforcer.workload.TestPods.pod;
import static io.mseg.enforcer.workload.TestPods.running;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KubernetesWorkloads} against fabric8's mock API server, over the JDK HTTP client
 * the enforcer uses: in CRUD mode (a small in-memory API server) for pods coming,
 * changing and going; with scripted answers for what the CRUD mode cannot do (filter by
 * {@code spec.nodeName}) and for a watch that ends or expires.
 */
class KubernetesWorkloadsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String LIST = "/api/v1/pods?fieldSelector=spec.nodeName%3D" + NODE + "&resourceVersion=0";

	private static final String RELIST = "/api/v1/pods?fieldSelector=spec.nodeName%3D" + NODE;

	private final BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private KubernetesWorkloads source;

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void podsComingChangingAndGoingAreFollowedAndEachChangeReported() throws Exception {
		KubernetesClient client = client(crudServer());
		client.pods().inNamespace("shop").resource(running("web-1", "10.0.0.1")).create();

		Workloads first = start(client);
		assertThat(first.workloads()).extracting(Workload::name).containsExactly("shop/web-1");
		assertThat(first.problems()).isEmpty();
		assertThat(this.changes).as("what start() returns with is no change").isEmpty();

		client.pods().inNamespace("shop").resource(running("web-2", "10.0.0.2")).create();
		awaitChange((now) -> names(now).equals(List.of("shop/web-1", "shop/web-2")));

		client.pods().inNamespace("shop").withName("web-2").edit((pod) -> labelled(pod, "app", "shop"));
		Workloads labelled = awaitChange((now) -> workload(now, "shop/web-2").tags().contains("app=shop"));
		assertThat(workload(labelled, "shop/web-2").tags()).containsExactly("app=shop", "k8s:namespace=shop");

		client.pods().inNamespace("shop").withName("web-1").delete();
		awaitChange((now) -> names(now).equals(List.of("shop/web-2")));
	}

	@Test
	void aPodUpdateThatLeavesItsWorkloadAsItWasIsNoChange() throws Exception {
		KubernetesClient client = client(crudServer());
		client.pods().inNamespace("shop").resource(running("web-1", "10.0.0.1")).create();
		start(client);

		client.pods()
			.inNamespace("shop")
			.withName("web-1")
			.edit((pod) -> new PodBuilder(pod).editMetadata().addToAnnotations("seen", "1").endMetadata().build());
		client.pods()
			.inNamespace("shop")
			.withName("web-1")
			.editStatus((pod) -> new PodBuilder(pod).editStatus()
				.addNewCondition()
				.withType("Ready")
				.withStatus("True")
				.endCondition()
				.endStatus()
				.build());
		client.pods().inNamespace("shop").resource(running("web-2", "10.0.0.2")).create();

		// the informer delivers events in order: had the annotation or the status been a
		// change, it would have been reported before web-2 came
		assertThat(this.changes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
		assertThat(names(this.source.current())).containsExactly("shop/web-1", "shop/web-2");
		assertThat(this.changes).isEmpty();
	}

	@Test
	void aPodStartingAndFinishingComesAndGoes() throws Exception {
		KubernetesClient client = client(crudServer());
		client.pods().inNamespace("shop").resource(pod("shop", "job-1").phase("Pending").build()).create();
		assertThat(start(client).workloads()).isEmpty();

		client.pods().inNamespace("shop").resource(pod("shop", "job-1").ips("10.0.0.9").build()).update();
		awaitChange((now) -> names(now).equals(List.of("shop/job-1")));

		client.pods()
			.inNamespace("shop")
			.resource(pod("shop", "job-1").phase("Succeeded").ips("10.0.0.9").build())
			.update();
		awaitChange((now) -> now.workloads().isEmpty());
	}

	@Test
	void onlyThePodsOfThisNodeAreAskedFor() throws Exception {
		KubernetesMockServer server = server();
		// had the source asked for every pod, it would have had node-b's too
		server.expect().get().withPath(LIST).andReturn(200, list("1", running("web-1", "10.0.0.1"))).always();
		server.expect()
			.get()
			.withPath("/api/v1/pods?resourceVersion=0")
			.andReturn(200,
					list("1", running("web-1", "10.0.0.1"),
							pod("shop", "web-9").node("node-b").ips("10.0.0.9").build()))
			.always();
		openWatch(server, "1");

		assertThat(names(start(client(server)))).containsExactly("shop/web-1");
		assertThat(requests(server, 2)).containsExactly(LIST, watch("1"));
	}

	@Test
	void aWatchTheServerEndsIsWatchedAgainFromWhereItEnded() throws Exception {
		KubernetesMockServer server = server();
		server.expect().get().withPath(LIST).andReturn(200, list("1", running("web-1", "10.0.0.1"))).once();
		server.expect()
			.get()
			.withPath(watch("1"))
			.andUpgradeToWebSocket()
			.open()
			.waitFor(50)
			.andEmit(new WatchEvent(version(labelled(running("web-1", "10.0.0.1"), "app", "web"), "2"), "MODIFIED"))
			.done()
			.once();
		server.expect()
			.get()
			.withPath(watch("2"))
			.andUpgradeToWebSocket()
			.open()
			.waitFor(50)
			.andEmit(new WatchEvent(version(running("web-2", "10.0.0.2"), "3"), "ADDED"))
			.expect("never")
			.andEmit("")
			.always()
			.done()
			.always();

		start(client(server));
		Workloads both = awaitChange((now) -> names(now).equals(List.of("shop/web-1", "shop/web-2")));

		assertThat(workload(both, "shop/web-1").tags()).contains("app=web");
		assertThat(requests(server, 3)).containsExactly(LIST, watch("1"), watch("2"));
		assertThat(both.problems()).isEmpty();
	}

	@Test
	void anExpiredWatchListsAgainAndThePodsOfTheNewListAreTheWorkloads() throws Exception {
		KubernetesMockServer server = server();
		server.expect()
			.get()
			.withPath(LIST)
			.andReturn(200, list("1", running("web-1", "10.0.0.1"), running("web-2", "10.0.0.2")))
			.once();
		server.expect()
			.get()
			.withPath(watch("1"))
			.andUpgradeToWebSocket()
			.open()
			.waitFor(50)
			.andEmit(new WatchEvent(new StatusBuilder().withStatus("Failure")
				.withCode(410)
				.withReason("Expired")
				.withMessage("too old resource version: 1 (7)")
				.build(), "ERROR"))
			.done()
			.once();
		// web-2 went and web-3 came while the watch was down: only the new list knows
		server.expect()
			.get()
			.withPath(RELIST)
			.andReturn(200, list("7", running("web-1", "10.0.0.1"), running("web-3", "10.0.0.3")))
			.once();
		openWatch(server, "7");

		assertThat(names(start(client(server)))).containsExactly("shop/web-1", "shop/web-2");
		Workloads relisted = awaitChange((now) -> names(now).equals(List.of("shop/web-1", "shop/web-3")));

		assertThat(requests(server, 4)).containsExactly(LIST, watch("1"), RELIST, watch("7"));
		assertThat(relisted.problems()).as("an expired watch is routine").isEmpty();
	}

	@Test
	void anApiServerThatCannotBeReachedIsAProblemUntilItAnswers() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		KubernetesClient client = client("http://localhost:" + port + "/");
		try (LogCapture logs = new LogCapture()) {
			this.source = new KubernetesWorkloads(client, false, NODE, Duration.ofMillis(500), Duration.ofMillis(100));
			this.resources.add(this.source);
			this.source.start(() -> this.changes.add(true));

			assertThat(this.source.current().workloads()).isEmpty();
			assertThat(this.source.current().problems()).singleElement()
				.asString()
				.startsWith("kubernetes: the pods of node node-a cannot be listed (")
				.endsWith("), retrying");

			KubernetesMockServer server = new KubernetesMockServer(false);
			server.expect().get().withPath(LIST).andReturn(200, list("1", running("web-1", "10.0.0.1"))).once();
			openWatch(server, "1");
			server.init(InetAddress.getLoopbackAddress(), port);
			this.resources.add(server::destroy);

			awaitChange((now) -> names(now).equals(List.of("shop/web-1")) && now.problems().isEmpty());
			assertThat(logs.messages(Level.WARNING)).as("a problem is logged once, not at every retry")
				.singleElement()
				.asString()
				.startsWith("kubernetes: the pods of node node-a cannot be listed");
			assertThat(logs.messages(Level.INFO))
				.contains("Workloads from Kubernetes: 1 pods (added 1, changed 0, removed 0)");
		}
	}

	@Test
	void aWatchThatStaysDownIsAProblemAndTheLastPodsStay() throws Exception {
		KubernetesMockServer server = server();
		server.expect().get().withPath(LIST).andReturn(200, list("1", running("web-1", "10.0.0.1"))).once();
		server.expect()
			.get()
			.withPath(watch("1"))
			.andUpgradeToWebSocket()
			.open()
			.waitFor(1000)
			.andEmit(new WatchEvent(version(running("web-1", "10.0.0.1"), "2"), "MODIFIED"))
			.done()
			.once();
		server.expect().get().withPath(watch("2")).andReturn(503, "unavailable").always();

		assertThat(start(client(server), Duration.ofMillis(100)).problems()).isEmpty();
		Workloads down = awaitChange((now) -> !now.problems().isEmpty());

		assertThat(names(down)).containsExactly("shop/web-1");
		assertThat(down.problems()).singleElement()
			.asString()
			.startsWith("kubernetes: the pod watch is down (")
			.endsWith("), retrying; the last known pods stay protected");
	}

	private Workloads start(KubernetesClient client) {
		// the watch checked at 10 times the reconnect interval, as in production (5 s, 1
		// s)
		return start(client, Duration.ofSeconds(1));
	}

	private Workloads start(KubernetesClient client, Duration watchCheck) {
		this.source = new KubernetesWorkloads(client, false, NODE, Duration.ofSeconds(5), watchCheck);
		this.resources.add(this.source);
		this.source.start(() -> this.changes.add(true));
		return this.source.current();
	}

	/** Waits for {@code changed} until the workloads are as expected. */
	private Workloads awaitChange(Predicate<Workloads> expected) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			Boolean change = this.changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			Workloads now = this.source.current();
			assertThat(change).as("a change within %s, the workloads are %s", WAIT, now).isNotNull();
			if (expected.test(now)) {
				return now;
			}
		}
	}

	private KubernetesMockServer crudServer() {
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new NodeSelectorIgnoringDispatcher(), false);
		server.init();
		this.resources.add(server::destroy);
		return server;
	}

	private KubernetesMockServer server() {
		KubernetesMockServer server = new KubernetesMockServer(false);
		server.init();
		this.resources.add(server::destroy);
		return server;
	}

	private KubernetesClient client(KubernetesMockServer server) {
		return client(server.url("/"));
	}

	private KubernetesClient client(String url) {
		// reconnects after 100 ms rather than 1 s: the tests wait less
		Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url)
			.withWatchReconnectInterval(100)
			.withRequestRetryBackoffLimit(0)
			.build();
		KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
			.withHttpClientFactory(new JdkHttpClientFactory())
			.build();
		this.resources.add(client);
		return client;
	}

	/** The paths of the first requests, waiting for them to come. */
	private static List<String> requests(KubernetesMockServer server, int count) throws InterruptedException {
		List<String> paths = new ArrayList<>();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (paths.size() < count) {
			RecordedRequest request = server.takeRequest(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			assertThat(request).as("request %s of %s, after %s", paths.size() + 1, count, paths).isNotNull();
			paths.add(request.getPath());
		}
		return paths;
	}

	private static String watch(String resourceVersion) {
		return "/api/v1/pods?allowWatchBookmarks=true&fieldSelector=spec.nodeName%3D" + NODE + "&resourceVersion="
				+ resourceVersion + "&timeoutSeconds=600&watch=true";
	}

	private static Object list(String resourceVersion, Pod... pods) {
		return new PodListBuilder().withNewMetadata()
			.withResourceVersion(resourceVersion)
			.endMetadata()
			.withItems(pods)
			.build();
	}

	private static Pod version(Pod pod, String resourceVersion) {
		return new PodBuilder(pod).editMetadata().withResourceVersion(resourceVersion).endMetadata().build();
	}

	private static Pod labelled(Pod pod, String key, String value) {
		return new PodBuilder(pod).editMetadata().addToLabels(key, value).endMetadata().build();
	}

	private static List<String> names(Workloads workloads) {
		return workloads.workloads().stream().map(Workload::name).toList();
	}

	private static Workload workload(Workloads workloads, String name) {
		return workloads.workloads().stream().filter((w) -> w.name().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * The CRUD mock filters by {@code metadata.name}, {@code metadata.namespace} and
	 * labels only: asked for the pods whose {@code spec.nodeName} is this node, it finds
	 * none. This one answers as if every pod were on this node (the CRUD tests create no
	 * other); {@link #onlyThePodsOfThisNodeAreAskedFor()} checks the selector.
	 */
	private static final class NodeSelectorIgnoringDispatcher extends KubernetesCrudDispatcher {

		private static final Pattern NODE_SELECTOR = Pattern.compile("fieldSelector=spec\\.nodeName%3D([^&]*)&?");

		@Override
		public MockResponse handleGet(String path) {
			Matcher selector = NODE_SELECTOR.matcher(path);
			if (selector.find() && selector.group(1).equals(NODE)) {
				return super.handleGet(selector.replaceFirst(""));
			}
			return super.handleGet(path);
		}

	}

	/**
	 * A watch from a resource version that stays open without an event: the server keeps
	 * it open while waiting for a message that never comes.
	 */
	private static void openWatch(KubernetesMockServer server, String resourceVersion) {
		server.expect()
			.get()
			.withPath(watch(resourceVersion))
			.andUpgradeToWebSocket()
			.open()
			.expect("never")
			.andEmit("")
			.always()
			.done()
			.always();
	}

}
