/**
 * The decision function: which policies apply to a processing unit, what they match on
 * the remote side, and the verdict of each enforcer for a connection.
 */
package io.mseg.policy.decision;
