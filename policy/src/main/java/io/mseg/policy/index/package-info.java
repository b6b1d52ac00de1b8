/**
 * The console's incremental view of all policies and objects: indexes that render one
 * processing unit without scanning everything, and tell which processing units a change
 * may affect.
 */
package io.mseg.policy.index;
