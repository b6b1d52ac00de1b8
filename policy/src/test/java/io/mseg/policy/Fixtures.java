package io.mseg.policy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.mseg.policy.model.ApplyMode;
import io.mseg.policy.model.ExternalNetwork;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.NetworkPolicy;
import io.mseg.policy.model.PolicyAction;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.model.SystemTags;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.network.NetworkEntries;
import io.mseg.policy.port.ServicePorts;
import io.mseg.policy.tag.TagExpression;

/**
 * Short ways to build the objects of the tests.
 */
public final class Fixtures {

	public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private Fixtures() {
	}

	public static NamespacePath ns(String path) {
		return NamespacePath.parse(path);
	}

	public static IpAddress ip(String text) {
		return IpAddress.parse(text);
	}

	/** A processing unit named after its id, with system tags and the given user tags. */
	public static ProcessingUnit pu(String id, String namespace, String address, String... userTags) {
		NamespacePath path = ns(namespace);
		List<IpAddress> addresses = (address != null) ? List.of(ip(address)) : List.of();
		return new ProcessingUnit(id, id, path, "Host", addresses,
				SystemTags.forProcessingUnit(id, id, path, "Host", "enforcer-" + id, Arrays.asList(userTags)), null);
	}

	/**
	 * An external network named after its id, with system tags and the given user tags.
	 */
	public static ExternalNetwork network(String id, String namespace, List<String> entries, List<String> servicePorts,
			boolean propagate, String... userTags) {
		NamespacePath path = ns(namespace);
		return new ExternalNetwork(id, id, path, NetworkEntries.parse(entries), ServicePorts.parse(servicePorts),
				SystemTags.forExternalNetwork(id, id, path, Arrays.asList(userTags)), propagate);
	}

	public static PolicyBuilder policy(String name, String namespace) {
		return new PolicyBuilder(name, ns(namespace));
	}

	/**
	 * Builds policies with the API defaults (Allow, Bidirectional, any port).
	 */
	public static final class PolicyBuilder {

		private final String name;

		private final NamespacePath namespace;

		private String id;

		private PolicyAction action = PolicyAction.ALLOW;

		private ApplyMode mode = ApplyMode.BIDIRECTIONAL;

		private TagExpression subject;

		private TagExpression object;

		private ServicePorts ports = ServicePorts.ANY;

		private boolean fallback;

		private boolean disabled;

		private Instant expirationTime;

		private boolean observation;

		private boolean propagate;

		PolicyBuilder(String name, NamespacePath namespace) {
			this.name = name;
			this.namespace = namespace;
			this.id = name;
		}

		public PolicyBuilder id(String id) {
			this.id = id;
			return this;
		}

		public PolicyBuilder reject() {
			this.action = PolicyAction.REJECT;
			return this;
		}

		public PolicyBuilder action(PolicyAction action) {
			this.action = action;
			return this;
		}

		public PolicyBuilder mode(ApplyMode mode) {
			this.mode = mode;
			return this;
		}

		public PolicyBuilder incoming() {
			return mode(ApplyMode.INCOMING_TRAFFIC);
		}

		public PolicyBuilder outgoing() {
			return mode(ApplyMode.OUTGOING_TRAFFIC);
		}

		public PolicyBuilder subject(String... clause) {
			return subject(TagExpression.allOf(clause));
		}

		public PolicyBuilder subject(TagExpression subject) {
			this.subject = subject;
			return this;
		}

		public PolicyBuilder object(String... clause) {
			return object(TagExpression.allOf(clause));
		}

		public PolicyBuilder object(TagExpression object) {
			this.object = object;
			return this;
		}

		public PolicyBuilder ports(String... ports) {
			this.ports = ServicePorts.of(ports);
			return this;
		}

		public PolicyBuilder fallback() {
			return fallback(true);
		}

		public PolicyBuilder fallback(boolean fallback) {
			this.fallback = fallback;
			return this;
		}

		public PolicyBuilder disabled() {
			this.disabled = true;
			return this;
		}

		public PolicyBuilder expires(Instant expirationTime) {
			this.expirationTime = expirationTime;
			return this;
		}

		public PolicyBuilder observation() {
			return observation(true);
		}

		public PolicyBuilder observation(boolean observation) {
			this.observation = observation;
			return this;
		}

		public PolicyBuilder propagate() {
			return propagate(true);
		}

		public PolicyBuilder propagate(boolean propagate) {
			this.propagate = propagate;
			return this;
		}

		public NetworkPolicy build() {
			return new NetworkPolicy(this.id, this.name, this.namespace, this.action, this.mode, this.subject,
					this.object, this.ports, this.fallback, this.disabled, this.expirationTime, this.observation,
					this.propagate, false);
		}

	}

}
