package io.mseg.console.transfer;

import java.util.List;
import java.util.Map;

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
public record TransferDocument(String label, Map<String, List<Map<String, Object>>> data) {

}
