package io.mseg.console.explain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.mseg.console.explain.ExplainResponse.PolicyRef;
import io.mseg.console.explain.ExplainResponse.ResolvedEndpoint;
import io.mseg.console.explain.ExplainResponse.SideBody;
import io.mseg.console.push.PolicyState;
import io.mseg.console.web.ApiException;
import io.mseg.console.web.FieldErrors;
import io.mseg.policy.InvalidValueException;
import io.mseg.policy.decision.Connection;
import io.mseg.policy.decision.Decision;
import io.mseg.policy.decision.DecisionEngine;
import io.mseg.policy.decision.Endpoint;
import io.mseg.policy.decision.PolicyMatch;
import io.mseg.policy.decision.PolicySnapshot;
import io.mseg.policy.decision.SideDecision;
import io.mseg.policy.model.NamespacePath;
import io.mseg.policy.model.ProcessingUnit;
import io.mseg.policy.network.DomainPattern;
import io.mseg.policy.network.IpAddress;
import io.mseg.policy.port.Traffic;

import org.springframework.stereotype.Service;

/**
 * Answers "would S reach D on this port, and why": the decision (docs/api.md, "Policy
 * semantics") with the policies behind it.
 */
@Service
public class ExplainService {

	static final String SOURCE_DOMAIN_REFUSED = "domain entries match only connections a processing unit initiates:"
			+ " give the domain name on the destination (source.domain is not accepted)";

	private final PolicyState state;

	private final Clock clock;

	ExplainService(PolicyState state, Clock clock) {
		this.state = state;
		this.clock = clock;
	}

	/**
	 * The verdict for a connection as the namespace's caller may see it.
	 * @throws io.mseg.console.web.ApiException 404 for a unit the namespace cannot see,
	 * 422 for an invalid request
	 */
	public ExplainResponse explain(NamespacePath namespace, ExplainRequest request) {
		FieldErrors errors = new FieldErrors();
		errors.required("source", request.source());
		errors.required("destination", request.destination());
		Traffic traffic = traffic(request, errors);
		errors.throwIfAny();
		PolicySnapshot snapshot = this.state.current().snapshot();
		Endpoint source = endpoint("source", request.source(), namespace, snapshot, errors, false);
		Endpoint destination = endpoint("destination", request.destination(), namespace, snapshot, errors, true);
		errors.throwIfAny();
		if (!(source instanceof Endpoint.Pu) && !(destination instanceof Endpoint.Pu)) {
			throw ApiException.invalid("source",
					"neither end is a processing unit: no enforcer decides traffic between external addresses");
		}
		Decision decision = DecisionEngine.decide(snapshot, new Connection(source, destination, traffic),
				this.clock.instant());
		SideBody outgoing = decision.outgoing().map((side) -> side(side, namespace)).orElse(null);
		SideBody incoming = decision.incoming().map((side) -> side(side, namespace)).orElse(null);
		return new ExplainResponse(decision.verdict().wireName(), summary(decision), resolved(source, namespace),
				resolved(destination, namespace), outgoing, incoming);
	}

	private static Traffic traffic(ExplainRequest request, FieldErrors errors) {
		if (request.protocol() == null) {
			errors.add("protocol", "is required, such as tcp");
			return null;
		}
		try {
			return Traffic.of(request.protocol(), request.port(), request.icmpType(), request.icmpCode());
		}
		catch (InvalidValueException ex) {
			errors.add(faultyTrafficField(ex.getMessage()), ex.getMessage());
			return null;
		}
	}

	/**
	 * The request field a refusal of the core's {@link Traffic} is about, read from its
	 * message (the core reports one problem and no field): a port out of range is the
	 * port's fault, not the protocol's.
	 */
	private static String faultyTrafficField(String message) {
		if (message.startsWith("unknown protocol") || message.startsWith("traffic needs a protocol")) {
			return "protocol";
		}
		if (message.contains("ICMP code")) {
			return "icmpCode";
		}
		if (message.contains("ICMP type")) {
			return "icmpType";
		}
		return message.contains("port") ? "port" : "protocol";
	}

