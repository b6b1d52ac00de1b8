package io.mseg.console.web;

/**
 * Checks bytes as they stream past for well-formed UTF-8 (RFC 3629): no overlong
 * encodings (such as {@code C0 80} for NUL), no encoded surrogates (CESU-8's
 * {@code ED A0 80}), nothing above U+10FFFF, no sequence cut short. A lenient decoder
 * turns such bytes into other text than the client sent; the API refuses them instead.
 */
final class Utf8Validator {

	/** Continuation bytes still expected in the current sequence. */
	private int pending;

	/** The range the next continuation byte must lie in (narrower for the first). */
	private int low = 0x80;

	private int high = 0xBF;

	private long offset;

	/**
	 * Feeds bytes.
	 * @param bytes the buffer
	 * @param from the first byte
	 * @param length how many
	 * @return the offset in the whole stream of the first bad byte, or -1
	 */
	long feed(byte[] bytes, int from, int length) {
		for (int i = from; i < from + length; i++, this.offset++) {
			if (!accept(bytes[i] & 0xFF)) {
				return this.offset;
			}
		}
		return -1;
	}

	/**
	 * Whether the stream may end here.
	 * @return the offset where the cut sequence began, or -1 when it is complete
	 */
	long end() {
		return (this.pending > 0) ? this.offset : -1;
	}

	private boolean accept(int b) {
		if (this.pending > 0) {
			if (b < this.low || b > this.high) {
				return false;
			}
			this.pending--;
			this.low = 0x80;
			this.high = 0xBF;
			return true;
		}
		if (b < 0x80) {
			return true;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			return expect(1, 0x80, 0xBF);
		}
		if (b == 0xE0) {
			return expect(2, 0xA0, 0xBF);
		}
		if (b == 0xED) {
			return expect(2, 0x80, 0x9F);
		}
		if (b >= 0xE1 && b <= 0xEF) {
			return expect(2, 0x80, 0xBF);
		}
		if (b == 0xF0) {
			return expect(3, 0x90, 0xBF);
		}
		if (b >= 0xF1 && b <= 0xF3) {
			return expect(3, 0x80, 0xBF);
		}
		if (b == 0xF4) {
			return expect(3, 0x80, 0x8F);
		}
		return false;
	}

	private boolean expect(int continuations, int low, int high) {
		this.pending = continuations;
		this.low = low;
		this.high = high;
		return true;
	}

}
