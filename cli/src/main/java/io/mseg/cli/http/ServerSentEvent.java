package io.mseg.cli.http;

/**
 * One event of a {@code text/event-stream}: its name ({@code message} when the stream
 * gives none), its data (the {@code data:} lines joined by newlines) and its ID, if any.
 *
 * @param name the event's type
 * @param data the event's data
 * @param id the last event ID the stream set, {@code null} when none
 */
public record ServerSentEvent(String name, String data, String id) {

}