	/**
	 * A processing unit must be one the namespace can see (404 otherwise, as if it did
	 * not exist). An address that belongs to any processing unit is that unit.
	 */
	private static Endpoint endpoint(String field, ExplainRequest.Endpoint given, NamespacePath namespace,
			PolicySnapshot snapshot, FieldErrors errors, boolean mayBeDomain) {
		if (given == null) {
			return null;
		}
		if (given.processingUnitId() != null) {
			if (given.address() != null || given.domain() != null) {
				errors.add(field, "give either processingUnitID or address (with an optional domain), not both");
				return null;
			}
			ProcessingUnit pu = snapshot.processingUnit(given.processingUnitId())
				.filter((candidate) -> namespace.contains(candidate.namespace()))
				.orElseThrow(() -> ApiException
					.notFound("no processingunit with ID " + given.processingUnitId() + " in this namespace"));
			return new Endpoint.Pu(pu);
		}
		IpAddress address = (given.address() != null)
				? errors.parse(field + ".address", given.address(), IpAddress::parse) : null;
		String domain = null;
		if (given.domain() != null) {
			if (!mayBeDomain) {
				// A domain entry's addresses are learned from the unit's own lookups: no
				// name
				// is known for a host that connects in, so a source name would match
				// nothing.
				errors.add(field + ".domain", SOURCE_DOMAIN_REFUSED);
			}
			else if (errors.parse(field + ".domain", given.domain(), DomainPattern::parse) != null) {
				domain = given.domain();
			}
		}
		if (given.address() == null && given.domain() == null) {
			errors.add(field, "give processingUnitID or address" + (mayBeDomain ? " (or domain)" : ""));
			return null;
		}
		if (address == null && domain == null) {
			// What was given has been refused above; there is no endpoint to build.
			return null;
		}
		if (address != null) {
			Optional<ProcessingUnit> owner = snapshot.processingUnitByAddress(address);
			if (owner.isPresent()) {
				return new Endpoint.Pu(owner.get());
			}
		}
		return new Endpoint.External(address, domain);
	}

	private static ResolvedEndpoint resolved(Endpoint endpoint, NamespacePath namespace) {
		if (endpoint instanceof Endpoint.Pu pu) {
			if (!namespace.contains(pu.pu().namespace())) {
				// A processing unit of a namespace the caller cannot see: only its
				// address is shown.
				return new ResolvedEndpoint(null, null, null, firstAddress(pu.pu()), null);
			}
			return new ResolvedEndpoint(pu.pu().id(), pu.pu().name(), pu.pu().namespace().value(),
					firstAddress(pu.pu()), null);
		}
		Endpoint.External external = (Endpoint.External) endpoint;
		return new ResolvedEndpoint(null, null, null,
				(external.address() != null) ? external.address().toString() : null, external.domain());
	}

	private static String firstAddress(ProcessingUnit pu) {
		return pu.addresses().isEmpty() ? null : pu.addresses().get(0).toString();
	}

	private static SideBody side(SideDecision side, NamespacePath namespace) {
		if (!namespace.contains(side.pu().namespace())) {
			// The other end's enforcer belongs to a namespace the caller cannot see: its
			// verdict
			// counts, its policies are not shown.
			return new SideBody(null, side.verdict().wireName(), reason(side),
					"decided by the enforcer of a " + "processing unit outside this namespace", null, null, null);
		}
		return new SideBody(side.pu().id(), side.verdict().wireName(), reason(side), sideSummary(side),
				refs(side.deciding(), side.pu()), refs(side.matching(), side.pu()), refs(side.observed(), side.pu()));
	}

	private static List<PolicyRef> refs(List<PolicyMatch> matches, ProcessingUnit pu) {
		return matches.stream().map((match) -> {
			var policy = match.policy();
			String propagatedFrom = policy.namespace().equals(pu.namespace()) ? null : policy.namespace().value();
			return new PolicyRef(policy.id(), policy.name(), policy.namespace().value(), policy.action().wireName(),
					policy.fallback(), propagatedFrom, match.externalNetworkId());
		}).toList();
	}

	private static String reason(SideDecision side) {
		return switch (side.reason()) {
			case REJECT_POLICY -> "RejectPolicy";
			case ALLOW_POLICY -> "AllowPolicy";
			case FALLBACK_REJECT_POLICY -> "FallbackRejectPolicy";
			case FALLBACK_ALLOW_POLICY -> "FallbackAllowPolicy";
			case DEFAULT_REJECT -> "DefaultReject";
		};
	}

	private static String sideSummary(SideDecision side) {
		String names = String.join(", ", side.deciding().stream().map((m) -> "'" + m.policy().name() + "'").toList());
		return switch (side.reason()) {
			case REJECT_POLICY -> "rejected by " + names + " (a matching reject wins over any allow)";
			case ALLOW_POLICY -> "allowed by " + names;
			case FALLBACK_REJECT_POLICY -> "rejected by the fallback policy " + names + " (no other policy matches)";
			case FALLBACK_ALLOW_POLICY -> "allowed by the fallback policy " + names + " (no other policy matches)";
			case DEFAULT_REJECT -> "rejected by default: no policy matches";
		};
	}

	private static String summary(Decision decision) {
		boolean bothSides = decision.outgoing().isPresent() && decision.incoming().isPresent();
		if (decision.verdict().wireName().equals("Allow")) {
			return bothSides ? "allowed: both the source and the destination allow it" : "allowed";
		}
		if (bothSides) {
			boolean sourceRejects = decision.outgoing().get().verdict().wireName().equals("Reject");
			boolean destinationRejects = decision.incoming().get().verdict().wireName().equals("Reject");
			if (sourceRejects && destinationRejects) {
				return "rejected by both the source and the destination";
			}
			return sourceRejects ? "rejected by the source (outgoing)" : "rejected by the destination (incoming)";
		}
		return "rejected";
	}

}
