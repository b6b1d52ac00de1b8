package io.mseg.enforcer.console;

/**
 * One item of an event stream: an event, or a comment (heartbeat).
 *
 * @param type the event name ({@code message} when none was given), or {@code null} for a
 * comment
 * @param id the event id, or {@code null}
 * @param data the data lines joined with newlines, or the comment text
 */
public record SseEvent(String type, String id, String data) {

	public static SseEvent comment(String text) {
		return new SseEvent(null, null, text);
	}

	public boolean isComment() {
		return this.type == null;
	}

}
