package io.mseg.benchmarks.fanout;

import java.io.IOException;
import java.io.InputStream;

/** Test access to the answer parser of {@link MtlsHttp}. */
public final class MtlsHttpAccess {

	private MtlsHttpAccess() {
	}

	public static MtlsHttp.Answer read(InputStream in) throws IOException {
		return MtlsHttp.readAnswer(in);
	}

}
