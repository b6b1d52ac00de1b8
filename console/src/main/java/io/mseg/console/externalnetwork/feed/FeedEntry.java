package io.mseg.console.externalnetwork.feed;

/**
 * One entry as a feed wrote it, with where it was found.
 *
 * @param text the entry as written (trimmed)
 * @param location where: {@code line 12}, {@code prefixes[3].ip_prefix}
 */
public record FeedEntry(String text, String location) {

}
