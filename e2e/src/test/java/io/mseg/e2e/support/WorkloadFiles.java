package io.mseg.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Workload files of an enforcer's directory source ({@code --workloads directory:}),
 * written as a CNI plugin should: elsewhere first (a name starting with a dot, never
 * read), then renamed into place.
 */
public final class WorkloadFiles {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WorkloadFiles() {
	}

	/**
	 * Writes (or replaces) a workload's file.
	 * @param directory the directory
	 * @param name the workload's name (and the file's)
	 * @param type {@code Pod} or {@code Container}
	 * @param address its address
	 * @param iface the node side of its veth
	 * @param tags its labels, {@code key=value}
	 */
	public static void write(Path directory, String name, String type, String address, String iface, String... tags) {
		write(directory, name, type, List.of(address), iface, tags);
	}

	/**
	 * Writes (or replaces) a workload's file.
	 * @param directory the directory
	 * @param name the workload's name (and the file's)
	 * @param type {@code Pod} or {@code Container}
	 * @param addresses its addresses
	 * @param iface the node side of its veth
	 * @param tags its labels, {@code key=value}
	 */
	public static void write(Path directory, String name, String type, List<String> addresses, String iface,
			String... tags) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (String tag : tags) {
			String[] keyValue = tag.split("=", 2);
			labels.put(keyValue[0], keyValue[1]);
		}
		Map<String, Object> workload = new LinkedHashMap<>();
		workload.put("name", name);
		workload.put("type", type);
		workload.put("addresses", addresses);
		workload.put("labels", labels);
		workload.put("interface", iface);
		try {
			Path temporary = directory.resolve("." + name + ".json");
			Files.writeString(temporary, JSON.writeValueAsString(workload));
			Files.move(temporary, directory.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a workload's file: the workload is gone.
	 * @param directory the directory
	 * @param name the workload's name
	 */
	public static void delete(Path directory, String name) {
		try {
			Files.delete(directory.resolve(name + ".json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
