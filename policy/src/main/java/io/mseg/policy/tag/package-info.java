/**
 * Tags ({@code key=value}) and the tag expressions that select processing units and
 * external networks.
 */
package io.mseg.policy.tag;
