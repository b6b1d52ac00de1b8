package io.mseg.console.audit;

/**
 * Published, in the changing transaction, for every change the audit trail records.
 *
 * @param kind the object's kind, such as {@code networkaccesspolicy}
 * @param objectId its ID
 * @param namespace its namespace
 */
public record ObjectChanged(String kind, String objectId, String namespace) {

}
