package io.mseg.enforcer.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.mseg.policy.InvalidValueException;
import io.mseg.policy.network.IpAddress;

/**
 * One workload file of the directory source: {@code <name>.json}, {@code <name>.yaml} or
 * {@code <name>.yml}, written by whatever starts the workload (a CNI plugin, a script).
 * <pre>
 * {"name": "web-1", "type": "Container", "addresses": ["10.244.1.10", "fd00:244:1::10"],
 *  "labels": {"app": "frontend", "tier": "web"}, "interface": "vweb1"}
 * </pre> Read strictly, JSON and YAML alike: an unknown or repeated field, a number or
 * boolean where text belongs, a missing address or interface is refused with the field's
 * path, never dropped or guessed. {@code name} may be left out (it is the file's name)
 * but not differ from it; {@code type} is {@code Container} when left out; {@code labels}
 * may be left out.
 *
 * @param name the workload's name
 * @param type {@code Container} or {@code Pod}
 * @param addresses its addresses
 * @param labels its labels
 * @param hostInterface the host side of its routed veth
 */
record WorkloadFile(String name, String type, List<String> addresses, Map<String, String> labels,
		@JsonProperty("interface") String hostInterface) {

	/** What Linux accepts as an interface name and nft reads quoted, without escaping. */
	private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

	/** The file names the source reads, and the workload name they give. */
	private static final Pattern FILE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.@-]{0,252})\\.(json|yaml|yml)");

	private static final ObjectMapper JSON = strict(JsonMapper.builder()).build();

	private static final ObjectMapper YAML = strict(YAMLMapper.builder()).build();

	/**
	 * The name of the workload a file describes.
	 * @param file the file
	 * @return its name, or {@code null} when the source does not read such a file
	 */
	static String nameOf(Path file) {
		var matcher = FILE.matcher(file.getFileName().toString());
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * Reads a workload file.
	 * @param file the file ({@link #nameOf} not {@code null})
	 * @return the workload
	 * @throws IOException when the file cannot be read
	 * @throws InvalidValueException when it is not a valid workload (the message names
	 * the field)
	 */
	static Workload read(Path file) throws IOException {
		String name = nameOf(file);
		String text = Files.readString(file);
		ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? JSON : YAML;
		WorkloadFile read;
		try {
			read = mapper.readValue(text, WorkloadFile.class);
		}
		catch (JacksonException ex) {
			throw new InvalidValueException(describe(ex));
		}
		if (read == null) {
			throw new InvalidValueException("the file is empty");
		}
		return read.toWorkload(name);
	}

	private Workload toWorkload(String fileName) {
		if (this.name != null && !this.name.equals(fileName)) {
			throw new InvalidValueException(
					"name: '" + this.name + "' differs from the file's name '" + fileName + "': they must be the same");
		}
		String kind = (this.type != null) ? this.type : Workload.CONTAINER;
		if (!Workload.CONTAINER.equals(kind) && !Workload.POD.equals(kind)) {
			throw new InvalidValueException("type: must be Container or Pod, not '" + kind + "'");
		}
		if (this.addresses == null || this.addresses.isEmpty()) {
			throw new InvalidValueException("addresses: at least one IPv4 or IPv6 address is required");
		}
		TreeSet<IpAddress> parsed = new TreeSet<>();
		for (int i = 0; i < this.addresses.size(); i++) {
			String address = this.addresses.get(i);
			try {
				if (address == null || !parsed.add(IpAddress.parse(address))) {
					throw new InvalidValueException((address == null) ? "must be an IP address" : "is listed twice");
				}
			}
			catch (InvalidValueException ex) {
				throw new InvalidValueException("addresses[" + i + "]: " + ex.getMessage());
			}
		}
		if (this.hostInterface == null) {
			throw new InvalidValueException("interface: the host side of the workload's veth is required");
		}
		if (!INTERFACE.matcher(this.hostInterface).matches()) {
			throw new InvalidValueException("interface: '" + this.hostInterface
					+ "' is not an interface name (1 to 15 letters, digits, _ . : @ -)");
		}
		Map<String, String> given = (this.labels != null) ? this.labels : Map.of();
		if (given.containsValue(null)) {
			throw new InvalidValueException("labels: a label's value must be text, not null");
		}
		List<String> tags;
		try {
			tags = WorkloadTags.of(given);
		}
		catch (InvalidValueException ex) {
			throw new InvalidValueException("labels: " + ex.getMessage());
		}
		return new Workload(fileName, kind, parsed.stream().map(IpAddress::toString).toList(), tags,
				this.hostInterface);
	}

	/** A parse failure as the field's path and what is wrong, without Java names. */
	private static String describe(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return "unknown field '" + unknown.getPropertyName() + "' (the fields are name, type, addresses, labels"
					+ " and interface)";
		}
		String where = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
				? " (line " + ex.getLocation().getLineNr() + ")" : "";
		String message = String.valueOf(ex.getOriginalMessage()).lines().findFirst().orElse("");
		return (path.isEmpty() ? "" : path + ": ") + message + where;
	}

	private static <B extends MapperBuilder<?, B>> B strict(B builder) {
		return builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
