/**
 * The pure-Java policy core shared by the console and the enforcer: tags, tag
 * expressions, service ports, external-network entries, the decision function and the
 * rendered-policy model.
 */
package io.mseg.policy;
