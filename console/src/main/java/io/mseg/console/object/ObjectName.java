package io.mseg.console.object;

/**
 * An object as an import names it: its namespace and its name (unique per kind and
 * namespace).
 *
 * @param namespace the namespace path
 * @param name the name
 */
public record ObjectName(String namespace, String name) {

}
