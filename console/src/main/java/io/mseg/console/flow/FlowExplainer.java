package io.mseg.console.flow;

import io.mseg.console.explain.ExplainRequest;
import io.mseg.console.explain.ExplainResponse;
import io.mseg.console.explain.ExplainService;
import io.mseg.console.web.ApiException;
import io.mseg.policy.model.NamespacePath;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Explains a stored record's flow with the policies as they are now: the record's
 * processing unit on its side (the source of an outgoing flow, the destination of an
 * incoming one), the address of the other side, with the domain of an outgoing flow.
 */
@Component
class FlowExplainer {

	private final FlowReports reports;

	private final ExplainService explain;

	FlowExplainer(FlowReports reports, ExplainService explain) {
		this.reports = reports;
		this.explain = explain;
	}

	ExplainResponse explain(NamespacePath namespace, String id) {
		FlowReportBody record = (id.matches("[0-9]{1,18}"))
				? this.reports.find(namespace, Long.parseLong(id)).orElse(null) : null;
		if (record == null) {
			throw ApiException.notFound("no flow report with ID " + id + " in this namespace");
		}
		try {
			return this.explain.explain(namespace, request(record));
		}
		catch (ApiException ex) {
			if (ex.status() == HttpStatus.NOT_FOUND) {
				// Nothing decides traffic of a unit that is gone: there is no verdict to
				// explain.
				throw ApiException.notFound("the processing unit " + record.processingUnitId() + " of flow report " + id
						+ " no longer exists: nothing decides this flow now");
			}
			throw ex;
		}
	}

	static ExplainRequest request(FlowReportBody record) {
		ExplainRequest.Endpoint unit = new ExplainRequest.Endpoint(record.processingUnitId(), null, null);
		boolean outgoing = "Outgoing".equals(record.direction());
		ExplainRequest.Endpoint source = outgoing ? unit
				: new ExplainRequest.Endpoint(null, record.sourceAddress(), null);
		ExplainRequest.Endpoint destination = outgoing
				? new ExplainRequest.Endpoint(null, record.destinationAddress(), record.domain()) : unit;
		return new ExplainRequest(source, destination, record.protocol(), record.destinationPort(), null, null);
	}

}
