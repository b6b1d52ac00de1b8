package io.mseg.enforcer.nftables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.mseg.enforcer.document.PolicyDocument;
import io.mseg.enforcer.document.PolicyDocuments;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;
import io.mseg.enforcer.nftables.RulesetOptions.NodeMode;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.ServicePorts;

/**
 * Documents and options shared by the renderer tests.
 */
public final class Fixtures {

	/** The options of the golden files: console 10.233.0.1:8443, default failsafes. */
	public static final RulesetOptions OPTIONS = new RulesetOptions("mseg",
			List.of(new Endpoint(IpAddress.parse("10.233.0.1"), 8443)), ServicePorts.of("tcp/22", "udp/68"),
			ServicePorts.of("udp/53", "tcp/53", "udp/67"), RejectStyle.DROP);

	/**
	 * The options of a node ({@code workloads.nft}): workload interfaces {@code cali*};
	 * on the node, {@code shop/web-1} behind {@code cali1a2b3c4d5e6} and
	 * {@code shop/api-1} behind {@code vapi1}; {@code shop/old-1} of the document has
	 * left it.
	 */
	public static final RulesetOptions NODE_OPTIONS = OPTIONS
		.withNodeMode(new NodeMode(List.of("cali*"), Map.of("shop/web-1", "cali1a2b3c4d5e6", "shop/api-1", "vapi1")));

	/**
	 * How many rules the input chain has before its first jump with {@link #OPTIONS}:
	 * established, console, invalid, loopback, neighbour discovery, two failsafe ports.
	 */
	public static final int INPUT_FRAME = 7;

	private Fixtures() {
	}

	public static String resource(String path) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static PolicyDocument document(String name) {
		return PolicyDocuments.parse(resource("documents/" + name + ".json"));
	}

	/**
	 * The ruleset of a document with {@link #OPTIONS}.
	 * @param name the document's name in src/test/resources/documents
	 * @return the ruleset
	 */
	public static Ruleset ruleset(String name) {
		return new RulesetBuilder(OPTIONS, (warning) -> {
		}).build(document(name));
	}

	/**
	 * The incremental script from one document's ruleset to another's.
	 * @param from the document the table holds
	 * @param to the next document
	 * @return the script
	 */
	public static String update(String from, String to) {
		return NftRenderer.update(ruleset(from), ruleset(to)).text();
	}

}
