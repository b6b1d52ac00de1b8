package io.mseg.console.object;

/**
 * What writing an object by its name did (import and unit registration identify by name).
 */
public enum Upserted {

	CREATED, UPDATED, UNCHANGED

}
