package io.mseg.console.web;

/**
 * One invalid field of a request: its path in the body ({@code subject[0][1]},
 * {@code data.networkaccesspolicies[2].ports[0]}) and why it is refused.
 */
public record FieldError(String field, String message) {

}
