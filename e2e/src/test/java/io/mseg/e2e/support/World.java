package io.mseg.e2e.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A lab of hosts, a console and one enforcer per protected host, torn down in reverse
 * order (enforcers, console, namespaces, scratch directory) even when a step fails.
 */
public final class World implements AutoCloseable {

	/** Ports every host listens on. */
	public static final List<Integer> TCP_PORTS = List.of(443, 6379, 6380, 6381, 8080);

	/** UDP ports every host listens on. */
	public static final List<Integer> UDP_PORTS = List.of(5353, 6379);

	private final Workspace workspace;

	private final Lab lab;

	private final ConsoleProcess console;

	private final Map<String, EnforcerProcess> enforcers = new LinkedHashMap<>();

	private final List<String[]> objects = new ArrayList<>();

	private String token;

	private TcpProxy proxy;

	public World(String name) {
		this.workspace = new Workspace(name);
		Lab created = null;
		try {
			created = new Lab();
			this.lab = created;
			this.console = new ConsoleProcess(this.workspace);
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

	/** Starts the console and creates the namespaces /acme and /acme/prod. */
	public void startConsole() {
		this.console.start();
		api().createNamespace("/", "acme");
		api().createNamespace("/acme", "prod");
		this.token = api().enrollmentToken("/acme/prod", 20);
	}

	/**
	 * Puts a relay between the enforcers started from now on and the console, so a test
	 * can make the console unreachable for them while it keeps serving the API.
	 * @return the relay
	 */
	public TcpProxy proxy() {
		if (this.proxy == null) {
			this.proxy = new TcpProxy(this.console.port());
		}
		return this.proxy;
	}

	public ConsoleProcess console() {
		return this.console;
	}

	public AdminApi api() {
		return this.console.api();
	}

	/**
	 * Starts an enforcer for a host in /acme/prod and waits for its first policy.
	 * @param host the host
	 * @param tags the tags of its processing unit
	 * @return the enforcer
	 */
	public EnforcerProcess enforce(Host host, String... tags) {
		URI console = (this.proxy != null) ? URI.create("https://127.0.0.1:" + this.proxy.port()) : this.console.uri();
		EnforcerProcess enforcer = new EnforcerProcess(this.workspace, host, console, tags);
		this.enforcers.put(host.name(), enforcer);
		enforcer.start(this.token);
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
			if (this.proxy != null) {
				this.proxy.close();
			}
			this.console.stop();
		}
		finally {
			try {
				this.lab.close();
			}
			finally {
				this.workspace.close();
			}
		}
	}

}
