package io.mseg.console.explain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A connection to explain: who connects to whom, with which protocol and port.
 */
@Schema(name = "ExplainRequest")
@RequestExample(name = "from the internet to a front end", value = """
		{
		  "source": {"address": "203.0.113.7"},
		  "destination": {"address": "192.0.2.10"},
		  "protocol": "tcp",
		  "port": 443
		}""")
public record ExplainRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Endpoint source,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Endpoint destination,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "tcp") String protocol,
		@Schema(description = "Required for tcp and udp", example = "443") Integer port,
		@Schema(description = "For icmp and icmp6") Integer icmpType,
		@Schema(description = "For icmp and icmp6") Integer icmpCode) {

	/**
	 * One end of the connection: a processing unit by ID, or an address (an address that
	 * belongs to a processing unit means that processing unit), optionally with the
	 * domain name an external destination was reached by (never a source's: a domain
	 * entry matches only connections a processing unit initiates).
	 */
	@Schema(name = "ExplainEndpoint")
	public record Endpoint(@JsonProperty("processingUnitID") String processingUnitId,
			@Schema(example = "203.0.113.7") String address,
			@Schema(description = "Only on the destination: domain entries match only connections the processing unit"
					+ " initiates (outgoing); for incoming traffic they match nothing",
					example = "api.example.com") String domain) {

	}

}
