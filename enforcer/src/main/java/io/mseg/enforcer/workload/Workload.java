package io.mseg.enforcer.workload;

import java.util.List;
import java.util.Objects;

/**
 * A workload on this node that the enforcer protects as a processing unit of its own
 * (node mode): a pod or a container behind a routed veth.
 *
 * @param name its name, unique on the node: {@code <kubernetes namespace>/<pod name>} for
 * pods, the file's name without extension for the directory source
 * @param type the processing unit type, {@code Pod} or {@code Container}
 * @param addresses its IPv4/IPv6 addresses, canonical and sorted
 * @param tags its tags ({@code key=value}): its labels, plus what its source adds
 * ({@link WorkloadTags})
 * @param hostInterface the host side of its veth, or {@code null} when unknown
 */
public record Workload(String name, String type, List<String> addresses, List<String> tags, String hostInterface) {

	/** The processing unit type of a Kubernetes pod. */
	public static final String POD = "Pod";

	/** The processing unit type of a container started without Kubernetes. */
	public static final String CONTAINER = "Container";

	public Workload {
		Objects.requireNonNull(name, "name");
		if (!POD.equals(type) && !CONTAINER.equals(type)) {
			throw new IllegalArgumentException("workload type '" + type + "': only Pod and Container");
		}
		addresses = List.copyOf(addresses);
		tags = List.copyOf(tags);
	}

}
