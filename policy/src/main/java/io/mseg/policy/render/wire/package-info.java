/**
 * The rendered policy as the console serves it and the enforcer reads it: the index of an
 * enforcer's policy, the sections it names and how a section is named. Both sides build
 * on these records, so that a field exists on both or on neither.
 * <p>
 * The records are the JSON: a component's name is its field's name ({@code ID},
 * {@code policyID}, {@code enforcerID} as the original product spells them), since the
 * core carries no Jackson annotations and every mapper (the console's, the enforcer's,
 * the one describing the API) reads records by component name. A list left out reads as
 * empty. Each side configures the rest on its own mapper: the console leaves out null
 * fields (what a viewer may not see), the enforcer ignores fields it does not know (a
 * newer console).
 */
package io.mseg.policy.render.wire;
