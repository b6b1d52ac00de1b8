/**
 * The objects policies are about: namespaces, network policies, processing units,
 * external networks and their system tags.
 */
package io.mseg.policy.model;
