package io.mseg.e2e.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A lab of hosts, a console in a host of its own on the same bridge, and one enforcer per
 * protected host running inside that host's namespace, torn down in reverse order
 * (enforcers, relays, console, namespaces, scratch directory) even when a step fails.
 */
public final class World implements AutoCloseable {

	/** Ports every host listens on. */
	public static final List<Integer> TCP_PORTS = List.of(443, 6379, 6380, 6381, 8080);

	/** UDP ports every host listens on. */
	public static final List<Integer> UDP_PORTS = List.of(5353, 6379);

	/** The namespace {@link #enforce(Host, String...)} puts enforcers in. */
	public static final String PROD = "/acme/prod";

	/** The address suffix of the console's host. */
	private static final int CONSOLE_HOST = 250;

	/** The port of the relay a test can cut, in the console's host. */
	private static final int RELAY_PORT = 9443;

	/**
	 * The port on 127.0.0.1 of the console's host where it fetches the tests' feeds:
	 * below the ephemeral range, so no port the console picks for itself (its database's)
	 * takes it.
	 */
	private static final int FEED_PORT = 9444;

	/** The refresh interval of {@link #feedSource}: the shortest a source may have. */
	public static final String FEED_REFRESH = "1m";

	private final Workspace workspace;

	private final Lab lab;

	private final ConsoleProcess console;

	private final Map<String, EnforcerProcess> enforcers = new LinkedHashMap<>();

	private final Map<String, String> tokens = new LinkedHashMap<>();

	private final List<String[]> objects = new ArrayList<>();

	private Relay relay;

	private DnsServer dns;

	private FeedPublisher feeds;

	private Relay feedRelay;

	public World(String name) {
		this.workspace = new Workspace(name);
		Lab created = null;
		try {
			created = new Lab();
			this.lab = created;
			this.console = new ConsoleProcess(this.workspace, this.lab.host("console", CONSOLE_HOST));
		}
		catch (RuntimeException ex) {
			if (created != null) {
				created.close();
			}
			this.workspace.close();
			throw ex;
		}
	}

	/**
	 * A world set up by a test class: when the set-up fails, the logs are printed and
	 * everything started so far is torn down.
	 * @param name the name of its scratch directory and logs
	 * @param setUp what the test class starts in it
	 * @return the world
	 */
	public static World create(String name, Consumer<World> setUp) {
		World world = new World(name);
		try {
			setUp.accept(world);
			return world;
		}
		catch (RuntimeException | Error ex) {
			System.err.println(world.logs());
			world.close();
			throw ex;
		}
	}

	/**
	 * Adds a host with listeners on {@link #TCP_PORTS} and {@link #UDP_PORTS}.
	 * @param name its name
	 * @param index its address suffix
	 * @return the host
	 */
	public Host host(String name, int index) {
		Host host = this.lab.host(name, index);
		host.listen(TCP_PORTS, UDP_PORTS);
		return host;
	}

	/**
	 * Adds a workload behind a node ({@link Lab#workload}) with listeners on
	 * {@link #TCP_PORTS} and {@link #UDP_PORTS}.
	 * @param node the node
	 * @param name its name
	 * @param v4 its IPv4 address
	 * @param v6 its IPv6 address, or {@code null}
	 * @param iface the node side of its veth
	 * @return the workload
	 */
	public Host workload(Host node, String name, String v4, String v6, String iface) {
		Host workload = this.lab.workload(node, name, v4, v6, iface);
		workload.listen(TCP_PORTS, UDP_PORTS);
		return workload;
	}

	public Lab lab() {
		return this.lab;
	}

	/**
	 * A directory of the test's scratch space.
	 * @param name its name
	 * @return the directory (created)
	 */
	public Path directory(String name) {
		return this.workspace.directory(name);
	}

	/**
	 * Adds a host with a DNS server and no listeners.
	 * @param name its name
	 * @param index its address suffix
	 * @param zone the records it answers with
	 * @return the server
	 */
	public DnsServer dnsServer(String name, int index, DnsServer.Zone zone) {
		this.dns = new DnsServer(this.workspace, this.lab.host(name, index), zone);
		return this.dns;
	}

