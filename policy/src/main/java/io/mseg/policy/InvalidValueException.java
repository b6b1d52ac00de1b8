package io.mseg.policy;

/**
 * A value that breaks a validation rule, optionally pointing at one element of a list.
 */
public class InvalidValueException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int index;

	public InvalidValueException(String message) {
		this(-1, message);
	}

	public InvalidValueException(int index, String message) {
		super(message);
		this.index = index;
	}

	/**
	 * The index of the offending list element.
	 * @return the index, or -1 when the error is not about one element of a list
	 */
	public int index() {
		return this.index;
	}

	/**
	 * The same error, attributed to element {@code index} of the list being validated.
	 * @param index the index of the element that holds the invalid value
	 * @return a new exception with the same message and the given index
	 */
	public InvalidValueException atIndex(int index) {
		InvalidValueException indexed = new InvalidValueException(index, getMessage());
		indexed.initCause(this);
		return indexed;
	}

}
