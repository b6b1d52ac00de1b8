package io.mseg.enforcer.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;

/**
 * Pods as the API server would show them: by default running on {@link #NODE} with one
 * address, in namespace {@code shop}.
 */
final class TestPods {

	/** The node the source under test runs on. */
	static final String NODE = "node-a";

	private final String namespace;

	private final String name;

	private final Map<String, String> labels = new LinkedHashMap<>();

	private final List<String> podIps = new ArrayList<>();

	private String podIp;

	private String node = NODE;

	private String phase = "Running";

	private boolean hostNetwork;

	private String deletionTimestamp;

	private TestPods(String namespace, String name) {
		this.namespace = namespace;
		this.name = name;
	}

	/**
	 * A running pod of {@link #NODE}, without an address yet.
	 * @param namespace its namespace
	 * @param name its name
	 * @return a builder
	 */
	static TestPods pod(String namespace, String name) {
		return new TestPods(namespace, name);
	}

	/**
	 * A running pod of {@link #NODE} in namespace {@code shop} with one address.
	 * @param name its name
	 * @param address its address
	 * @return the pod
	 */
	static Pod running(String name, String address) {
		return pod("shop", name).ips(address).build();
	}

	TestPods label(String key, String value) {
		this.labels.put(key, value);
		return this;
	}

	/** Sets {@code status.podIPs} (and {@code status.podIP} to the first of them). */
	TestPods ips(String... addresses) {
		this.podIps.addAll(List.of(addresses));
		this.podIp = addresses[0];
		return this;
	}

	/** Sets {@code status.podIP} alone, as API servers before dual-stack did. */
	TestPods ipOnly(String address) {
		this.podIp = address;
		return this;
	}

	TestPods node(String node) {
		this.node = node;
		return this;
	}

	TestPods phase(String phase) {
		this.phase = phase;
		return this;
	}

	TestPods hostNetwork() {
		this.hostNetwork = true;
		return this;
	}

	TestPods deleting() {
		this.deletionTimestamp = "2026-12-06T00:00:00Z";
		return this;
	}

	Pod build() {
		return new PodBuilder().withNewMetadata()
			.withNamespace(this.namespace)
			.withName(this.name)
			.withLabels(this.labels.isEmpty() ? null : this.labels)
			.withDeletionTimestamp(this.deletionTimestamp)
			.endMetadata()
			.withNewSpec()
			.withNodeName(this.node)
			.withHostNetwork(this.hostNetwork ? true : null)
			.addNewContainer()
			.withName("main")
			.withImage("registry.example/app:1")
			.endContainer()
			.endSpec()
			.withNewStatus()
			.withPhase(this.phase)
			.withPodIP(this.podIp)
			.withPodIPs(this.podIps.stream().map(PodIP::new).toList())
			.endStatus()
			.build();
	}

}
