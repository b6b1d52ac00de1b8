package io.mseg.console.transfer;

import java.util.List;
import java.util.Map;

import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The original product's export format: a label and, per kind, a list of objects. Object
 * namespaces are relative to the namespace of the request ({@code prod/web}; absent for
 * the namespace itself), so a document moves between namespaces.
 *
 * @param label with import, objects carry this label; objects of the subtree that carry
 * it and are no longer in the document are deleted
 * @param data {@code namespaces}, {@code externalnetworks},
 * {@code networkaccesspolicies}, {@code processingunits}
 */
@Schema(name = "TransferDocument")
@RequestExample(name = "the README's acme.yaml, without its processing unit", value = """
		{
		  "label": "acme",
		  "data": {
		    "namespaces": [{"name": "prod"}],
		    "externalnetworks": [
		      {"name": "internet", "entries": ["0.0.0.0/0"], "associatedTags": ["ext:name=internet"]}
		    ],
		    "networkaccesspolicies": [
		      {
		        "name": "allow internet to web",
		        "applyPolicyMode": "IncomingTraffic",
		        "propagate": true,
		        "subject": [["ext:name=internet"]],
		        "object": [["app=web"]],
		        "ports": ["tcp/443"]
		      }
		    ]
		  }
		}""")
public record TransferDocument(
		@Schema(description = "With import, objects carry this label; objects of the subtree that carry it and are "
				+ "no longer in the document are deleted") String label,
		@Schema(description = "Per kind (namespaces, externalnetworks, networkaccesspolicies, processingunits), its "
				+ "objects as their POST bodies, with a namespace relative to the request's") Map<String, List<Map<String, Object>>> data) {

}