	/**
	 * The publisher of the feeds of external networks, in the test JVM, which the console
	 * reaches at {@link #feedUrl} through a relay out of its host. The console is started
	 * with 127.0.0.1 allowed as a feed host (loopback is refused by default) and a poll
	 * interval of 1 s, so that a new source is fetched within a second of its creation.
	 * The first call must come before {@link #startConsole()}.
	 * @return the publisher
	 */
	public FeedPublisher feeds() {
		if (this.feeds == null) {
			if (this.console.api() != null) {
				throw new IllegalStateException("the feed publisher must be set up before the console starts");
			}
			this.feeds = new FeedPublisher(this.workspace.directory("feeds"));
			this.feedRelay = Relay.outOfNamespace(this.console.host().ns(), FEED_PORT, this.feeds.port(),
					this.workspace.path("feeds.sock"));
			this.console.environment("MSEG_FEEDS_ALLOWEDHOSTS", "127.0.0.1");
			this.console.argument("--mseg.feeds.poll-interval=1s");
		}
		return this.feeds;
	}

	/**
	 * A feed's URL as the console fetches it.
	 * @param path its path at the {@link #feeds()} publisher
	 * @return the URL
	 */
	public String feedUrl(String path) {
		return "https://127.0.0.1:" + FEED_PORT + path;
	}

	/**
	 * The {@code source} of an external network fed from the {@link #feeds()} publisher:
	 * the text format, refreshed every {@value #FEED_REFRESH}, the publisher's
	 * certificate as the CA.
	 * @param path the feed's path
	 * @return the source's fields
	 */
	public Map<String, Object> feedSource(String path) {
		return Bodies.map("url", feedUrl(path), "format", "text", "refreshInterval", FEED_REFRESH, "caCertificate",
				feeds().caCertificate());
	}

	/**
	 * Waits until the status of a feed-backed network's source satisfies a condition.
	 * @param namespace the network's namespace
	 * @param id its ID
	 * @param what what is awaited, for the failure message
	 * @param timeout the longest wait
	 * @param condition on the {@code sourceStatus} (an empty object before the first
	 * fetch)
	 * @return the network as it was then
	 */
	public JsonNode awaitSourceStatus(String namespace, String id, String what, Duration timeout,
			Predicate<JsonNode> condition) {
		JsonNode[] last = new JsonNode[1];
		Await.until(what, timeout, () -> {
			last[0] = api().get(namespace, "/externalnetworks/" + id);
			JsonNode status = last[0].get("sourceStatus");
			return condition
				.test((status != null && status.isObject()) ? status : JsonNodeFactory.instance.objectNode());
		}, () -> "last seen: " + last[0] + "\n" + logs());
		return last[0];
	}

	/** Starts the console and creates the namespaces /acme and /acme/prod. */
	public void startConsole() {
		this.console.start();
		api().createNamespace("/", "acme");
		api().createNamespace("/acme", "prod");
	}

	/**
	 * Offers the console on a second port of its host, through a relay a test can cut to
	 * make the console unreachable for the enforcers started with {@link #viaRelay()}
	 * while it keeps serving the API.
	 * @return the relay
	 */
	public Relay relay() {
		if (this.relay == null) {
			this.relay = Relay.inNamespace(this.console.host().ns(), RELAY_PORT, ConsoleProcess.PORT);
		}
		return this.relay;
	}

	/** The console's URL through {@link #relay()}. */
	public URI viaRelay() {
		relay();
		return URI.create("https://" + this.console.host().v4() + ":" + RELAY_PORT);
	}

	public ConsoleProcess console() {
		return this.console;
	}

	public AdminApi api() {
		return this.console.api();
	}

	/**
	 * A host's own enrollment token, good for one enrollment: an enforcer started again
	 * with it (as a service unit restarting it would) must not need it a second time.
	 * @param host the host
	 * @param namespace where it enrolls
	 * @return the token text
	 */
	public String token(Host host, String namespace) {
		return this.tokens.computeIfAbsent(host.name(), (name) -> api().enrollmentToken(namespace, 1));
	}

