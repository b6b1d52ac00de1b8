package io.mseg.benchmarks.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WrkTests {

	@Test
	void readsRateLatenciesAndErrorsFromWrksReport() {
		Wrk.Result result = Wrk.Result.parse("""
				Running 10s test @ https://localhost:18443
				  2 threads and 16 connections
				  Thread Stats   Avg      Stdev     Max   +/- Stdev
				    Latency     9.90ms    6.65ms   1.02s    74.96%
				    Req/Sec     0.86k   138.71     1.55k    74.92%
				  Latency Distribution
				     50%  812.00us
				     75%   12.00ms
				     90%   17.50ms
				     99%    1.20s
				  17032 requests in 10.00s, 3.2MB read
				  Socket errors: connect 0, read 2, write 0, timeout 1
				  Non-2xx or 3xx responses: 29
				Requests/sec:   1703.20
				Transfer/sec:    327.60KB
				""");
		assertThat(result.requests()).isEqualTo(17032);
		assertThat(result.errors()).isEqualTo(32);
		assertThat(result.seconds()).isCloseTo(10.0, within(1e-9));
		assertThat(result.p50()).isCloseTo(0.812, within(1e-9));
		assertThat(result.p90()).isCloseTo(17.5, within(1e-9));
		assertThat(result.p99()).isCloseTo(1200, within(1e-9));
		assertThat(result.max()).isCloseTo(1020, within(1e-9));
		assertThat(result.rate()).isCloseTo(1700.0, within(1e-9));
	}

}
