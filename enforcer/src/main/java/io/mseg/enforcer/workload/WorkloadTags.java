package io.mseg.enforcer.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.tag.Tag;

/**
 * A workload's labels as the tags policies select it by: label {@code app: frontend} is
 * tag {@code app=frontend}. A label with an empty value (Kubernetes allows them) becomes
 * {@code key=""}: a tag's value cannot be empty, and {@code key=*} in a policy still
 * matches it. A label that is no tag at all (a key with a space or {@code =}, a line
 * break, 1 KiB or more) is refused: a workload never gets a tag other than its label.
 */
public final class WorkloadTags {

	/** The key of the tag naming a pod's Kubernetes namespace. */
	public static final String KUBERNETES_NAMESPACE = "k8s:namespace";

	private WorkloadTags() {
	}

	/**
	 * The tags of some labels, sorted by key.
	 * @param labels the labels
	 * @return the tags
	 * @throws InvalidValueException when a label cannot be a tag (the message names it)
	 */
	public static List<String> of(Map<String, String> labels) {
		List<String> tags = new ArrayList<>();
		new TreeMap<>(labels).forEach((key, value) -> {
			String text = (value == null || value.isEmpty()) ? "\"\"" : value;
			try {
				tags.add(new Tag(key, text).toString());
			}
			catch (InvalidValueException ex) {
				throw new InvalidValueException("label " + key + ": " + ex.getMessage());
			}
		});
		return tags;
	}

}