	/**
	 * Starts an enforcer for a host in {@value #PROD}, connecting to the console's IPv4
	 * address.
	 * @param host the host
	 * @param tags the tags of its processing unit
	 * @return the enforcer
	 */
	public EnforcerProcess enforce(Host host, String... tags) {
		return enforce(host, PROD, this.console.uri(), List.of(), tags);
	}

	/**
	 * The ID of the enforcer of that name in {@link #PROD}.
	 * @param name the enforcer's name (its host's)
	 * @return its ID
	 */
	public String enforcerId(String name) {
		List<String> ids = api().get(PROD, "/enforcers")
			.valueStream()
			.filter((enforcer) -> name.equals(enforcer.get("name").asString()))
			.map((enforcer) -> enforcer.get("ID").asString())
			.toList();
		if (ids.size() != 1) {
			throw new AssertionError("expected one enforcer named " + name + " but found " + ids);
		}
		return ids.get(0);
	}

	/**
	 * Starts an enforcer inside a host's namespace.
	 * @param host the host
	 * @param namespace the console namespace it enrolls in
	 * @param console the console's URL it is given
	 * @param options more flags
	 * @param tags the tags of its processing unit
	 * @return the enforcer
	 */
	public EnforcerProcess enforce(Host host, String namespace, URI console, List<String> options, String... tags) {
		EnforcerProcess enforcer = new EnforcerProcess(this.workspace, host, console, token(host, namespace), options,
				tags);
		this.enforcers.put(host.name(), enforcer);
		enforcer.start();
		return enforcer;
	}

	public EnforcerProcess enforcer(Host host) {
		return this.enforcers.get(host.name());
	}

	/**
	 * Creates an object through the API and remembers it for {@link #deleteObjects()}.
	 * @param namespace its namespace
	 * @param path its collection, e.g. {@code /networkaccesspolicies}
	 * @param body its fields
	 * @return its ID
	 */
	public String create(String namespace, String path, Map<String, Object> body) {
		JsonNode created = api().post(namespace, path, body);
		String id = created.get("ID").asString();
		this.objects.add(new String[] { namespace, path + "/" + id });
		return id;
	}

	/** Deletes what {@link #create} created, newest first. */
	public void deleteObjects() {
		for (int i = this.objects.size() - 1; i >= 0; i--) {
			String[] object = this.objects.get(i);
			api().delete(object[0], object[1]);
		}
		this.objects.clear();
	}

	/**
	 * Waits until the policy's rules are (or are no longer) in the hosts' kernels.
	 * @param policyId the policy
	 * @param present whether its rules must be there
	 * @param timeout the longest wait
	 * @param hosts the hosts
	 * @return how long it took until the last host had it
	 */
	public Duration awaitRules(String policyId, boolean present, Duration timeout, Host... hosts) {
		return Await.until("rules of policy " + policyId + (present ? " in " : " gone from ") + List.of(hosts), timeout,
				() -> {
					for (Host host : hosts) {
						if (host.table(EnforcerProcess.TABLE).contains("[" + policyId + "]") != present) {
							return false;
						}
					}
					return true;
				}, this::logs);
	}

	/**
	 * The tails of every log, for failure messages.
	 * @return the text
	 */
	public String logs() {
		StringBuilder text = new StringBuilder();
		this.enforcers.forEach((name, enforcer) -> text.append("--- enforcer ")
			.append(name)
			.append(":\n")
			.append(enforcer.tail())
			.append('\n'));
		text.append("--- console:\n").append(this.console.tail()).append('\n');
		return text.toString();
	}

	@Override
	public void close() {
		try {
			this.enforcers.values().forEach(EnforcerProcess::stop);
			if (this.relay != null) {
				this.relay.close();
			}
			this.console.close();
			if (this.feedRelay != null) {
				this.feedRelay.close();
			}
			if (this.feeds != null) {
				this.feeds.close();
			}
		}
		finally {
			try {
				if (this.dns != null) {
					this.dns.close();
				}
				this.lab.close();
			}
			finally {
				this.workspace.close();
			}
		}
	}

}
