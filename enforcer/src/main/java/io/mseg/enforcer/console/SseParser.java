package io.mseg.enforcer.console;

/**
 * Reads server-sent events line by line (WHATWG "event stream interpretation"): fields
 * {@code event}, {@code data}, {@code id}; comments start with a colon; a blank line ends
 * an event. Comments are reported too, since they prove the stream alive.
 */
public final class SseParser {

	private String type;

	private StringBuilder data;

	private String id;

	/**
	 * Feeds one line (without its line break).
	 * @param line the line
	 * @return the event or comment it completes, or {@code null}
	 */
	public SseEvent line(String line) {
		if (line.isEmpty()) {
			return dispatch();
		}
		if (line.startsWith(":")) {
			return SseEvent.comment(line.substring(1).strip());
		}
		int colon = line.indexOf(':');
		String field = (colon < 0) ? line : line.substring(0, colon);
		String value = (colon < 0) ? "" : line.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.type = value;
			case "data" -> {
				if (this.data == null) {
					this.data = new StringBuilder(value);
				}
				else {
					this.data.append('\n').append(value);
				}
			}
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.id = value;
				}
			}
			default -> {
				// retry and unknown fields are ignored
			}
		}
		return null;
	}

	private SseEvent dispatch() {
		if (this.type == null && this.data == null) {
			return null;
		}
		SseEvent event = new SseEvent((this.type != null && !this.type.isEmpty()) ? this.type : "message", this.id,
				(this.data != null) ? this.data.toString() : "");
		this.type = null;
		this.data = null;
		return event;
	}

}
