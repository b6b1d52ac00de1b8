package io.mseg.enforcer.nftables;

import java.util.ArrayList;
import java.util.List;

/**
 * A fake {@link NftClient} that records every transaction instead of touching the kernel
 * (like felix's fake table), and can be told to fail.
 */
public final class RecordingNftClient implements NftClient {

	private final List<String> scripts = new ArrayList<>();

	private final List<String> queries = new ArrayList<>();

	private volatile boolean missing;

	private volatile String refusal;

	private int refusals;

	private volatile String refusedText;

	@Override
	public synchronized void apply(String script) throws NftException {
		if (this.refusedText != null && script.contains(this.refusedText)) {
			throw new NftException(
					"Error: Could not process rule: No such file or directory (" + this.refusedText + ")");
		}
		if (this.refusal != null) {
			if (this.refusals > 0 && --this.refusals == 0) {
				String message = this.refusal;
				this.refusal = null;
				throw new NftException(message);
			}
			throw new NftException(this.refusal);
		}
		this.scripts.add(script);
	}

	@Override
	public synchronized String query(List<String> arguments) throws NftException {
		this.queries.add(String.join(" ", arguments));
		return "";
	}

	/**
	 * The read-only commands run so far.
	 * @return their arguments, in order
	 */
	public synchronized List<String> queries() {
		return List.copyOf(this.queries);
	}

	@Override
	public String version() throws NftException {
		if (this.missing) {
			throw new NftException("cannot run 'nft': No such file or directory (is nftables installed?)");
		}
		return "nftables v1.0.6 (fake)";
	}

	/**
	 * The transactions applied so far.
	 * @return the scripts, in order
	 */
	public synchronized List<String> scripts() {
		return List.copyOf(this.scripts);
	}

	public synchronized String last() {
		return this.scripts.isEmpty() ? null : this.scripts.get(this.scripts.size() - 1);
	}

	public RecordingNftClient missing() {
		this.missing = true;
		return this;
	}

	/**
	 * Refuses every transaction that contains a text, as a kernel without a feature does.
	 * @param text e.g. {@code redirect}
	 */
	public synchronized void refuseContaining(String text) {
		this.refusedText = text;
	}

	public synchronized void refuse(String message) {
		this.refusal = message;
		this.refusals = 0;
	}

	/**
	 * Refuses the next transaction only.
	 * @param message nft's error
	 */
	public synchronized void refuseOnce(String message) {
		this.refusal = message;
		this.refusals = 1;
	}

}
